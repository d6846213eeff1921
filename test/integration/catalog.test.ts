// The catalog graph over real HTTP: gateway on loopback → sandbox on loopback.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { BrowseCatalogDocument, CatalogItemDocument, NodeDocument, NodesDocument, ProductDocument } from '../gql/graphql.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(async () => {
  await stack.server.gateway.services.catalogCache.clear();
  stack.sandbox.setFaults({ latencyMs: 0, jitterMs: 0, rate429: 0, rate5xx: 0, rateDrop: 0 });
  stack.sandbox.resetCounters();
});

describe('browsing the catalog', () => {
  it('makes one upstream call per distinct list when cold and none when warm', async () => {
    const cold = await stack.gql(BrowseCatalogDocument, { country: 'US', first: 10 });
    expect(cold.errors).toBeUndefined();
    const products = cold.data?.products.edges.map((e) => e.node) ?? [];
    expect(products).toHaveLength(10);
    const skus = products.flatMap((p) => p.skus);
    expect(skus.length).toBeGreaterThan(10);
    const availabilities = skus.flatMap((s) => s.availabilities);
    expect(availabilities.length).toBeGreaterThan(skus.length);
    expect(availabilities.every((a) => a.catalogItemId === `${a.product.productId}:${a.sku.skuId}:${a.id ? a.catalogItemId.split(':')[2] : ''}`)).toBe(true);

    expect(stack.sandbox.counters()).toEqual({
      [ROUTE.listProducts]: 1,
      [ROUTE.listSkus]: products.length,
      [ROUTE.listAvailabilities]: skus.length,
    });

    stack.sandbox.resetCounters();
    const warm = await stack.gql(BrowseCatalogDocument, { country: 'US', first: 10 });
    expect(warm.data).toEqual(cold.data);
    expect(stack.sandbox.totalRequests()).toBe(0);
  });

  it('shares one upstream call among concurrent cold requests for the same list', async () => {
    stack.sandbox.setFaults({ latencyMs: 100 });
    const results = await Promise.all(Array.from({ length: 20 }, () => stack.gql(BrowseCatalogDocument, { country: 'FR', first: 3 })));
    expect(results.every((r) => r.errors === undefined && r.data?.products.edges.length === 3)).toBe(true);
    const counters = stack.sandbox.counters();
    expect(counters[ROUTE.listProducts]).toBe(1);
    expect(counters[ROUTE.listSkus]).toBe(3);
  });

  it('caches per market: another country or segment is another list', async () => {
    await stack.gql(BrowseCatalogDocument, { country: 'US', first: 1 });
    stack.sandbox.resetCounters();
    const de = await stack.gql(BrowseCatalogDocument, { country: 'DE', first: 1, segment: 'EDUCATION' });
    expect(de.errors).toBeUndefined();
    const avail = de.data?.products.edges.flatMap((e) => e.node.skus.flatMap((s) => s.availabilities)) ?? [];
    expect(avail.every((a) => a.currency.code === 'EUR' && a.segment === 'EDUCATION')).toBe(true);
    expect(stack.sandbox.count(ROUTE.listProducts)).toBe(1);
  });

  it('pages products with first/after and returns each product once', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 20; page++) {
      const r = await stack.gql(BrowseCatalogDocument, { country: 'US', first: 5, ...(after ? { after } : {}) });
      const conn = r.data?.products;
      seen.push(...(conn?.edges.map((e) => e.node.productId) ?? []));
      if (!conn?.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen.length).toBeGreaterThanOrEqual(12);
    expect(new Set(seen).size).toBe(seen.length);
    expect(stack.sandbox.count(ROUTE.listProducts)).toBe(1);
  });

  it('returns the correlation id it sent upstream, and honours one given by the caller', async () => {
    const r = await stack.gql(ProductDocument, { productId: 'CFQ7TTC0LH18', country: 'US' });
    const id = r.extensions?.correlationId;
    expect(typeof id).toBe('string');
    expect(r.headers.get('ms-correlationid')).toBe(id);
    const upstream = stack.sandbox.requests();
    expect(upstream).toHaveLength(1);
    expect(upstream[0]?.headers['ms-correlationid']).toBe(id);

    const mine = '0f8fad5b-d9cb-469f-a165-70867728950e';
    await stack.server.gateway.services.catalogCache.clear();
    const r2 = await stack.gql(ProductDocument, { productId: 'CFQ7TTC0LH18', country: 'US' }, { 'MS-CorrelationId': mine });
    expect(r2.extensions?.correlationId).toBe(mine);
    expect(stack.sandbox.requests().at(-1)?.headers['ms-correlationid']).toBe(mine);
  });
});

