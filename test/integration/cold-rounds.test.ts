// Cold reads cost the fewest upstream calls and the fewest dependent rounds: the catalog browse is
// three rounds (products, then their SKU lists, then the SKUs' availability lists) and 29 calls;
// 50 subscriptions with their catalog are two rounds (the list, then every catalog load) and 25
// calls, with no customer read, since the subscription list proves the customer exists.
//
// Rounds are read from the sandbox's record of when it answered each call (`at`), compared with
// the injected latency L: a call answered within 1.5 L of the answer it depended on started within
// half a latency of it, so no round came in between. Processing time varies on a shared machine;
// these margins do not depend on it unless one step takes L/2 (125 ms).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const L = 250;

const BROWSE = `{ products(country: "US", targetView: ONLINE_SERVICES, first: 10) { edges { node { productId
  skus { skuId availabilities { catalogItemId } } } } } }`;
const subscriptionsOf = (customerId: string, extra = '') =>
  `{ customer(customerId: "${customerId}") { ${extra} subscriptions(first: 50) { edges { node { offerId product { title } sku { title } availability { catalogItemId } } } } } }`;

let stack: Stack;
let bulk: string;

beforeAll(async () => {
  stack = await startStack();
  const r = (await (await fetch(`${stack.sandbox.url}/v1/customers?size=500`)).json()) as { items: { id: string; companyProfile: { companyName: string } }[] };
  const c = r.items.find((i) => i.companyProfile.companyName === 'Fabrikam Bulk Licensing');
  if (!c) throw new Error('no Fabrikam Bulk Licensing customer');
  bulk = c.id;
  // Warm the code paths once (the first query of a process compiles and connects); each test then
  // starts from an empty catalog cache.
  await stack.raw(BROWSE);
  await stack.raw(subscriptionsOf(bulk));
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(async () => {
  await stack.server.gateway.services.catalogCache.clear();
  stack.sandbox.setFaults({ latencyMs: L, jitterMs: 0, rate429: 0, rate5xx: 0, rateDrop: 0 });
  stack.sandbox.resetCounters();
});

/** When the sandbox answered each call of `route`, in ms since `t0`. */
const answered = (route: string, t0: number) =>
  stack.sandbox
    .requests()
    .filter((q) => q.route === route)
    .map((q) => Date.parse(q.at) - t0);

/** Calls that started together: all answered within half a latency of each other. */
function expectTogether(times: number[]): void {
  expect(times.length).toBeGreaterThan(0);
  expect(Math.max(...times) - Math.min(...times)).toBeLessThan(L / 2);
}

/** Calls that waited for `after` (answered at that time) and for nothing else: the next round. */
function expectNextRound(times: number[], after: number): void {
  // A call cannot be answered sooner than L after it started, and it started after `after`.
  expect(Math.min(...times)).toBeGreaterThanOrEqual(after + L - 2);
  expect(Math.max(...times)).toBeLessThan(after + 1.5 * L);
}

describe('cold catalog browse', () => {
  it('costs 29 calls in three rounds: products, then SKU lists, then availability lists', async () => {
    const t0 = Date.now();
    const r = await stack.raw(BROWSE);
    expect(r.errors).toBeUndefined();
    const products = (r.data as { products: { edges: { node: { skus: { availabilities: unknown[] }[] } }[] } }).products.edges.map((e) => e.node);
    const skus = products.flatMap((p) => p.skus);
    expect([products.length, skus.length]).toEqual([10, 18]);
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.listProducts]: 1, [ROUTE.listSkus]: 10, [ROUTE.listAvailabilities]: 18 });
    expect(stack.sandbox.totalRequests()).toBe(29);

    const [productList] = answered(ROUTE.listProducts, t0);
    const skuLists = answered(ROUTE.listSkus, t0);
    const availabilityLists = answered(ROUTE.listAvailabilities, t0);
    if (productList === undefined) throw new Error('no products list');
    // Round one starts at once.
    expect(productList).toBeLessThan(1.5 * L);
    // Round two: every SKU list as soon as the products list is in.
    expectTogether(skuLists);
    expectNextRound(skuLists, productList);
    // Round three: every availability list as soon as its product's SKU list is in.
    expectTogether(availabilityLists);
    expectNextRound(availabilityLists, Math.min(...skuLists));
    expect(Math.max(...availabilityLists)).toBeLessThan(Math.max(...skuLists) + 1.5 * L);
  });
});

