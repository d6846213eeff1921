// What frontends rely on: CSRF prevention, CORS for configured origins, trusted documents, a real
// GraphQL client driving the storefront flow, and live order status over SSE.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { print, type DocumentNode } from 'graphql';
import { createClient as createHttpClient } from 'graphql-http';
import { createClient as createSseClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { findCustomer } from '../helpers/commerce.js';
import {
  StorefrontCatalogDocument,
  StorefrontCheckoutDocument,
  StorefrontCreateCartDocument,
  StorefrontOrderDocument,
  StorefrontOrderStatusDocument,
} from '../../schema/storefront/gql/graphql.js';

const MANIFEST = fileURLToPath(new URL('../../schema/storefront/gql/persisted-documents.json', import.meta.url));
const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';
const hashOf = (doc: DocumentNode) => (doc as DocumentNode & { __meta__?: { hash?: string } }).__meta__?.hash ?? '';

describe('CSRF prevention and CORS', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ CORS_ORIGINS: 'https://shop.example.com' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a GET operation without the CSRF header and runs it with the header', async () => {
    const url = `${stack.url}/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const bare = await fetch(url, { headers: { accept: 'application/json' } });
    expect(bare.status).toBe(403);
    const withHeader = await fetch(url, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    expect(withHeader.status).toBe(200);
  });

  it('answers CORS preflights for configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const ok = await preflight('https://shop.example.com');
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.net');
  });
});

describe('the storefront', () => {
  let stack: Stack;
  let customerId: string;
  beforeAll(async () => {
    stack = await startStack({ SANDBOX_ORDER_COMPLETION_MS: '1000', ORDER_STATUS_POLL_MS: '100', ORDER_STATUS_POLL_MAX_MS: '100' });
    customerId = await findCustomer(stack.sandbox.url, 'US');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('runs the purchase flow with the typed documents through a GraphQL-over-HTTP client', async () => {
    const client = createHttpClient({ url: `${stack.url}/graphql` });
    const run = <T>(doc: DocumentNode, variables: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        let result: T | undefined;
        client.subscribe<T>({ query: print(doc), variables }, { next: (r) => (r.errors ? reject(new Error(JSON.stringify(r.errors))) : (result = r.data as T)), error: reject, complete: () => resolve(result as T) });
      });
    const catalog = await run<{ products: { edges: { node: { productId: string } }[] } }>(StorefrontCatalogDocument, { country: 'US', first: 3 });
    expect(catalog.products.edges).toHaveLength(3);
    const cart = await run<{ createCart: { __typename: string; cart?: { cartId: string } } }>(StorefrontCreateCartDocument, {
      input: { customerId, lineItems: [{ catalogItemId: BASIC, quantity: 2, billingCycle: 'MONTHLY', termDuration: 'P1Y' }] },
    });
    expect(cart.createCart.__typename).toBe('CreateCartPayload');
    const out = await run<{ checkoutCart: { __typename: string; orders?: { orderId: string }[] } }>(StorefrontCheckoutDocument, {
      input: { customerId, cartId: cart.createCart.cart?.cartId, idempotencyKey: randomUUID() },
    });
    const orderId = out.checkoutCart.orders?.[0]?.orderId ?? '';
    const order = await run<{ customer: { order: { orderId: string } } }>(StorefrontOrderDocument, { customerId, orderId });
    expect(order.customer.order.orderId).toBe(orderId);
  });

  async function placeOrder(): Promise<string> {
    const cart = await stack.gql(StorefrontCreateCartDocument, { input: { customerId, lineItems: [{ catalogItemId: BASIC, quantity: 1, billingCycle: 'MONTHLY', termDuration: 'P1Y' }] } });
    if (cart.data?.createCart.__typename !== 'CreateCartPayload') throw new Error(JSON.stringify(cart));
    const out = await stack.gql(StorefrontCheckoutDocument, { input: { customerId, cartId: cart.data.createCart.cart.cartId } });
    if (out.data?.checkoutCart.__typename !== 'CheckoutCartPayload') throw new Error(JSON.stringify(out));
    return out.data.checkoutCart.orders[0]?.orderId ?? '';
  }

  /** Watches one order with `watchers` SSE clients until it completes; returns what each saw and the upstream polls. */
  async function watch(watchers: number) {
    const orderId = await placeOrder();
    stack.sandbox.resetCounters();
    const client = createSseClient({ url: `${stack.url}/graphql`, singleConnection: false });
    const seen = await Promise.all(
      Array.from({ length: watchers }, async () => {
        const statuses: string[] = [];
        for await (const r of client.iterate({ query: print(StorefrontOrderStatusDocument), variables: { customerId, orderId } })) {
          const s = (r.data as { orderStatusChanged?: { status: string } } | null | undefined)?.orderStatusChanged?.status;
          if (s) statuses.push(s);
        }
        return statuses;
      }),
    );
    client.dispose();
    return { seen, polls: stack.sandbox.count(ROUTE.getOrder) };
  }

  it('gives every SSE watcher each status once; ten watchers cause as many polls as one', async () => {
    const one = await watch(1);
    const ten = await watch(10);
    expect(one.seen).toEqual([['PENDING', 'COMPLETED']]);
    expect(ten.seen).toEqual(Array.from({ length: 10 }, () => ['PENDING', 'COMPLETED']));
    expect(one.polls).toBeGreaterThan(1);
    // Same order lifetime, same poll interval: one poller either way. A shared, loaded machine may
    // shift the order's completion across a poll or two; ten pollers would make ten times as many.
    expect(ten.polls).toBeLessThanOrEqual(one.polls + 2);
    expect(stack.server.gateway.services.orderPollers.active).toBe(0);
  });
});

describe('trusted documents mode', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ PERSISTED_DOCUMENTS: MANIFEST, PERSISTED_DOCUMENTS_ONLY: 'true' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const send = (body: unknown) =>
    fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] },
    }));

  it('runs a listed document sent by its hash', async () => {
    const hash = hashOf(StorefrontCatalogDocument);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const r = await send({ variables: { country: 'US', first: 2 }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(r.body.errors).toBeUndefined();
    expect((r.body.data?.products as { edges: unknown[] }).edges).toHaveLength(2);
  });

  it('refuses an unlisted document and an unknown hash with a clear error', async () => {
    stack.sandbox.resetCounters();
    const arbitrary = await send({ query: '{ products(country: "US", targetView: ONLINE_SERVICES) { edges { node { title } } } }' });
    expect(arbitrary.body.errors?.[0]?.message).toMatch(/Only trusted documents are accepted/);
    const unknown = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: `sha256:${'0'.repeat(64)}` } } });
    expect(unknown.body.errors?.[0]?.message).toMatch(/not in the list of trusted documents/);
    expect(stack.sandbox.totalRequests()).toBe(0);
  });
});
