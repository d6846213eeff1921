// The Markdown tables `npm run bench` prints at the end: medians of the rounds, with the spread
// where one figure would hide it.
import type { Contender } from './contenders.js';
import type { ColdCase, ColdRun } from './scenarios/cold.js';
import type { StartupReport } from './scenarios/startup.js';
import type { WarmLevel, WarmReport } from './scenarios/warm.js';
import { median, percentile, sum } from './stats.js';

const ms = (n: number): string => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : n.toFixed(0)) : '–');
const mib = (n: number): string => (Number.isFinite(n) ? n.toFixed(0) : '–');
const times = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–');
const range = (xs: readonly number[]): string => {
  const f = xs.filter(Number.isFinite);
  return f.length > 1 ? ` (${ms(Math.min(...f))}–${ms(Math.max(...f))})` : '';
};

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function warmTable(report: WarmReport, contenders: readonly Contender[], levels: readonly WarmLevel[]): string {
  const ceiling = contenders.find((c) => c.ceiling);
  const rows: string[][] = [];
  for (const level of levels) {
    const stats = (id: string) => {
      const runs = report.runs.filter((r) => r.level === level.id && r.contender === id);
      return {
        runs,
        rps: median(runs.map((r) => r.load.ok / r.load.seconds)),
        p50: median(runs.map((r) => percentile(r.load.latenciesMs, 50))),
        p99: median(runs.map((r) => percentile(r.load.latenciesMs, 99))),
      };
    };
    const top = ceiling ? stats(ceiling.id) : undefined;
    for (const c of contenders.filter((x) => x.scenarios.has('warm-browse'))) {
      const s = stats(c.id);
      if (s.runs.length === 0) continue;
      const sent = sum(s.runs.map((r) => r.load.sent));
      const capped = s.runs.some((r) => r.load.capped);
      rows.push([
        `${level.concurrency}`,
        c.label,
        `${s.rps.toFixed(0)}${range(s.runs.map((r) => r.load.ok / r.load.seconds))}`,
        top && !c.ceiling ? times(s.rps / top.rps) : '',
        ms(s.p50),
        top && !c.ceiling ? times(s.p50 / top.p50) : '',
        ms(s.p99),
        `${Math.round(median(s.runs.map((r) => r.load.ok)))}${capped ? ' (time bound)' : ''}`,
        `${sum(s.runs.map((r) => r.load.errors))} / ${sum(s.runs.map((r) => r.load.timeouts))}`,
        sent > 0 ? (sum(s.runs.map((r) => r.upstreamCalls)) / sent).toFixed(1) : '–',
      ]);
    }
  }
  return table(['concurrency', 'contender', 'req/s (rounds)', 'req/s ÷ ceiling', 'p50 ms', 'p50 ÷ ceiling', 'p99 ms', 'answers per round', 'errors / timeouts', 'upstream calls per request'], rows);
}

export function memoryTable(report: WarmReport, contenders: readonly Contender[]): string {
  const label = (id: string) => contenders.find((c) => c.id === id)?.label ?? id;
  return table(
    ['contender (own process)', 'RSS idle, after start', 'peak RSS under load (sampled)', 'RSS after all rounds', 'VmHWM (peak since start)'],
    report.memory.map((m) => [label(m.contender), `${mib(m.idleMiB)} MiB`, `${mib(m.peakUnderLoadMiB)} MiB`, `${mib(m.afterMiB)} MiB`, `${mib(m.highWaterMiB)} MiB`]),
  );
}

/** `GET /v1/products/{productId}/skus` → "SKU list"; `…/skus/{skuId}` → "SKU". */
function routeName(route: string): string {
  const segments = route.replace(/^[A-Z]+ \/v1\//, '').split('/');
  const last = segments.at(-1) ?? route;
  const item = last.startsWith('{');
  const noun = (item ? segments.at(-2) : last) ?? route;
  const singular: Readonly<Record<string, string>> = { products: 'product', skus: 'SKU', availabilities: 'availability', customers: 'customer', subscriptions: 'subscription' };
  const name = singular[noun] ?? noun;
  return item ? name : `${name} list`;
}

function plural(name: string, n: number): string {
  if (n === 1) return name;
  return name.endsWith('availability') ? name.replace(/y$/, 'ies') : `${name}s`;
}

function callBreakdown(routes: Readonly<Record<string, number>>): string {
  return Object.entries(routes)
    .sort(([, a], [, b]) => b - a)
    .map(([route, n]) => `${n} ${plural(routeName(route), n)}`)
    .join(', ');
}

export function coldTable(runs: readonly ColdRun[], contenders: readonly Contender[], cases: readonly ColdCase[], latencyMs: number): string {
  const rows: string[][] = [];
  for (const c of cases) {
    for (const contender of contenders) {
      const mine = runs.filter((r) => r.scenario === c.scenario && r.contender === contender.id);
      if (mine.length === 0) continue;
      const t = median(mine.map((r) => r.ms));
      const totals = [...new Set(mine.map((r) => r.calls.total))];
      const first = mine[0];
      rows.push([
        c.label,
        contender.label,
        `${ms(t)}${range(mine.map((r) => r.ms))}`,
        latencyMs > 0 ? `${(t / latencyMs).toFixed(1)} (at least ${c.minRounds})` : '–',
        `${totals.length === 1 ? totals[0] : `${Math.min(...totals)}–${Math.max(...totals)}`}${first ? `: ${callBreakdown(first.calls.routes)}` : ''}`,
        ms(median(mine.map((r) => r.firstRequestMs))),
      ]);
    }
  }
  return table(['scenario', 'contender', 'ms (rounds)', `round-trips of ${latencyMs} ms`, 'upstream calls', 'first request of the process, ms'], rows);
}

export function startupTable(report: StartupReport): string {
  const ids = [...new Set(report.runs.map((r) => r.subject))];
  const rows = ids.map((id) => {
    const mine = report.runs.filter((r) => r.subject === id).map((r) => r.readyMs);
    const failed = mine.filter((x) => !Number.isFinite(x)).length;
    return [report.labels[id] ?? id, `${ms(median(mine))}${range(mine)}${failed > 0 ? `, ${failed} failed` : ''}`];
  });
  if (report.buildMs !== undefined) rows.push(['`npm run build` (tsc, into a temporary outDir)', `${ms(report.buildMs)}${report.buildProblem ? ` (${report.buildProblem.split('\n')[0] ?? ''})` : ''}`]);
  return table(['how it is started', 'spawn to first 200 on /ready, ms (rounds)'], rows);
}
