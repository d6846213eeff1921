// Cold scenarios: a fresh contender process per measurement (no Redis: nothing survives it), so
// nothing of the measured document is cached. Its document first runs once in another market,
// which warms code paths and upstream connections but no entry the measured one needs; then the
// sandbox's counters are reset and the document is run once, timed, and its upstream calls read.
import { queryOnce } from '../client.js';
import type { Contender, Scenario } from '../contenders.js';
import { startContender, type RunContext } from '../contender-process.js';
import { browse, catalogItem, subscriptions } from '../documents.js';
import type { Fixtures } from '../fixtures.js';
import type { Counters, SandboxProcess } from '../sandbox-process.js';
import { rotate } from './timing.js';

export interface ColdCase {
  readonly scenario: Scenario;
  readonly label: string;
  readonly query: string;
  /** The same shape of document in another market. */
  readonly warmup: string;
  /** Dependent upstream rounds the document needs at least. */
  readonly minRounds: number;
}

export function coldCases(f: Fixtures): ColdCase[] {
  return [
    {
      scenario: 'cold-browse',
      label: 'cold browse: 10 products with all SKUs and availabilities',
      query: browse(f.country),
      warmup: browse(f.warmupCountry),
      minRounds: 3,
    },
    {
      scenario: 'cold-item',
      label: 'cold catalogItem with its product and SKU',
      query: catalogItem(f.catalogItemId, f.country),
      warmup: catalogItem(f.warmupCatalogItemId, f.warmupCountry),
      minRounds: 1,
    },
    {
      scenario: 'cold-subscriptions',
      label: `cold 50 subscriptions of 8 products with product, SKU, availability`,
      query: subscriptions(f.bulkCustomerId),
      warmup: subscriptions(f.warmupCustomerId),
      minRounds: 2,
    },
  ];
}

export interface ColdRun {
  readonly scenario: Scenario;
  readonly contender: string;
  readonly round: number;
  readonly ms: number;
  /** The warm-up: the first request this process ever answered. */
  readonly firstRequestMs: number;
  readonly calls: Counters;
}

export interface ColdOptions {
  readonly sandbox: SandboxProcess;
  readonly run: RunContext;
  readonly contenders: readonly Contender[];
  readonly cases: readonly ColdCase[];
  readonly rounds: number;
  readonly log: (line: string) => void;
}

export async function runCold(o: ColdOptions): Promise<{ runs: ColdRun[]; checks: string[] }> {
  const runs: ColdRun[] = [];
  const firstData = new Map<Scenario, { contender: string; data: string }>();
  const checks: string[] = [];
  for (let round = 0; round < o.rounds; round += 1) {
    for (const c of o.cases) {
      for (const contender of rotate(o.contenders.filter((x) => x.scenarios.has(c.scenario)), round)) {
        const running = await startContender(contender, o.run);
        try {
          const first = await queryOnce(running.endpoint, c.warmup);
          await o.sandbox.reset();
          const answer = await queryOnce(running.endpoint, c.query);
          const calls = await o.sandbox.counters();
          runs.push({ scenario: c.scenario, contender: contender.id, round, ms: answer.ms, firstRequestMs: first.ms, calls });
          o.log(`  round ${round + 1} ${c.scenario} ${contender.id}: ${answer.ms.toFixed(0)} ms, ${calls.total} upstream calls (first request ${first.ms.toFixed(0)} ms)`);
          const seen = firstData.get(c.scenario);
          if (!seen) firstData.set(c.scenario, { contender: contender.id, data: answer.data });
          else if (seen.contender !== contender.id && round === 0) {
            if (seen.data !== answer.data) throw new Error(`${c.scenario}: ${contender.id} answers other data than ${seen.contender}`);
            checks.push(`${c.scenario}: ${contender.id} answers the same data as ${seen.contender} (${answer.data.length} bytes)`);
          }
        } finally {
          await running.stop();
        }
      }
    }
  }
  return { runs, checks };
}
