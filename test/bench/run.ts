// `npm run bench`: speed and memory of the catalog graph over real HTTP against the embedded
// sandbox with a fixed upstream latency. Prints a Markdown table for the README. Figures depend on
// the machine; the upstream call counts do not.
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';
import { loadSandboxSettings, ROUTE } from '../../src/sandbox/index.js';

const LATENCY_MS = Number(process.argv[2] ?? 50);
const WARM_REQUESTS = 300;
const CONCURRENCY = 10;

const BROWSE = `{ products(country: "US", targetView: ONLINE_SERVICES, first: 10) { edges { node { productId title
  skus { skuId title minimumQuantity maximumQuantity availabilities { catalogItemId currency { code } terms { duration billingCycle } } } } } } }`;
const ITEM = `{ catalogItem(catalogItemId: "CFQ7TTC0LH18:0001:CFQ7TTC0K971", country: "US") { catalogItemId product { title } sku { title } } }`;

const result = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
if (!result.ok) throw new Error(result.problems.join('\n'));
const sandboxSettings = loadSandboxSettings({ SANDBOX_LATENCY_MS: String(LATENCY_MS) });
if (!sandboxSettings.ok) throw new Error(sandboxSettings.problems.join('\n'));
const server = await startServer(result.config, pino({ level: 'silent' }), sandboxSettings.settings);
const sandbox = server.sandbox;
if (!sandbox) throw new Error('expected sandbox mode');
const endpoint = `${server.url}/graphql`;

async function query(q: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
  const body = (await res.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return performance.now() - started;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const rows: string[][] = [];
const ms = (n: number) => `${n.toFixed(1)} ms`;

// 1. Cold cache (not a cold process: one warm-up query first, then the cache is emptied): every
// list fetched once, the lists of one level in parallel, so about three upstream round-trips.
await query(BROWSE);
await server.gateway.services.catalogCache.clear();
sandbox.resetCounters();
const cold = await query(BROWSE);
const c = sandbox.counters();
const calls = sandbox.totalRequests();
rows.push(['cold-cache browse, 10 products with SKUs and availabilities', ms(cold), `${calls} upstream calls (${c[ROUTE.listProducts]} products list, ${c[ROUTE.listSkus]} SKU lists, ${c[ROUTE.listAvailabilities]} availability lists); ${(cold / LATENCY_MS).toFixed(1)} upstream round-trips`]);

// 2. Warm browse: served from the catalog cache, no upstream call.
sandbox.resetCounters();
const lat: number[] = [];
const warmStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < WARM_REQUESTS) {
      next += 1;
      lat.push(await query(BROWSE));
    }
  }),
);
const warmSeconds = (performance.now() - warmStart) / 1000;
rows.push([
  `warm browse, ${WARM_REQUESTS} requests, ${CONCURRENCY} concurrent`,
  `p50 ${ms(pct(lat, 50))}, p95 ${ms(pct(lat, 95))}`,
  `${(WARM_REQUESTS / warmSeconds).toFixed(0)} requests/s; ${sandbox.totalRequests()} upstream calls`,
]);

// 3. catalogItem: product, SKU and availability loaded in parallel.
await server.gateway.services.catalogCache.clear();
sandbox.resetCounters();
const item = await query(ITEM);
rows.push(['cold catalogItem with product and SKU', ms(item), `${sandbox.totalRequests()} upstream calls; ${(item / LATENCY_MS).toFixed(2)} round-trips (a chain would be 2)`]);

// 4. 50 subscriptions of 8 products with product, SKU and availability: the customer read and the
// subscription list in parallel, then every catalog load in parallel: about two round-trips, not four.
const customers = (await (await fetch(`${sandbox.url}/v1/customers?size=500`)).json()) as { items: { id: string; companyProfile: { companyName: string } }[] };
const bulk = customers.items.find((i) => i.companyProfile.companyName === 'Fabrikam Bulk Licensing');
if (bulk) {
  const subsQuery = `{ customer(customerId: "${bulk.id}") { subscriptions(first: 50) { edges { node { offerId product { title } sku { title } availability { catalogItemId } } } } } }`;
  await query(subsQuery); // warm-up of the code paths, then a cold cache
  await server.gateway.services.catalogCache.clear();
  sandbox.resetCounters();
  const subs = await query(subsQuery);
  rows.push([
    'cold 50 subscriptions of 8 products with product, SKU, availability',
    ms(subs),
    `${sandbox.totalRequests()} upstream calls; ${(subs / LATENCY_MS).toFixed(2)} round-trips (sequential loads would be 4)`,
  ]);
}

// 5. Memory after the run.
if (global.gc) global.gc();
const mem = process.memoryUsage();
rows.push(['memory after the run (gateway + sandbox in one process)', `RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB`, `heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`]);

console.log(`\nUpstream latency ${LATENCY_MS} ms (sandbox), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| scenario | time | notes |\n| --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
await server.stop();