describe('catalogItem', () => {
  it('loads product, SKU and availability in parallel', async () => {
    stack.sandbox.setFaults({ latencyMs: 300 });
    const r = await stack.gql(CatalogItemDocument, { catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971', country: 'US' });
    expect(r.errors).toBeUndefined();
    expect(r.data?.catalogItem).toMatchObject({ catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971', product: { title: 'Microsoft 365 Business Basic' } });
    expect(stack.sandbox.counters()).toEqual({ [ROUTE.getProduct]: 1, [ROUTE.getSku]: 1, [ROUTE.getAvailability]: 1 });
    // All three arrived before any answer could have come back: none waited for another.
    const arrivals = stack.sandbox.requests().map((q) => Date.parse(q.at));
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(250);
  });

  it('returns null for an unknown catalog item and refuses a malformed id without an upstream call', async () => {
    const missing = await stack.gql(CatalogItemDocument, { catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0ZZZZ', country: 'US' });
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.catalogItem).toBeNull();
    stack.sandbox.resetCounters();
    const bad = await stack.gql(CatalogItemDocument, { catalogItemId: 'CFQ7TTC0LH18/0001', country: 'US' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(bad.errors?.[0]?.message).toMatch(/productId:skuId:availabilityId/);
    expect(stack.sandbox.totalRequests()).toBe(0);
  });
});

describe('bad input', () => {
  it('returns null for an unknown product', async () => {
    const r = await stack.gql(ProductDocument, { productId: 'CFQ7TTC0ZZZZ', country: 'US' });
    expect(r.errors).toBeUndefined();
    expect(r.data?.product).toBeNull();
    expect(stack.sandbox.count(ROUTE.getProduct)).toBe(1);
  });

  it.each([
    ['a malformed country', { country: 'USA', first: 5 }, /country must be an ISO 3166 alpha-2 code/],
    ['a negative first', { country: 'US', first: -1 }, /first must be a non-negative integer/],
    ['a first above the maximum', { country: 'US', first: 1000 }, /first must be at most 100/],
    ['a forged cursor', { country: 'US', first: 5, after: 'bm90LWEtY3Vyc29y' }, /after is not a cursor/],
  ])('refuses %s with a validation error and no upstream call', async (_label, variables, message) => {
    const r = await stack.gql(BrowseCatalogDocument, variables);
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(r.errors?.[0]?.message).toMatch(message);
    expect(stack.sandbox.totalRequests()).toBe(0);
  });

  it('refuses malformed GraphQL with a 400', async () => {
    const r = await stack.raw('{ products(country: "US" ');
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.message).toMatch(/Syntax Error/);
    expect(stack.sandbox.totalRequests()).toBe(0);
  });

  it('refuses queries nested too deep or with too many tokens', async () => {
    // skus → availabilities → sku → skus … fourteen levels down.
    const levels = ['products(country: "US", targetView: ONLINE_SERVICES)', 'edges', 'node', ...Array.from({ length: 4 }, () => ['skus', 'availabilities', 'sku']).flat()];
    const deep = `{ ${levels.join(' { ')} { title ${'} '.repeat(levels.length)}}`;
    const r = await stack.raw(deep);
    expect(r.errors?.[0]?.message).toMatch(/depth/i);
    const aliased = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: product(productId: "CFQ7TTC0LH18", country: "US") { title }`).join(' ')} }`;
    const a = await stack.raw(aliased);
    expect(a.errors?.[0]?.message).toMatch(/Aliases limit of 30 exceeded/);
    const long = `{ ${Array.from({ length: 800 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const l = await stack.raw(long);
    expect(l.status).toBe(400);
    expect(l.errors?.[0]?.message).toMatch(/Token limit of 2000 exceeded/);
    expect(stack.sandbox.totalRequests()).toBe(0);
  });
});

describe('upstream failures', () => {
  it('maps an exhausted 503 to UPSTREAM_UNAVAILABLE with the request id', async () => {
    for (let i = 0; i < 4; i++) stack.sandbox.script({ route: ROUTE.getProduct, kind: 'status', status: 503 });
    const r = await stack.gql(ProductDocument, { productId: 'CFQ7TTC0LH18', country: 'US' });
    expect(r.data?.product ?? null).toBeNull();
    const ext = r.errors?.[0]?.extensions as { code: string; upstream: { status: number; requestId: string } };
    expect(ext.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(ext.upstream.status).toBe(503);
    expect(stack.sandbox.count(ROUTE.getProduct)).toBe(4);
    expect(new Set(stack.sandbox.requests().map((q) => q.headers['ms-requestid']))).toEqual(new Set([ext.upstream.requestId]));
  });

  it('waits out a short Retry-After and answers THROTTLED for a long one', async () => {
    stack.sandbox.script({ route: ROUTE.getProduct, kind: 'status', status: 429, retryAfterSeconds: 1 });
    const ok = await stack.gql(ProductDocument, { productId: 'CFQ7TTC0LH18', country: 'US' });
    expect(ok.data?.product?.productId).toBe('CFQ7TTC0LH18');
    expect(stack.sandbox.count(ROUTE.getProduct)).toBe(2);

    await stack.server.gateway.services.catalogCache.clear();
    stack.sandbox.script({ route: ROUTE.getProduct, kind: 'status', status: 429, retryAfterSeconds: 120 });
    const throttled = await stack.gql(ProductDocument, { productId: 'CFQ7TTC0LH18', country: 'US' });
    expect(throttled.errors?.[0]?.extensions).toMatchObject({ code: 'THROTTLED', retryAfter: 120 });
  });

  it('survives a dropped connection on a read', async () => {
    stack.sandbox.script({ route: ROUTE.listProducts, kind: 'drop' });
    const r = await stack.gql(BrowseCatalogDocument, { country: 'US', first: 1 });
    expect(r.errors).toBeUndefined();
    expect(stack.sandbox.count(ROUTE.listProducts)).toBe(2);
  });
});

describe('node and nodes', () => {
  it('refetches catalog objects by global id', async () => {
    const r = await stack.gql(CatalogItemDocument, { catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971', country: 'US' });
    const item = r.data?.catalogItem;
    if (!item) throw new Error('no catalog item');
    const node = await stack.gql(NodeDocument, { id: item.product.id });
    expect(node.data?.node).toMatchObject({ __typename: 'Product', id: item.product.id, title: 'Microsoft 365 Business Basic' });
    const nodes = await stack.gql(NodesDocument, { ids: [item.id, item.sku.id, item.product.id] });
    expect(nodes.data?.nodes.map((n) => n?.__typename)).toEqual(['Availability', 'Sku', 'Product']);
  });

  it('returns null for a well-formed id of an object that does not exist, and bounds nodes', async () => {
    const ghost = Buffer.from('Product:CFQ7TTC0ZZZZ:US').toString('base64url');
    const r = await stack.gql(NodeDocument, { id: ghost });
    expect(r.errors).toBeUndefined();
    expect(r.data?.node).toBeNull();
    const many = await stack.gql(NodesDocument, { ids: Array.from({ length: 101 }, () => ghost) });
    expect(many.errors?.[0]?.message).toMatch(/at most 100 ids/);
  });

  it('refuses an id this gateway did not issue', async () => {
    const r = await stack.gql(NodeDocument, { id: Buffer.from('Partner:1234567').toString('base64url') });
    expect(r.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(stack.sandbox.totalRequests()).toBe(0);
  });
});
