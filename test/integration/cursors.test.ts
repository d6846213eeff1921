// Connection cursors let a caller choose nothing its arguments could not: a cursor is signed by the
// gateway (HMAC), bound to its connection and its caller, and anything else is VALIDATION_FAILED
// before any upstream call. Over real HTTP, gateway and sandbox on loopback.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { print } from 'graphql';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/yoga.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { CustomersDocument, InvoiceLinesDocument, InvoicesDocument } from '../gql/graphql.js';

let stack: Stack;

const SIGNING_KEY = 'a-deployment-wide-cursor-signing-key-0123456789';

beforeAll(async () => {
  stack = await startStack({ CURSOR_SIGNING_KEY: SIGNING_KEY });
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => {
  stack.sandbox.resetCounters();
});

/** A cursor in the shape the gateway used to issue: the upstream request in the clear. */
const plain = (u: string, h: Record<string, string> = {}, s = 0) => Buffer.from(JSON.stringify({ u, h, s })).toString('base64url');

async function refused(after: string, query: 'customers' | 'invoices' = 'customers') {
  const r = query === 'customers' ? await stack.gql(CustomersDocument, { first: 5, after }) : await stack.gql(InvoicesDocument, { first: 5, after });
  expect(r.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  expect(r.errors?.[0]?.message).toMatch(/not a cursor issued by this connection/);
  return r;
}

describe('connection cursors', () => {
  it('refuse a crafted cursor that would choose the upstream page size or query string', async () => {
    await refused(plain('/customers?size=1000'));
    await refused(plain('/customers?size=5&seekOperation=Next&extra=1', { 'MS-ContinuationToken': 'x' }));
    await refused(plain('/invoices?size=100000'), 'invoices');
    await refused(plain('/invoices?size=5&offset=0&filter=anything'), 'invoices');
    expect(stack.sandbox.totalRequests()).toBe(0);
  });

  it('refuse a continuation token with CR/LF as bad input, not an upstream failure', async () => {
    await refused(plain('/customers?size=5&seekOperation=Next', { 'MS-ContinuationToken': 'abc\r\nAuthorization: Bearer x' }));
    expect(stack.sandbox.totalRequests()).toBe(0);
  });

  it('refuse a cursor the gateway issued once it is altered, or used on another connection', async () => {
    const page = await stack.gql(CustomersDocument, { first: 3 });
    const end = page.data?.customers.pageInfo.endCursor;
    if (!end) throw new Error('no endCursor');
    stack.sandbox.resetCounters();
    const [body, mac] = end.split('.');
    expect(mac).toBeTruthy();
    // Change one character of the signed part, or of the signature.
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    await refused(`${flip(body ?? '', 5)}.${mac}`);
    await refused(`${body}.${flip(mac ?? '', 3)}`);
    await refused(body ?? '');
    // A genuine customers cursor is not an invoices cursor.
    await refused(end, 'invoices');
    expect(stack.sandbox.totalRequests()).toBe(0);
  });

  it('still walk pages with the cursors they issue, one upstream call per page', async () => {
    const invoices = await stack.gql(InvoicesDocument, { first: 50 });
    const big = invoices.data?.invoices.edges.map((e) => e.node).find((i) => i.invoiceId);
    if (!big) throw new Error('no invoice');
    stack.sandbox.resetCounters();
    let after: string | undefined;
    const seen = new Set<string>();
    let pages = 0;
    for (; pages < 4; pages += 1) {
      const r = await stack.gql(InvoiceLinesDocument, { invoiceId: big.invoiceId, first: 7, ...(after ? { after } : {}) });
      expect(r.errors).toBeUndefined();
      const conn = r.data?.invoice?.reconciliationLineItems;
      for (const e of conn?.edges ?? []) seen.add(JSON.stringify(e.node));
      if (!conn?.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
      after = conn.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen.size).toBe(28);
    expect(stack.sandbox.count(ROUTE.listInvoiceLineItems)).toBe(4);
  });

  it('are honoured by another replica with the same signing key and refused by one with another key', async () => {
    const page = await stack.gql(CustomersDocument, { first: 2 });
    const end = page.data?.customers.pageInfo.endCursor;
    if (!end) throw new Error('no endCursor');
    // Replicas serve the same partner over the same upstream; only their keys differ here.
    const replica = (key: string) => {
      const result = loadConfig({ LOG_LEVEL: 'silent', PARTNER_CENTER_BASE_URL: stack.sandbox.url, CURSOR_SIGNING_KEY: key });
      if (!result.ok) throw new Error(result.problems.join('\n'));
      return createGateway({ config: result.config, baseUrl: stack.sandbox.url, logger: pino({ level: 'silent' }) });
    };
    const ask = async (gateway: Gateway) => {
      const res = await gateway.yoga.fetch('http://replica.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(CustomersDocument), variables: { first: 2, after: end } }),
      });
      return (await res.json()) as { data?: { customers: { edges: unknown[] } } | null; errors?: { extensions?: { code?: string } }[] };
    };
    const sameKey = replica(SIGNING_KEY);
    const otherKey = replica('another-deployment-key-0123456789abcdefgh');
    try {
      stack.sandbox.resetCounters();
      const next = await ask(sameKey);
      expect(next.errors).toBeUndefined();
      expect(next.data?.customers.edges).toHaveLength(2);
      expect(stack.sandbox.totalRequests()).toBe(1);
      const other = await ask(otherKey);
      expect(other.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
      expect(stack.sandbox.totalRequests()).toBe(1);
    } finally {
      await sameKey.close();
      await otherKey.close();
    }
  });
});
