// Warm browse: every contender up at once, its catalog warm, then rounds in which each concurrency
// level is run against each contender in turn (the order rotates every round), so a colleague's
// test run on the shared machine hits all contenders alike. Memory is read from outside: idle
// after start, the peak sampled under load, and again after every round has run.
import { queryOnce } from '../client.js';
import type { Contender } from '../contenders.js';
import { startContender, type RunContext, type RunningContender } from '../contender-process.js';
import { browse, requestBody } from '../documents.js';
import { runLoad, type LoadResult } from '../load.js';
import { readRss, sampleRss } from '../memory.js';
import type { SandboxProcess } from '../sandbox-process.js';
import { rotate, settle } from './timing.js';

export interface WarmLevel {
  readonly id: string;
  readonly concurrency: number;
  readonly requests: number;
}

export interface WarmRun {
  readonly level: string;
  readonly contender: string;
  readonly round: number;
  readonly load: LoadResult;
  readonly upstreamCalls: number;
}

export interface WarmMemory {
  readonly contender: string;
  readonly idleMiB: number;
  readonly peakUnderLoadMiB: number;
  readonly afterMiB: number;
  readonly highWaterMiB: number;
}

export interface WarmReport {
  readonly runs: readonly WarmRun[];
  readonly memory: readonly WarmMemory[];
  readonly readyMs: Readonly<Record<string, number>>;
  readonly checks: readonly string[];
}

export interface WarmOptions {
  readonly sandbox: SandboxProcess;
  readonly run: RunContext;
  readonly contenders: readonly Contender[];
  readonly levels: readonly WarmLevel[];
  readonly rounds: number;
  readonly country: string;
  readonly maxSeconds: number;
  readonly log: (line: string) => void;
}

const WARMUP = { requests: 300, concurrency: 10, maxSeconds: 10 } as const;
const TIMEOUT_MS = 10_000;

export async function runWarm(o: WarmOptions): Promise<WarmReport> {
  const started: RunningContender[] = [];
  try {
    // One at a time: their start-ups would otherwise compete for the two cores.
    for (const c of o.contenders) started.push(await startContender(c, o.run));
    await settle(1_000);
    const idle = new Map(started.map((r) => [r.contender.id, readRss(r.proc.pid).rssMiB]));

    const checks = await sameData(started, browse(o.country));
    const body = requestBody(browse(o.country));
    for (const r of started) {
      const w = await runLoad({ url: r.endpoint, body, ...WARMUP, timeoutMs: TIMEOUT_MS });
      if (w.ok === 0) throw new Error(`${r.contender.id}: the warm-up failed: ${w.firstError ?? 'no answer'}`);
    }

    const runs: WarmRun[] = [];
    const peak = new Map<string, number>();
    for (let round = 0; round < o.rounds; round += 1) {
      for (const level of o.levels) {
        for (const r of rotate(started, round)) {
          const sampler = sampleRss(r.proc.pid);
          const load = await runLoad({
            url: r.endpoint,
            body,
            requests: level.requests,
            concurrency: level.concurrency,
            maxSeconds: o.maxSeconds,
            timeoutMs: TIMEOUT_MS,
            beforeStart: () => o.sandbox.reset(),
          });
          peak.set(r.contender.id, Math.max(peak.get(r.contender.id) ?? 0, sampler.stop()));
          const upstreamCalls = (await o.sandbox.counters()).total;
          runs.push({ level: level.id, contender: r.contender.id, round, load, upstreamCalls });
          o.log(
            `  round ${round + 1} ${level.id} ${r.contender.id}: ${(load.ok / load.seconds).toFixed(0)} req/s, ${load.ok} ok` +
              `${load.capped ? ' (time bound)' : ''}, ${load.errors} errors, ${load.timeouts} timeouts${load.firstError ? ` (${load.firstError.slice(0, 120)})` : ''}`,
          );
          if (!r.proc.alive()) throw new Error(`${r.contender.id} died under load:\n${r.proc.stderr()}`);
        }
      }
    }

    // "After many requests": once the last round's garbage has had a moment to be collected.
    await settle(2_000);
    const memory = started.map((r) => {
      const now = readRss(r.proc.pid);
      return {
        contender: r.contender.id,
        idleMiB: idle.get(r.contender.id) ?? NaN,
        peakUnderLoadMiB: peak.get(r.contender.id) ?? NaN,
        afterMiB: now.rssMiB,
        highWaterMiB: now.peakMiB,
      };
    });
    return { runs, memory, readyMs: Object.fromEntries(started.map((r) => [r.contender.id, r.readyMs])), checks };
  } finally {
    await Promise.all(started.map((r) => r.stop()));
  }
}

/** Every contender must answer the same data, or the comparison compares different work. */
async function sameData(running: readonly RunningContender[], query: string): Promise<string[]> {
  const answers = await Promise.all(running.map(async (r) => ({ id: r.contender.id, data: (await queryOnce(r.endpoint, query)).data })));
  const [first, ...rest] = answers;
  if (!first) return [];
  return rest.map((a) => {
    if (a.data !== first.data) throw new Error(`warm browse: ${a.id} answers other data than ${first.id}:\n${a.data.slice(0, 300)}\n${first.data.slice(0, 300)}`);
    return `warm browse: ${a.id} answers the same data as ${first.id} (${first.data.length} bytes)`;
  });
}
