// The catalog when Partner Center is slow or failing, one gateway over the sandbox on loopback, with
// a TTL of 1 s. Time passes by waiting until an entry is older than the TTL (its fetch time is no
// later than the answer that carried it); nothing here asserts how long anything took.
//   stale-while-revalidate: the stale list is served at once while one refresh runs; a failed
//     refresh is never surfaced;
//   stale-if-error: an outage (5xx, timeout, dropped connection, throttled) serves the last good
//     copy, marked in extensions.catalog; a 404 or 400 is never hidden behind an old copy.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import type { ScriptedFault } from '../../src/sandbox/types.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { BrowseCatalogDocument } from '../gql/graphql.js';

const TTL_S = 1;
const PRODUCTS = '{ products(country: "US", targetView: ONLINE_SERVICES, first: 3) { edges { node { productId title } } } }';
const PRODUCT = '{ product(productId: "CFQ7TTC0LH18", country: "US") { productId title } }';
const NO_FAULTS = { latencyMs: 0, jitterMs: 0, rate429: 0, rate5xx: 0, rateDrop: 0 };

/** Each test reads its own lists: the locale is part of the cache key. */
const locale = (l: string) => ({ 'X-Locale': l });

/** Reads `query` once (a cold load) and returns the answer with the time it arrived. */
async function warm(stack: Stack, query: string, headers: Record<string, string>) {
  const r = await stack.raw(query, {}, headers);
  expect(r.errors).toBeUndefined();
  return { data: r.data, answeredAt: Date.now() };
}

/** Waits until an entry fetched no later than `answeredAt` is past the TTL. */
async function untilStale(answeredAt: number): Promise<void> {
  await sleep(Math.max(0, answeredAt + TTL_S * 1000 + 1 - Date.now()));
}

describe('stale-while-revalidate (TTL 1 s, SWR 1 h)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      CATALOG_CACHE_TTL_S: String(TTL_S),
      CATALOG_STALE_WHILE_REVALIDATE_S: '3600',
      CATALOG_STALE_IF_ERROR_S: '3600',
      UPSTREAM_MAX_ATTEMPTS: '2',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });
  beforeEach(() => {
    stack.sandbox.setFaults(NO_FAULTS);
    stack.sandbox.resetCounters();
  });

  it('answers every reader at once from the stale list while one background refresh runs', async () => {
    const cache = stack.server.gateway.services.catalogCache;
    const { data, answeredAt } = await warm(stack, PRODUCTS, locale('en-GB'));
    await untilStale(answeredAt);
    stack.sandbox.resetCounters();
    const revalidations = cache.stats.revalidations;
    // Partner Center holds the refresh for 5 s: the answers below cannot have waited for it.
    stack.sandbox.script({ route: ROUTE.listProducts, kind: 'delay', delayMs: 5_000 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => stack.raw(PRODUCTS, {}, locale('en-GB'))));
    for (const a of answers) {
      expect(a.errors).toBeUndefined();
      expect(a.data).toEqual(data);
      expect(a.extensions?.catalog).toBeUndefined();
    }
    expect(cache.loading).toBe(1);
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.listProducts]: 1 });
    await vi.waitFor(() => expect(cache.loading).toBe(0), { timeout: 20_000, interval: 50 });
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.listProducts]: 1 });
    expect(cache.stats.revalidations).toBe(revalidations + 1);
  });

  it('never surfaces a failed background refresh: the stale list is served, unmarked', async () => {
    const cache = stack.server.gateway.services.catalogCache;
    const { data, answeredAt } = await warm(stack, PRODUCTS, locale('en-IE'));
    await untilStale(answeredAt);
    stack.sandbox.resetCounters();
    stack.sandbox.setFaults({ rate5xx: 1 });
    const r = await stack.raw(PRODUCTS, {}, locale('en-IE'));
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual(data);
    expect(r.extensions?.catalog).toBeUndefined();
    await vi.waitFor(() => expect(cache.loading).toBe(0), { timeout: 20_000, interval: 50 });
    // One refresh: UPSTREAM_MAX_ATTEMPTS attempts, both 503.
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.listProducts]: 2 });
  });
});

