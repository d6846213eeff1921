// Customers over real HTTP: seek paging through cursors that wrap the continuation token.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { CustomerDocument, CustomersDocument, NodeDocument } from '../gql/graphql.js';

let stack: Stack;
let allIds: string[];

beforeAll(async () => {
  stack = await startStack();
  // The truth, read straight from the sandbox: every customer id in the service's order.
  const res = await fetch(`${stack.sandbox.url}/v1/customers?size=500`);
  const body = (await res.json()) as { items: { id: string }[] };
  allIds = body.items.map((c) => c.id);
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => {
  stack.sandbox.resetCounters();
});

async function walk(first: number, startsWith?: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: string | null | undefined;
  let pages = 0;
  for (; pages < 100; ) {
    const r = await stack.gql(CustomersDocument, { first, ...(after ? { after } : {}), ...(startsWith ? { startsWith } : {}) });
    expect(r.errors).toBeUndefined();
    pages += 1;
    const conn = r.data?.customers;
    ids.push(...(conn?.edges.map((e) => e.node.customerId) ?? []));
    if (!conn?.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  return { ids, pages };
}

describe('customers', () => {
  it('has enough seeded customers for paging to matter', () => {
    expect(allIds.length).toBeGreaterThanOrEqual(30);
  });

  it('walks every customer exactly once, one upstream call per page, the token sent as the header', async () => {
    const { ids, pages } = await walk(7);
    expect(ids).toEqual(allIds);
    expect(pages).toBe(Math.ceil(allIds.length / 7));
    expect(stack.sandbox.count(ROUTE.listCustomers)).toBe(pages);
    const calls = stack.sandbox.requests();
    expect(calls[0]?.headers['ms-continuationtoken']).toBeUndefined();
    expect(calls.slice(1).every((c) => typeof c.headers['ms-continuationtoken'] === 'string' && c.query.seekOperation === 'Next')).toBe(true);
  });

  it('resumes from a cursor in the middle of a page without losing or repeating anyone', async () => {
    const first = await stack.gql(CustomersDocument, { first: 10 });
    const third = first.data?.customers.edges[2]?.cursor;
    if (!third) throw new Error('no cursor');
    const next = await stack.gql(CustomersDocument, { first: 4, after: third });
    expect(next.data?.customers.edges.map((e) => e.node.customerId)).toEqual(allIds.slice(3, 7));
  });

  it('filters by company name prefix', async () => {
    const res = await fetch(`${stack.sandbox.url}/v1/customers?size=1`);
    const one = ((await res.json()) as { items: { companyProfile: { companyName: string } }[] }).items[0];
    const prefix = one?.companyProfile.companyName.slice(0, 3) ?? 'x';
    const { ids } = await walk(5, prefix.toLowerCase());
    expect(ids.length).toBeGreaterThan(0);
    const names = await Promise.all(ids.map(async (id) => (await stack.gql(CustomerDocument, { customerId: id })).data?.customer?.companyName ?? ''));
    expect(names.every((n) => n.toLowerCase().startsWith(prefix.toLowerCase()))).toBe(true);
  });

  it('reads one customer, primes it from the list, and returns null for an unknown one', async () => {
    const id = allIds[0] ?? '';
    const r = await stack.gql(CustomerDocument, { customerId: id.toUpperCase() });
    expect(r.data?.customer?.customerId).toBe(id);
    const node = await stack.gql(NodeDocument, { id: r.data?.customer?.id ?? '' });
    expect(node.data?.node).toMatchObject({ __typename: 'Customer', customerId: id });
    const missing = await stack.gql(CustomerDocument, { customerId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.customer).toBeNull();
  });

  it('refuses a malformed customer id, a forged cursor and a cursor pointing elsewhere without an upstream call', async () => {
    const bad = await stack.gql(CustomerDocument, { customerId: '../invoices' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const forged = Buffer.from(JSON.stringify({ u: '/invoices?size=5', h: {}, s: 0 })).toString('base64url');
    const elsewhere = await stack.gql(CustomersDocument, { first: 5, after: forged });
    expect(elsewhere.errors?.[0]?.message).toMatch(/not a cursor issued by this connection/);
    const absolute = Buffer.from(JSON.stringify({ u: 'http://evil.test/customers', h: {}, s: 0 })).toString('base64url');
    const abs = await stack.gql(CustomersDocument, { first: 5, after: absolute });
    expect(abs.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const injected = Buffer.from(JSON.stringify({ u: '/customers?size=5', h: { Authorization: 'Bearer stolen', 'MS-RequestId': 'x' }, s: 0 })).toString('base64url');
    const inj = await stack.gql(CustomersDocument, { first: 5, after: injected });
    expect(inj.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const neg = await stack.gql(CustomersDocument, { first: -3 });
    expect(neg.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(stack.sandbox.totalRequests()).toBe(0);
  });
});
