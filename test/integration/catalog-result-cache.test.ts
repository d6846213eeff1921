// Kept results of public catalog queries (src/plugins/catalog-result-cache.ts), over the sandbox.
// A kept result answers only while every catalog entry it was made from is still the current,
// fresh one; whether it answered shows in the catalog cache's calls: a kept result is checked with
// stillServes and reads nothing (no peek).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const browse = (first: number) =>
  `{ products(country: "US", targetView: ONLINE_SERVICES, first: ${first}) { edges { node { productId title skus { skuId availabilities { catalogItemId } } } } } }`;

// The default TTL (15 min) for most tests; a 1 s one where time must pass.
let stack: Stack;
let shortTtl: Stack;
let customerId: string;

beforeAll(async () => {
  [stack, shortTtl] = await Promise.all([startStack(), startStack({ CATALOG_CACHE_TTL_S: '1', CATALOG_STALE_WHILE_REVALIDATE_S: '3600' })]);
  const r = (await (await fetch(`${stack.sandbox.url}/v1/customers?size=1`)).json()) as { items: { id: string }[] };
  customerId = r.items[0]?.id ?? '';
});
afterAll(async () => {
  await Promise.all([stack?.stop(), shortTtl?.stop()]);
});
beforeEach(async () => {
  await stack.server.gateway.services.catalogCache.clear();
  stack.sandbox.setFaults({ latencyMs: 0, jitterMs: 0, rate429: 0, rate5xx: 0, rateDrop: 0 });
  stack.sandbox.resetCounters();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function spyOnCache(on: Stack = stack) {
  const cache = on.server.gateway.services.catalogCache;
  return { peek: vi.spyOn(cache, 'peek'), stillServes: vi.spyOn(cache, 'stillServes') };
}

describe('kept catalog results', () => {
  it('answer a repeated query as executing it would, once it was served wholly from memory', async () => {
    const cold = await stack.raw(browse(3));
    const warm = await stack.raw(browse(3));
    const spy = spyOnCache();
    const kept = await stack.raw(browse(3));
    expect(cold.errors).toBeUndefined();
    expect(warm.data).toEqual(cold.data);
    expect(kept.data).toEqual(cold.data);
    // The third was answered by the kept result: checked, nothing read; each has its own correlation id.
    expect(spy.stillServes).toHaveBeenCalledTimes(1);
    expect(spy.stillServes.mock.results[0]?.value).toBe(true);
    expect(spy.peek).not.toHaveBeenCalled();
    expect(new Set([cold, warm, kept].map((r) => r.extensions?.correlationId)).size).toBe(3);
  });

  it('are kept per document, variables and locale', async () => {
    await stack.raw(browse(3));
    await stack.raw(browse(3));
    const five = await stack.raw(browse(5));
    expect((five.data as { products: { edges: unknown[] } }).products.edges).toHaveLength(5);
    stack.sandbox.resetCounters();
    const other = await stack.raw(browse(3), {}, { 'X-Locale': 'de-DE' });
    expect(other.errors).toBeUndefined();
    // Another locale is another market of the cache: read from Partner Center, not from a kept result.
    expect(stack.sandbox.count(ROUTE.listProducts)).toBe(1);
  });

  it('are not served once the catalog changed', async () => {
    const first = await stack.raw(browse(2));
    await stack.raw(browse(2));
    await stack.server.gateway.services.catalogCache.clear();
    stack.sandbox.resetCounters();
    const afterClear = await stack.raw(browse(2));
    expect(afterClear.data).toEqual(first.data);
    expect(stack.sandbox.count(ROUTE.listProducts)).toBe(1);
  });

  it('are not served past the TTL: the query executes, and the stale entries refresh', async () => {
    const first = await shortTtl.raw(browse(2));
    await shortTtl.raw(browse(2));
    const answeredAt = Date.now();
    await sleep(Math.max(0, answeredAt + 1_001 - Date.now()));
    shortTtl.sandbox.resetCounters();
    const spy = spyOnCache(shortTtl);
    const stale = await shortTtl.raw(browse(2));
    expect(stale.data).toEqual(first.data);
    expect(spy.stillServes.mock.results[0]?.value).toBe(false);
    // Executed: the stale entries were served at once and their background refresh started.
    expect(spy.peek).toHaveBeenCalled();
    await vi.waitFor(() => expect(shortTtl.sandbox.count(ROUTE.listProducts)).toBe(1));
  });

  it('never hold customer data: a query that selects any is executed every time', async () => {
    const q = `{ products(country: "US", targetView: ONLINE_SERVICES, first: 1) { edges { node { title } } } customer(customerId: "${customerId}") { companyName } }`;
    for (let i = 0; i < 3; i += 1) expect((await stack.raw(q)).errors).toBeUndefined();
    expect(stack.sandbox.count(ROUTE.getCustomer)).toBe(3);
  });
});