describe('stale-if-error (TTL 1 s, no SWR, SIE 1 h)', () => {
  let stack: Stack;
  const warmed = new Map<string, unknown>();
  const CASES: [label: string, faults: ScriptedFault[], attempts: number][] = [
    ['503 Service Unavailable', [{ route: ROUTE.listProducts, kind: 'status', status: 503, times: 2 }], 2],
    ['500 Internal Server Error', [{ route: ROUTE.listProducts, kind: 'status', status: 500, times: 2 }], 2],
    ['429 with a Retry-After past the cap (THROTTLED)', [{ route: ROUTE.listProducts, kind: 'status', status: 429, retryAfterSeconds: 600 }], 1],
    ['a dropped connection', [{ route: ROUTE.listProducts, kind: 'drop', times: 2 }], 2],
    ['no answer within the deadline', [{ route: ROUTE.listProducts, kind: 'delay', delayMs: 6_000 }], 1],
  ];
  const caseLocale = (i: number) => locale(`x${'abcdefghij'[i] ?? 'z'}-US`);

  beforeAll(async () => {
    stack = await startStack({
      CATALOG_CACHE_TTL_S: String(TTL_S),
      CATALOG_STALE_WHILE_REVALIDATE_S: '0',
      CATALOG_STALE_IF_ERROR_S: '3600',
      UPSTREAM_MAX_ATTEMPTS: '2',
      UPSTREAM_DEADLINE_MS: '2000',
      UPSTREAM_HEADERS_TIMEOUT_MS: '2000',
      UPSTREAM_BODY_TIMEOUT_MS: '2000',
    });
    // Every list these tests read, loaded once now; then all of them are past the TTL together.
    const loads = [
      ...CASES.map((_, i) => ['case', i, PRODUCTS, caseLocale(i)] as const),
      ['browse', 0, '', locale('en-AU')] as const,
      ['product', 0, PRODUCT, locale('en-NZ')] as const,
      ['recovery', 0, PRODUCTS, locale('en-CA')] as const,
    ];
    let last = 0;
    for (const [name, i, query, headers] of loads) {
      const r = query === '' ? await stack.gql(BrowseCatalogDocument, { country: 'US', first: 3 }, headers) : await stack.raw(query, {}, headers);
      expect(r.errors).toBeUndefined();
      warmed.set(`${name}${i}`, r.data);
      last = Date.now();
    }
    await untilStale(last);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  beforeEach(() => {
    stack.sandbox.setFaults(NO_FAULTS);
    stack.sandbox.resetCounters();
  });

  it.each(CASES.map((c, i) => [...c, i] as const))('serves the last good list on %s, marked stale with its age', async (_label, faults, attempts, i) => {
    for (const f of faults) stack.sandbox.script(f);
    const r = await stack.raw(PRODUCTS, {}, caseLocale(i));
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual(warmed.get(`case${i}`));
    expect(r.extensions?.catalog).toEqual({ stale: true, ageSeconds: expect.any(Number) });
    expect((r.extensions?.catalog as { ageSeconds: number }).ageSeconds).toBeGreaterThanOrEqual(TTL_S);
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.listProducts]: attempts });
  });

  it('answers a whole browse from the cache during an outage, each list tried once, the response marked once', async () => {
    stack.sandbox.setFaults({ rate5xx: 1 });
    const r = await stack.gql(BrowseCatalogDocument, { country: 'US', first: 3 }, locale('en-AU'));
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual(warmed.get('browse0'));
    expect(r.extensions?.catalog).toEqual({ stale: true, ageSeconds: expect.any(Number) });
    const products = r.data?.products.edges.map((e) => e.node) ?? [];
    const skus = products.flatMap((p) => p.skus);
    expect(stack.sandbox.counters()).toEqual({
      [ROUTE.listProducts]: 2,
      [ROUTE.listSkus]: 2 * products.length,
      [ROUTE.listAvailabilities]: 2 * skus.length,
    });
  });

  it('does not hide a 404 or a 400 behind the old copy', async () => {
    stack.sandbox.script({ route: ROUTE.getProduct, kind: 'status', status: 404 });
    const gone = await stack.raw(PRODUCT, {}, locale('en-NZ'));
    expect(gone.errors).toBeUndefined();
    expect(gone.data).toEqual({ product: null });
    expect(gone.extensions?.catalog).toBeUndefined();

    stack.sandbox.script({ route: ROUTE.getProduct, kind: 'status', status: 400 });
    const refused = await stack.raw(PRODUCT, {}, locale('en-NZ'));
    expect(refused.errors?.length).toBe(1);
    expect(refused.extensions?.catalog).toBeUndefined();
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.getProduct]: 2 });
  });

  it('answers fresh and unmarked once Partner Center is back', async () => {
    stack.sandbox.setFaults({ rate5xx: 1 });
    const stale = await stack.raw(PRODUCTS, {}, locale('en-CA'));
    expect(stale.extensions?.catalog).toMatchObject({ stale: true });
    stack.sandbox.setFaults(NO_FAULTS);
    const fresh = await stack.raw(PRODUCTS, {}, locale('en-CA'));
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data).toEqual(warmed.get('recovery0'));
    expect(fresh.extensions?.catalog).toBeUndefined();
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.listProducts]: 3 });
  });
});
