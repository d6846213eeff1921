// `npm run bench -- [latencyMs] [options]`: this gateway side by side with the ceiling (bare yoga
// over in-memory data) and a naive fetch-per-field gateway, each in its own process over one
// sandbox process with a fixed upstream latency. Warm browse at several concurrencies, cold
// browse / catalogItem / subscriptions in fresh processes, memory from /proc, start-up times.
// Rounds alternate the contenders and the tables show medians: the machine is shared and noisy,
// so nothing here asserts a time. Upstream call counts are exact. `--help` lists the options.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { parseBenchArgs, USAGE } from './args.js';
import { buildGateway, type Build } from './build.js';
import type { RunContext } from './contender-process.js';
import { contendersById } from './contenders.js';
import { findFixtures } from './fixtures.js';
import { ROOT } from './processes.js';
import { coldTable, memoryTable, startupTable, warmTable } from './report.js';
import { startSandboxProcess } from './sandbox-process.js';
import { coldCases, runCold } from './scenarios/cold.js';
import { runStartup } from './scenarios/startup.js';
import { runWarm } from './scenarios/warm.js';

const parsed = parseBenchArgs(process.argv.slice(2));
if (parsed === 'help') {
  console.log(USAGE);
  process.exit(0);
}
const args = parsed;
const contenders = contendersById(args.contenders);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

function treeState(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return `${head}${changed > 0 ? ` + ${changed} uncommitted files in src/` : ''}`;
  } catch {
    return 'unknown';
  }
}

const startedAt = performance.now();
const loadBefore = load();
const tree = treeState();
log(`bench: ${args.latencyMs} ms upstream latency, ${args.rounds} rounds, contenders ${contenders.map((c) => c.id).join(', ')}; load average ${loadBefore}`);
const sandbox = await startSandboxProcess(args.latencyMs);
const sections: string[] = [];
const checks: string[] = [];
let build: Build | undefined;
try {
  const fixtures = await findFixtures(sandbox);
  if (args.scenarios.has('startup') || contenders.some((c) => c.needsBuild)) {
    build = await buildGateway();
    log(`build: ${build.ms.toFixed(0)} ms${build.problem ? ` (${build.problem})` : ''}`);
  }
  const run: RunContext = {
    sandboxUrl: sandbox.url,
    env: args.nodeEnv ? { NODE_ENV: args.nodeEnv } : {},
    ...(build?.serverPath ? { builtServer: build.serverPath } : {}),
  };

  if (args.warmLevels.length > 0) {
    const warmContenders = contenders.filter((c) => c.scenarios.has('warm-browse'));
    log(`warm browse: ${args.warmLevels.map((l) => `${l.requests} at ${l.concurrency}`).join(', ')}; at most ${args.maxSeconds} s a round`);
    const warm = await runWarm({ sandbox, run, contenders: warmContenders, levels: args.warmLevels, rounds: args.rounds, country: fixtures.country, maxSeconds: args.maxSeconds, log });
    checks.push(...warm.checks);
    sections.push(
      `Warm browse (10 products with all SKUs and availabilities), medians of ${args.rounds} rounds:\n\n${warmTable(warm, warmContenders, args.warmLevels)}`,
      `Memory, each contender its own process (/proc/<pid>/status):\n\n${memoryTable(warm, warmContenders)}`,
    );
  }

  const cases = coldCases(fixtures).filter((c) => args.scenarios.has(c.scenario));
  if (cases.length > 0) {
    log(`cold: ${cases.map((c) => c.scenario).join(', ')}, a fresh process each`);
    const cold = await runCold({ sandbox, run, contenders, cases, rounds: args.rounds, log });
    checks.push(...cold.checks);
    sections.push(`Cold, a fresh process per measurement (its document run once in another market first), medians of ${args.rounds} rounds:\n\n${coldTable(cold.runs, contenders, cases, args.latencyMs)}`);
  }

  if (args.scenarios.has('startup') && build) {
    log('start-up');
    const startup = await runStartup({ sandboxUrl: sandbox.url, build, rounds: args.rounds, log });
    sections.push(`Start-up, medians of ${args.rounds} rounds:\n\n${startupTable(startup)}`);
  }
} finally {
  await sandbox.proc.stop();
  await build?.remove();
}

const minutes = ((performance.now() - startedAt) / 60_000).toFixed(1);
console.log(
  `\nUpstream latency ${args.latencyMs} ms (sandbox process), Node ${process.version}, ${cpus().length} cores, ${new Date().toISOString().slice(0, 16)}Z, ` +
    `${args.nodeEnv ? `NODE_ENV=${args.nodeEnv} for every contender, ` : ''}tree ${tree}, load average ${loadBefore} before and ${load()} after, ${minutes} min\n`,
);
console.log(sections.join('\n\n'));
if (checks.length > 0) console.log(`\nChecks:\n${checks.map((c) => `- ${c}`).join('\n')}`);
