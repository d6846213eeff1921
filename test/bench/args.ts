// The command line of `npm run bench -- [latencyMs] [options]`.
import { parseArgs } from 'node:util';
import { CONTENDERS, DEFAULT_CONTENDERS } from './contenders.js';
import type { WarmLevel } from './scenarios/warm.js';

export const WARM_LEVELS: readonly WarmLevel[] = [
  { id: 'warm-10', concurrency: 10, requests: 2_000 },
  { id: 'warm-50', concurrency: 50, requests: 4_000 },
  { id: 'warm-200', concurrency: 200, requests: 4_000 },
];
const COLD = ['cold-browse', 'cold-item', 'cold-subscriptions'] as const;
const SCENARIOS = [...WARM_LEVELS.map((l) => l.id), ...COLD, 'startup'] as const;
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  all: SCENARIOS,
  warm: WARM_LEVELS.map((l) => l.id),
  cold: COLD,
};

export const USAGE = `npm run bench -- [latencyMs] [options]

  latencyMs              the sandbox's latency on every upstream answer (default 50)
  --scenarios a,b        ${SCENARIOS.join(', ')}, or the groups warm, cold, all (default all)
  --contenders a,b       ${CONTENDERS.map((c) => c.id).join(', ')} (default ${DEFAULT_CONTENDERS.join(',')})
  --rounds N             rounds of every scenario, alternating the contenders (default 3)
  --max-seconds S        time bound of one warm round of one contender (default 8)
  --node-env VALUE       NODE_ENV for every contender (default unset; gateway-prod and gateway-dist set production)
  --quick                1 round and a fifth of the requests: a check that it all runs`;

export interface BenchArgs {
  readonly latencyMs: number;
  readonly scenarios: ReadonlySet<string>;
  readonly contenders: readonly string[];
  readonly rounds: number;
  readonly maxSeconds: number;
  readonly warmLevels: readonly WarmLevel[];
  readonly nodeEnv?: string;
}

function list(value: string | undefined, fallback: readonly string[]): string[] {
  return value === undefined ? [...fallback] : value.split(',').map((s) => s.trim()).filter(Boolean);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not ${value}\n\n${USAGE}`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      scenarios: { type: 'string' },
      contenders: { type: 'string' },
      rounds: { type: 'string' },
      'max-seconds': { type: 'string' },
      'node-env': { type: 'string' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const latencyMs = positionals[0] === undefined ? 50 : Number(positionals[0]);
  if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 60_000) throw new Error(`latency must be 0–60000 ms, not ${positionals[0]}\n\n${USAGE}`);
  const scenarios = new Set(list(values.scenarios, ['all']).flatMap((s) => GROUPS[s] ?? [s]));
  for (const s of scenarios) if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`unknown scenario ${s}\n\n${USAGE}`);
  const quick = values.quick === true;
  const rounds = Math.round(positive('--rounds', values.rounds, quick ? 1 : 3));
  const scale = quick ? 5 : 1;
  return {
    latencyMs,
    scenarios,
    contenders: list(values.contenders, DEFAULT_CONTENDERS),
    rounds,
    maxSeconds: positive('--max-seconds', values['max-seconds'], quick ? 4 : 8),
    ...(values['node-env'] ? { nodeEnv: values['node-env'] } : {}),
    warmLevels: WARM_LEVELS.filter((l) => scenarios.has(l.id)).map((l) => ({ ...l, requests: Math.ceil(l.requests / scale) })),
  };
}
