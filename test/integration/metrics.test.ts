// /metrics after a scripted run over the sandbox, read with a real Prometheus text parser: the
// upstream counts the gateway reports are the counts the sandbox saw (per route, per status), the
// 429 and the dropped response show as retries, the repeated checkout as a replay, and no label
// carries an id. Then the budget (a remote-mode gateway, since the embedded sandbox has none), the
// SSE gauges, METRICS_TOKEN and METRICS_ENABLED=false, and a gateway process behind caller
// authentication (a fake Entra ID): /metrics needs no caller token, and counts Entra ID's token requests.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-sse';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { ROUTE, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { findCustomer } from '../helpers/commerce.js';
import { startFakeEntra, type FakeEntra } from '../helpers/fake-entra.js';
import type { Proc } from '../helpers/process.js';
import { startSignedInGateway } from '../helpers/signed-in-gateway.js';
import { scrape } from '../helpers/prometheus-scrape.js';
import { BrowseCatalogDocument, CheckoutCartDocument, CreateCartDocument, ProductDocument } from '../gql/graphql.js';

// Microsoft 365 Business Basic, sold in the US.
const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';

/** 'POST /v1/customers/{customerId}/carts/{cartId}/checkout' → ['POST', '/customers/{id}/carts/{id}/checkout']. */
function templateOf(routeKey: string): [string, string] {
  const [method = '', path = ''] = routeKey.split(' ');
  return [method, path.replace(/^\/v1/, '').replace(/\{[^}]+\}/g, '{id}')];
}

async function startRemoteGateway(sandboxUrl: string, env: Record<string, string>): Promise<RunningServer> {
  const result = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', PARTNER_CENTER_BASE_URL: sandboxUrl, UPSTREAM_RETRY_BASE_MS: '5', UPSTREAM_RETRY_MAX_DELAY_MS: '20', ...env });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return startServer(result.config, pino({ level: 'silent' }));
}

let stack: Stack;
let customerId: string;
beforeAll(async () => {
  stack = await startStack({ SANDBOX_ORDER_COMPLETION_MS: '600000', SANDBOX_ORDER_LIST_DELAY_MS: '600000' });
  customerId = await findCustomer(stack.sandbox.url, 'US');
});
afterAll(async () => {
  await stack?.stop();
});