describe('cold 50 subscriptions with their catalog', () => {
  it('costs 25 calls in two rounds and reads no customer: the subscription list proves it exists', async () => {
    const t0 = Date.now();
    const r = await stack.raw(subscriptionsOf(bulk));
    expect(r.errors).toBeUndefined();
    const subs = (r.data as { customer: { subscriptions: { edges: { node: { offerId: string; availability: { catalogItemId: string } | null } }[] } } }).customer.subscriptions.edges;
    expect(subs).toHaveLength(50);
    expect(subs.every((e) => e.node.availability?.catalogItemId === e.node.offerId)).toBe(true);
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.listSubscriptions]: 1, [ROUTE.getProduct]: 8, [ROUTE.getSku]: 8, [ROUTE.getAvailability]: 8 });
    expect(stack.sandbox.totalRequests()).toBe(25);

    const [list] = answered(ROUTE.listSubscriptions, t0);
    if (list === undefined) throw new Error('no subscription list');
    expect(list).toBeLessThan(1.5 * L);
    const catalog = [...answered(ROUTE.getProduct, t0), ...answered(ROUTE.getSku, t0), ...answered(ROUTE.getAvailability, t0)];
    expectTogether(catalog);
    expectNextRound(catalog, list);
  });

  it('reads the customer alongside when a customer field is selected, and the catalog does not wait for it', async () => {
    // The customer read answers two latencies late: the catalog loads must start after the list anyway.
    stack.sandbox.script({ route: ROUTE.getCustomer, kind: 'delay', delayMs: 2 * L });
    const t0 = Date.now();
    const r = await stack.raw(subscriptionsOf(bulk, 'companyName'));
    expect(r.errors).toBeUndefined();
    expect((r.data as { customer: { companyName: string } }).customer.companyName).toBe('Fabrikam Bulk Licensing');
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.getCustomer]: 1, [ROUTE.listSubscriptions]: 1, [ROUTE.getProduct]: 8, [ROUTE.getSku]: 8, [ROUTE.getAvailability]: 8 });

    const [list] = answered(ROUTE.listSubscriptions, t0);
    const [customer] = answered(ROUTE.getCustomer, t0);
    if (list === undefined || customer === undefined) throw new Error('missing calls');
    // Both started at once (the customer read is held 2 L longer by the script).
    expect(customer - 2 * L).toBeLessThan(1.5 * L);
    const catalog = [...answered(ROUTE.getProduct, t0), ...answered(ROUTE.getSku, t0), ...answered(ROUTE.getAvailability, t0)];
    expectNextRound(catalog, list);
    expect(Math.max(...catalog)).toBeLessThan(customer);
  });

  it('answers customer fields read under its subscriptions, with one customer read', async () => {
    stack.sandbox.setFaults({ latencyMs: 0 });
    const r = await stack.raw(`{ customer(customerId: "${bulk}") { customerId subscriptions(first: 3) { edges { node { customer { customerId companyName } } } } } }`);
    expect(r.errors).toBeUndefined();
    const data = r.data as { customer: { customerId: string; subscriptions: { edges: { node: { customer: { customerId: string; companyName: string } } }[] } } };
    expect(data.customer.customerId).toBe(bulk);
    expect(data.customer.subscriptions.edges.map((e) => e.node.customer)).toEqual(Array.from({ length: 3 }, () => ({ customerId: bulk, companyName: 'Fabrikam Bulk Licensing' })));
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.getCustomer]: 1, [ROUTE.listSubscriptions]: 1 });
  });

  it('returns null for an unknown customer from the subscription list alone', async () => {
    stack.sandbox.setFaults({ latencyMs: 0 });
    const r = await stack.raw(subscriptionsOf('0f8fad5b-d9cb-469f-a165-70867728950e'));
    expect(r.errors).toBeUndefined();
    expect((r.data as { customer: unknown }).customer).toBeNull();
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.listSubscriptions]: 1 });
  });

  it('reports a failed subscription list on the list, as when the customer was read first', async () => {
    stack.sandbox.setFaults({ latencyMs: 0 });
    stack.sandbox.script({ route: ROUTE.listSubscriptions, kind: 'status', status: 400 });
    const r = await stack.raw(`{ customer(customerId: "${bulk}") { customerId subscriptions(first: 3) { edges { node { offerId } } } } }`);
    // The list failing proves nothing about the customer: it is read, and the error stays on the list
    // (whose non-null connection then nulls its customer, as the schema says).
    expect(r.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['customer', 'subscriptions'], 'VALIDATION_FAILED']]);
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.getCustomer]: 1, [ROUTE.listSubscriptions]: 1 });
  });
});