describe('after browse, and a checkout through a 429 and a lost response', () => {
  let cartId: string;
  let orderId: string;
  beforeAll(async () => {
    // Only the gateway's calls from here: findCustomer spoke to the sandbox directly.
    stack.sandbox.resetCounters();
    const browse = await stack.gql(BrowseCatalogDocument, { country: 'US', first: 5 });
    expect(browse.errors).toBeUndefined();
    const cart = await stack.gql(CreateCartDocument, { input: { customerId, lineItems: [{ catalogItemId: BASIC, quantity: 2, billingCycle: 'MONTHLY', termDuration: 'P1Y' }] } });
    if (cart.data?.createCart.__typename !== 'CreateCartPayload') throw new Error(JSON.stringify(cart));
    cartId = cart.data.createCart.cart.cartId;
    // The first attempt is throttled (Retry-After 1 s), the second processed and its answer lost,
    // the third answered from the sandbox's record of the same MS-RequestId.
    stack.sandbox.script({ route: ROUTE.checkoutCart, kind: 'status', status: 429, retryAfterSeconds: 1 });
    stack.sandbox.script({ route: ROUTE.checkoutCart, kind: 'dropAfter' });
    const key = randomUUID();
    const checkout = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId, idempotencyKey: key } });
    if (checkout.data?.checkoutCart.__typename !== 'CheckoutCartPayload') throw new Error(JSON.stringify(checkout));
    orderId = checkout.data.checkoutCart.orders[0]?.orderId ?? '';
    const repeat = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId, idempotencyKey: key } });
    expect(repeat.data).toEqual(checkout.data);
    // One refused before execution (three validation errors), one answered with an error.
    expect((await stack.raw('query Broken { products { nope } }')).errors?.map((e) => e.extensions?.code)).toEqual(Array(3).fill('GRAPHQL_VALIDATION_FAILED'));
    expect((await stack.gql(ProductDocument, { productId: 'CFQ7TTC0LH18', country: 'JP' })).errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('counts every upstream request as the sandbox counted it, by route template, method and status', async () => {
    const m = await scrape(stack.url);
    const counters = stack.sandbox.counters();
    expect(Object.keys(counters).length).toBeGreaterThan(4);
    for (const [routeKey, count] of Object.entries(counters)) {
      const [method, route] = templateOf(routeKey);
      expect(m.sum('pcgw_upstream_requests_total', { route, method }), routeKey).toBe(count);
    }
    expect(m.sum('pcgw_upstream_requests_total')).toBe(stack.sandbox.totalRequests());
    // Status by status, as the sandbox recorded each request (0: the connection was dropped).
    const byStatus = new Map<string, number>();
    for (const r of stack.sandbox.requests()) {
      const [method, route] = templateOf(r.route);
      const key = `${method} ${route} ${r.status === 0 ? 'none' : r.status}`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    }
    for (const [key, count] of byStatus) {
      const [method = '', route = '', status = ''] = key.split(' ');
      expect(m.sum('pcgw_upstream_requests_total', { route, method, status }), key).toBe(count);
    }
    // The histogram saw each attempt once.
    expect(m.sum('pcgw_upstream_request_duration_seconds')).toBe(stack.sandbox.totalRequests());
  });

  it('shows the checkout attempt by attempt, its two retries and the Retry-After wait', async () => {
    const m = await scrape(stack.url);
    const checkout = { route: '/customers/{id}/carts/{id}/checkout', method: 'POST' };
    expect(m.sum('pcgw_upstream_requests_total', { ...checkout, attempt: '1', status: '429' })).toBe(1);
    expect(m.sum('pcgw_upstream_requests_total', { ...checkout, attempt: '2', status: 'none' })).toBe(1);
    expect(m.sum('pcgw_upstream_requests_total', { ...checkout, attempt: '3' })).toBe(1);
    expect(m.sum('pcgw_upstream_retries_total', { ...checkout, reason: 'throttled' })).toBe(1);
    expect(m.sum('pcgw_upstream_retries_total', { ...checkout })).toBe(2);
    expect(m.sum('pcgw_upstream_retry_wait_seconds', { source: 'retry_after' })).toBe(1);
    // The wait as decided: Retry-After said 1 s.
    expect(m.total('pcgw_upstream_retry_wait_seconds', { source: 'retry_after' })).toBe(1);
    expect(m.sum('pcgw_upstream_calls_total', { ...checkout, outcome: 'ok' })).toBe(1);
    expect(m.sum('pcgw_upstream_calls_total', { ...checkout })).toBe(1);
    expect(m.sum('pcgw_checkout_idempotency_total', { result: 'executed' })).toBe(1);
    expect(m.sum('pcgw_checkout_idempotency_total', { result: 'replayed' })).toBe(1);
  });

  it('counts operations by name and outcome, and the error codes of their results', async () => {
    const m = await scrape(stack.url);
    expect(m.sum('pcgw_graphql_operations_total', { operation: 'BrowseCatalog', type: 'query', outcome: 'ok' })).toBe(1);
    expect(m.sum('pcgw_graphql_operations_total', { operation: 'CreateCart', type: 'mutation', outcome: 'ok' })).toBe(1);
    expect(m.sum('pcgw_graphql_operations_total', { operation: 'CheckoutCart', type: 'mutation', outcome: 'ok' })).toBe(2);
    expect(m.sum('pcgw_graphql_operations_total', { operation: 'Broken', outcome: 'rejected' })).toBe(1);
    expect(m.sum('pcgw_graphql_operations_total', { operation: 'Product', type: 'query', outcome: 'error' })).toBe(1);
    expect(m.sum('pcgw_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(3);
    expect(m.sum('pcgw_graphql_errors_total', { code: 'VALIDATION_FAILED' })).toBe(1);
    expect(m.sum('pcgw_graphql_operation_duration_seconds', { operation: 'CheckoutCart' })).toBe(2);
  });

  it('mirrors the catalog cache', async () => {
    const m = await scrape(stack.url);
    const { stats } = stack.server.gateway.services.catalogCache;
    expect(stats.misses).toBeGreaterThan(0);
    expect(m.sum('pcgw_catalog_cache_reads_total', { result: 'hit' })).toBe(stats.hits);
    expect(m.sum('pcgw_catalog_cache_reads_total', { result: 'miss' })).toBe(stats.misses);
    expect(m.sum('pcgw_catalog_cache_stale_served_total')).toBe(stats.staleOnError);
    // Sandbox mode asks Entra ID for nothing.
    expect(m.sum('pcgw_upstream_token_requests_total')).toBe(0);
  });

  it('keeps ids out of every label', async () => {
    const m = await scrape(stack.url);
    for (const id of [customerId, cartId, orderId, 'CFQ7TTC0LH18']) expect(m.text).not.toContain(id);
    const routes = new Set(m.samples('pcgw_upstream_requests_total').map((s) => s.labels?.route));
    for (const route of routes) expect(route).toMatch(/^(\/[a-z]+|\/\{id\})+$/);
  });
});

describe('the upstream budget (a gateway over the sandbox as a remote Partner Center)', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    // Three calls a minute for the partner; a Retry-After above the 1 s cap comes back THROTTLED and pauses the partner.
    gateway = await startRemoteGateway(stack.sandbox.url, { UPSTREAM_BUDGET_PARTNER_PER_MIN: '3', UPSTREAM_RETRY_AFTER_CAP_S: '1', CATALOG_CACHE_TTL_S: '0' });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('counts a wait on a paused partner and a refusal of a spent budget', async () => {
    const post = async (productId: string) => {
      const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ product(productId: "${productId}", country: "US") { title } }` }) });
      return (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    };
    stack.sandbox.resetCounters();
    stack.sandbox.script({ route: ROUTE.getProduct, kind: 'status', status: 429, retryAfterSeconds: 2 });
    expect((await post('CFQ7TTC0LH18')).errors?.[0]?.extensions?.code).toBe('THROTTLED');
    // Paused for 2 s: this one waits for the pause, then takes the second point.
    expect((await post('CFQ7TTC0LH18')).errors).toBeUndefined();
    expect((await post('CFQ7TTC0LH16')).errors).toBeUndefined();
    // The fourth call of the minute: waiting for the next window would pass the deadline.
    expect((await post('CFQ7TTC0LH1P')).errors?.[0]?.extensions?.code).toBe('THROTTLED');

    const m = await scrape(gateway.url);
    expect(m.sum('pcgw_upstream_requests_total', { route: '/products/{id}' })).toBe(stack.sandbox.count(ROUTE.getProduct));
    expect(stack.sandbox.count(ROUTE.getProduct)).toBe(3);
    expect(m.sum('pcgw_upstream_requests_total', { route: '/products/{id}', status: '429' })).toBe(1);
    expect(m.sum('pcgw_upstream_budget_wait_seconds', { scope: 'partner', reason: 'paused' })).toBe(1);
    expect(m.sum('pcgw_upstream_budget_wait_seconds')).toBe(1);
    expect(m.sum('pcgw_upstream_budget_refusals_total', { scope: 'partner', reason: 'spent' })).toBe(1);
    expect(m.sum('pcgw_upstream_calls_total', { route: '/products/{id}', outcome: 'throttled' })).toBe(2);
    expect(m.sum('pcgw_upstream_calls_total', { route: '/products/{id}', outcome: 'ok' })).toBe(2);
    // The throttled call was not retried: its Retry-After was above the cap.
    expect(m.sum('pcgw_upstream_retries_total')).toBe(0);
  });
});

describe('order status streams', () => {
  it('counts the SSE watchers and the pollers, and lets them go', async () => {
    const cart = await stack.gql(CreateCartDocument, { input: { customerId, lineItems: [{ catalogItemId: BASIC, quantity: 1, billingCycle: 'MONTHLY', termDuration: 'P1Y' }] } });
    if (cart.data?.createCart.__typename !== 'CreateCartPayload') throw new Error(JSON.stringify(cart));
    const checkout = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.data.createCart.cart.cartId } });
    if (checkout.data?.checkoutCart.__typename !== 'CheckoutCartPayload') throw new Error(JSON.stringify(checkout));
    const orderId = checkout.data.checkoutCart.orders[0]?.orderId ?? '';
    const query = 'subscription Watch($customerId: ID!, $orderId: String!) { orderStatusChanged(customerId: $customerId, orderId: $orderId) { status } }';
    const clients = [0, 1].map(() => createClient({ url: `${stack.url}/graphql`, singleConnection: false, retryAttempts: 0 }));
    const firsts: Promise<void>[] = [];
    const leave = clients.map((client) => {
      let seen: () => void = () => undefined;
      firsts.push(new Promise<void>((resolve) => (seen = resolve)));
      return client.subscribe({ query, variables: { customerId, orderId } }, { next: () => seen(), error: () => seen(), complete: () => seen() });
    });
    await Promise.all(firsts);
    const open = await scrape(stack.url);
    expect(open.sum('pcgw_graphql_subscriptions_active')).toBe(2);
    expect(open.sum('pcgw_order_status_watchers')).toBe(2);
    expect(open.sum('pcgw_order_status_watched')).toBe(1);
    expect(open.sum('pcgw_order_status_polling')).toBe(1);
    expect(open.sum('pcgw_graphql_operations_total', { operation: 'Watch', type: 'subscription', outcome: 'ok' })).toBe(2);

    for (const l of leave) l();
    for (const c of clients) c.dispose();
    // The server notices each closed stream on its own time: wait for the gauges, bounded.
    let after = await scrape(stack.url);
    for (let i = 0; i < 100 && (after.sum('pcgw_graphql_subscriptions_active') > 0 || after.sum('pcgw_order_status_watched') > 0); i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await scrape(stack.url);
    }
    expect(after.sum('pcgw_graphql_subscriptions_active')).toBe(0);
    expect(after.sum('pcgw_order_status_watchers')).toBe(0);
    expect(after.sum('pcgw_order_status_watched')).toBe(0);
  });
});

describe('settings', () => {
  it('wants the bearer token when METRICS_TOKEN is set, and is gone with METRICS_ENABLED=false', async () => {
    const token = 'a-scraper-token-of-some-length';
    const guarded = await startRemoteGateway(stack.sandbox.url, { METRICS_TOKEN: token });
    const off = await startRemoteGateway(stack.sandbox.url, { METRICS_ENABLED: 'false' });
    try {
      const refused = await fetch(`${guarded.url}/metrics`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const m = await scrape(guarded.url, { authorization: `Bearer ${token}` });
      expect(m.family('pcgw_graphql_operations_total')?.type).toBe('counter');
      expect(m.family('process_cpu_user_seconds_total')).toBeDefined();
      expect((await fetch(`${guarded.url}/metrics`, { method: 'POST' })).status).toBe(405);
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
      expect(off.gateway.observability.metrics).toBeUndefined();
    } finally {
      await Promise.all([guarded.stop(), off.stop()]);
    }
  });
});

describe('behind caller authentication (a gateway process, a fake Entra ID)', () => {
  let entra: FakeEntra;
  let sandbox: Sandbox;
  let proc: Proc;
  let url: string;
  beforeAll(async () => {
    entra = await startFakeEntra();
    sandbox = await startSandbox({ auth: { jwksUri: entra.jwksUri(), ca: entra.caPem } });
    ({ proc, base: url } = await startSignedInGateway(entra, sandbox.url));
  });
  afterAll(async () => {
    if (proc && proc.child.exitCode === null) {
      proc.child.kill('SIGTERM');
      await proc.exit;
    }
    await sandbox?.close();
    await entra?.close();
  });

  it('serves /metrics without a caller token, counts token requests, and logs no token', async () => {
    const caller = await entra.mintUserToken({});
    const query = (productId: string) =>
      fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${caller}` }, body: JSON.stringify({ query: `{ product(productId: "${productId}", country: "US") { title } }` }) });
    // Ten at once share one token request; the operation itself is refused without a token.
    const answers = await Promise.all(['CFQ7TTC0LH18', 'CFQ7TTC0LH16', 'CFQ7TTC0LDPB', 'CFQ7TTC0LFLX', 'CFQ7TTC0LFLZ', 'CFQ7TTC0LF8Q', 'CFQ7TTC0LCHC', 'CFQ7TTC0HL8W', 'CFQ7TTC0LH18', 'CFQ7TTC0LH16'].map(query));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect((await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).status).toBe(401);

    const m = await scrape(url);
    const tokenRequests = entra.tokenRequests().filter((r) => r.grantType === 'client_credentials').length;
    expect(tokenRequests).toBe(1);
    expect(m.sum('pcgw_upstream_token_requests_total', { outcome: 'ok' })).toBe(tokenRequests);
    expect(m.sum('pcgw_upstream_token_requests_total', { outcome: 'error' })).toBe(0);
    expect(m.sum('pcgw_upstream_requests_total')).toBe(sandbox.totalRequests());
    // The refused caller is no operation: ten were counted, all of them answered.
    expect(m.sum('pcgw_graphql_operations_total')).toBe(10);
    const output = proc.stdout() + proc.stderr();
    expect(output).toContain('partner center call');
    expect(output).not.toContain(caller);
    expect(output).not.toContain(entra.clientSecret ?? 'no secret');
    expect(output).not.toMatch(/Bearer ey/);
  });
});
