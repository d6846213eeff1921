// Tracing end to end over real HTTP: the gateway exports OTLP/HTTP (JSON) to a real receiver on
// loopback, and the sandbox records the headers of every upstream request. One trace per
// operation; the operation span continues the caller's traceparent; resolver spans that called
// Partner Center sit under it and each attempt's span under its resolver; every upstream request
// carries a traceparent naming its attempt's span, next to MS-CorrelationId; log lines carry the
// trace id. With tracing off, a caller's traceparent still reaches Partner Center unchanged.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { print } from 'graphql';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { loadSandboxSettings, ROUTE, type RecordedRequest, type Sandbox } from '../../src/sandbox/index.js';
import { findCustomer } from '../helpers/commerce.js';
import { runEntry } from '../helpers/process.js';
import { SPAN_KIND, STATUS_ERROR, startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { BrowseCatalogDocument, CheckoutCartDocument, CreateCartDocument } from '../gql/graphql.js';

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const OTLP_KEY = 'otlp-secret-api-key-0123456789';
const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])$/;

interface Gateway {
  server: RunningServer;
  sandbox: Sandbox;
  logs: Record<string, unknown>[];
  post(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: Record<string, unknown>; errors?: unknown[]; extensions?: Record<string, unknown> }>;
}

/** The gateway over its embedded sandbox, logging at debug into `logs`. */
async function startGateway(env: Record<string, string>): Promise<Gateway> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'debug', UPSTREAM_RETRY_BASE_MS: '5', UPSTREAM_RETRY_MAX_DELAY_MS: '20', ...env });
  const sandboxSettings = loadSandboxSettings({ SANDBOX_ORDER_COMPLETION_MS: '600000', SANDBOX_ORDER_LIST_DELAY_MS: '600000' });
  if (!config.ok || !sandboxSettings.ok) throw new Error('bad settings');
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const server = await startServer(config.config, logger, sandboxSettings.settings);
  if (!server.sandbox) throw new Error('expected sandbox mode');
  return {
    server,
    sandbox: server.sandbox,
    logs,
    post: async (query, variables, headers = {}) => {
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[]; extensions?: Record<string, unknown> };
    },
  };
}

function upstreamTraceparent(r: RecordedRequest): { traceId: string; spanId: string; flags: string } {
  const m = TRACEPARENT.exec(r.headers.traceparent ?? '');
  if (!m) throw new Error(`${r.route} had no traceparent: ${JSON.stringify(r.headers)}`);
  return { traceId: m[1] ?? '', spanId: m[2] ?? '', flags: m[3] ?? '' };
}

describe('tracing on', () => {
  let receiver: OtlpReceiver;
  let gw: Gateway;
  const flush = async () => {
    await gw.server.gateway.observability.tracing?.forceFlush();
    return receiver.spans();
  };
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    gw = await startGateway({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: `x-api-key=${OTLP_KEY}`,
      OTEL_SERVICE_NAME: 'pcgw-under-test',
      // Exports happen when the test flushes, not on a timer.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
  });
  afterAll(async () => {
    await gw?.server.stop();
    await receiver?.close();
  });
  beforeEach(async () => {
    await flush();
    receiver.clear();
    gw.sandbox.resetCounters();
    gw.logs.length = 0;
  });

  it('continues the caller\'s trace: operation, resolvers that called upstream, one span per attempt, traceparent upstream', async () => {
    const r = await gw.post(print(BrowseCatalogDocument), { country: 'US', first: 3 }, { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` });
    expect(r.errors).toBeUndefined();
    const spans = await flush();
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([CALLER_TRACE]));
    const [operation, ...others] = spans.filter((s) => s.kind === SPAN_KIND.server);
    expect(others).toEqual([]);
    expect(operation).toMatchObject({ name: 'query BrowseCatalog', parentSpanId: CALLER_SPAN, attributes: { 'graphql.operation.type': 'query', 'graphql.operation.name': 'BrowseCatalog', 'http.response.status_code': 200 } });
    expect(operation?.resource['service.name']).toBe('pcgw-under-test');
    expect(operation?.attributes['partner_center.correlation_id']).toBe(r.extensions?.correlationId);

    const resolvers = spans.filter((s) => s.kind === SPAN_KIND.internal);
    const attempts = spans.filter((s) => s.kind === SPAN_KIND.client);
    // Only resolvers that called Partner Center: the products list, the SKU lists, the availability lists.
    expect(new Set(resolvers.map((s) => s.name))).toEqual(new Set(['Query.products', 'Product.skus', 'Sku.availabilities']));
    for (const s of resolvers) expect(s.parentSpanId).toBe(operation?.spanId);
    const resolverIds = new Set(resolvers.map((s) => s.spanId));
    for (const a of attempts) expect(resolverIds.has(a.parentSpanId ?? '')).toBe(true);
    for (const s of resolvers) expect(attempts.some((a) => a.parentSpanId === s.spanId)).toBe(true);
    // A child lies within its parent's time (resolver spans are back-dated to the resolver's start).
    for (const a of attempts) {
      const parent = resolvers.find((s) => s.spanId === a.parentSpanId);
      expect(a.startNs >= (parent?.startNs ?? 0n) && a.endNs <= (parent?.endNs ?? 0n)).toBe(true);
    }

    // Each upstream request names its attempt's span, in the same trace, next to MS-CorrelationId.
    const requests = gw.sandbox.requests();
    expect(attempts).toHaveLength(requests.length);
    expect(new Set(requests.map((q) => upstreamTraceparent(q).traceId))).toEqual(new Set([CALLER_TRACE]));
    expect(new Set(requests.map((q) => upstreamTraceparent(q).spanId))).toEqual(new Set(attempts.map((a) => a.spanId)));
    for (const q of requests) expect(q.headers['ms-correlationid']).toBe(r.extensions?.correlationId);
    for (const a of attempts) expect(a.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 200 });
    expect(new Set(attempts.map((a) => a.attributes['url.template']))).toEqual(new Set(['/products', '/products/{id}/skus', '/products/{id}/skus/{id}/availabilities']));

    // The exporter sends OTEL_EXPORTER_OTLP_HEADERS; no span carries a header value or a token.
    expect(receiver.requestHeaders()[0]?.['x-api-key']).toBe(OTLP_KEY);
    expect(JSON.stringify(spans, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toMatch(/Bearer|authorization|otlp-secret/i);
  });

  it('makes one trace per operation, rooted at the operation when no caller trace came', async () => {
    await gw.post(print(BrowseCatalogDocument), { country: 'DE', first: 2 });
    await gw.post(print(BrowseCatalogDocument), { country: 'DE', first: 2 });
    const spans = await flush();
    const roots = spans.filter((s) => s.parentSpanId === undefined);
    expect(roots).toHaveLength(2);
    expect(roots.every((s) => s.kind === SPAN_KIND.server && s.name === 'query BrowseCatalog')).toBe(true);
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set(roots.map((s) => s.traceId)));
    // The second was served from the catalog cache: its trace is the operation alone.
    const byTrace = (id: string) => spans.filter((s) => s.traceId === id);
    expect(roots.map((root) => byTrace(root.traceId).length).sort((a, b) => a - b)[0]).toBe(1);
    // Log lines of each operation carry its trace id and correlation id.
    const lines = gw.logs.filter((l) => l.msg === 'graphql operation');
    expect(lines.map((l) => l.traceId).sort()).toEqual(roots.map((s) => s.traceId).sort());
    for (const l of lines) expect(l.correlationId).toEqual(expect.any(String));
  });

  it('shows a checkout through a 429 and a lost response as three attempts of one resolver, with one MS-RequestId', async () => {
    const customerId = await findCustomer(gw.sandbox.url, 'US');
    const cart = await gw.post(print(CreateCartDocument), { input: { customerId, lineItems: [{ catalogItemId: BASIC, quantity: 1, billingCycle: 'MONTHLY', termDuration: 'P1Y' }] } });
    const cartId = ((cart.data?.createCart as { cart?: { cartId?: string } } | undefined)?.cart?.cartId) ?? '';
    expect(cartId).not.toBe('');
    await flush();
    receiver.clear();
    gw.sandbox.resetCounters();
    gw.sandbox.script({ route: ROUTE.checkoutCart, kind: 'status', status: 429, retryAfterSeconds: 0 });
    gw.sandbox.script({ route: ROUTE.checkoutCart, kind: 'dropAfter' });
    const checkout = await gw.post(print(CheckoutCartDocument), { input: { customerId, cartId, idempotencyKey: randomUUID() } }, { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` });
    expect((checkout.data?.checkoutCart as { __typename?: string } | undefined)?.__typename).toBe('CheckoutCartPayload');
    const spans = await flush();
    const operation = spans.find((s) => s.kind === SPAN_KIND.server);
    expect(operation?.name).toBe('mutation CheckoutCart');
    const resolver = spans.find((s) => s.name === 'Mutation.checkoutCart');
    expect(resolver?.parentSpanId).toBe(operation?.spanId);
    const attempts = spans.filter((s) => s.kind === SPAN_KIND.client && s.attributes['url.template'] === '/customers/{id}/carts/{id}/checkout');
    attempts.sort((a, b) => (a.startNs < b.startNs ? -1 : 1));
    expect(attempts.map((a) => a.parentSpanId)).toEqual([resolver?.spanId, resolver?.spanId, resolver?.spanId]);
    expect(attempts.map((a) => a.attributes['http.response.status_code'])).toEqual([429, undefined, 201]);
    expect(attempts.map((a) => a.attributes['http.request.resend_count'])).toEqual([undefined, 1, 2]);
    expect(attempts.map((a) => a.statusCode === STATUS_ERROR)).toEqual([true, true, false]);
    expect(attempts[1]?.attributes['error.type']).toBe('NETWORK');
    expect(new Set(attempts.map((a) => a.attributes['partner_center.request_id'])).size).toBe(1);
    expect(resolver?.events.filter((e) => e.name === 'partner center retry wait').map((e) => e.attributes['retry.reason'])).toEqual(['THROTTLED', 'NETWORK']);
    // The sandbox saw the same three, each naming its attempt's span, all with the same MS-RequestId.
    const seen = gw.sandbox.requests().filter((q) => q.route === ROUTE.checkoutCart);
    expect(seen.map((q) => q.status)).toEqual([429, 0, 201]);
    expect(seen.map((q) => upstreamTraceparent(q).spanId)).toEqual(attempts.map((a) => a.spanId));
    expect(new Set(seen.map((q) => q.headers['ms-requestid'])).size).toBe(1);
    // One debug line per attempt, answered or not, with the trace and correlation ids.
    const calls = gw.logs.filter((l) => l.msg === 'partner center call' && (l.upstream as { path?: string }).path?.endsWith('/checkout'));
    expect(calls.map((l) => (l.upstream as { status?: number | null }).status)).toEqual([429, null, 201]);
    for (const l of calls) expect(l).toMatchObject({ traceId: CALLER_TRACE, correlationId: checkout.extensions?.correlationId });
  });

  it('keeps a subscription\'s trace open while it streams: its order-status polls are its children', async () => {
    const customerId = await findCustomer(gw.sandbox.url, 'US');
    const cart = await gw.post(print(CreateCartDocument), { input: { customerId, lineItems: [{ catalogItemId: BASIC, quantity: 1, billingCycle: 'MONTHLY', termDuration: 'P1Y' }] } });
    const cartId = ((cart.data?.createCart as { cart?: { cartId?: string } } | undefined)?.cart?.cartId) ?? '';
    const checkout = await gw.post(print(CheckoutCartDocument), { input: { customerId, cartId } });
    const orderId = ((checkout.data?.checkoutCart as { orders?: { orderId: string }[] } | undefined)?.orders?.[0]?.orderId) ?? '';
    expect(orderId).not.toBe('');
    await flush();
    receiver.clear();
    const controller = new AbortController();
    const res = await fetch(`${gw.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` },
      body: JSON.stringify({ query: 'subscription Watch($c: ID!, $o: String!) { orderStatusChanged(customerId: $c, orderId: $o) { status } }', variables: { c: customerId, o: orderId } }),
      signal: controller.signal,
    });
    const reader = res.body?.getReader();
    let text = '';
    while (!text.includes('PENDING')) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      text += Buffer.from(chunk.value).toString('utf8');
    }
    expect(text).toContain('PENDING');
    // Still streaming: the operation's span has not ended, so nothing of it was exported.
    expect((await flush()).filter((s) => s.kind === SPAN_KIND.server)).toEqual([]);
    controller.abort();
    // The server notices the closed stream on its own time: flush until the span arrives, bounded.
    let spans = await flush();
    for (let i = 0; i < 100 && !spans.some((s) => s.kind === SPAN_KIND.server); i++) {
      await new Promise((r) => setTimeout(r, 20));
      spans = await flush();
    }
    const operation = spans.find((s) => s.kind === SPAN_KIND.server);
    expect(operation).toMatchObject({ name: 'subscription Watch', traceId: CALLER_TRACE, parentSpanId: CALLER_SPAN });
    const polls = spans.filter((s) => s.kind === SPAN_KIND.client);
    expect(polls.length).toBeGreaterThan(0);
    for (const p of polls) expect(p).toMatchObject({ traceId: CALLER_TRACE, parentSpanId: operation?.spanId, attributes: { 'url.template': '/customers/{id}/orders/{id}' } });
  });

  it('records nothing of an unsampled caller trace, and still sends its trace id upstream', async () => {
    await gw.post(print(BrowseCatalogDocument), { country: 'FR', first: 1 }, { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-00` });
    expect(await flush()).toEqual([]);
    const requests = gw.sandbox.requests();
    expect(requests.length).toBeGreaterThan(0);
    for (const q of requests) expect(upstreamTraceparent(q)).toMatchObject({ traceId: CALLER_TRACE, flags: '00' });
  });

  it('never writes a secret to the logs', () => {
    const text = JSON.stringify(gw.logs);
    expect(text).not.toContain(OTLP_KEY);
    expect(text).not.toMatch(/Bearer /);
  });
});

describe('tracing off', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({});
  });
  afterAll(async () => {
    await gw?.server.stop();
  });

  it('makes no span, passes the caller\'s traceparent and tracestate upstream unchanged, and logs its trace id', async () => {
    expect(gw.server.gateway.observability.tracing).toBeUndefined();
    const traceparent = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;
    const r = await gw.post(print(BrowseCatalogDocument), { country: 'US', first: 2 }, { traceparent, tracestate: 'router=abc' });
    expect(r.errors).toBeUndefined();
    const requests = gw.sandbox.requests();
    expect(requests.length).toBeGreaterThan(0);
    for (const q of requests) expect(q.headers).toMatchObject({ traceparent, tracestate: 'router=abc', 'ms-correlationid': r.extensions?.correlationId });
    const lines = gw.logs.filter((l) => l.msg === 'graphql operation' || l.msg === 'partner center call');
    expect(lines.length).toBe(requests.length + 1);
    for (const l of lines) expect(l).toMatchObject({ traceId: CALLER_TRACE, correlationId: r.extensions?.correlationId });
  });

  it('sends no traceparent when the caller sent none, or a malformed one', async () => {
    gw.sandbox.resetCounters();
    await gw.post(print(BrowseCatalogDocument), { country: 'DE', first: 1 });
    await gw.post(print(BrowseCatalogDocument), { country: 'FR', first: 1 }, { traceparent: '00-not-a-trace-01' });
    expect(gw.sandbox.requests().length).toBeGreaterThan(0);
    for (const q of gw.sandbox.requests()) expect(q.headers.traceparent).toBeUndefined();
  });
});

describe('a gateway process configured by the standard OTEL_* environment', () => {
  it('exports the spans still queued when it shuts down', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const proc = runEntry('src/server.ts', {
        PORT: '0',
        LOG_LEVEL: 'debug',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_HEADERS: `x-api-key=${OTLP_KEY}`,
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test,service.namespace=partner-center',
        // Nothing is exported on a timer while it runs: what arrives was flushed by the shutdown.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
      });
      const url = String((await proc.waitForLog('mode')).url);
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` }, body: JSON.stringify({ query: '{ product(productId: "CFQ7TTC0LH18", country: "US") { title } }' }) });
      expect(res.status).toBe(200);
      expect(receiver.spans()).toEqual([]);
      proc.child.kill('SIGTERM');
      expect(await proc.exit).toBe(0);
      const spans = receiver.spans();
      expect(spans.map((s) => s.kind).sort()).toEqual([SPAN_KIND.internal, SPAN_KIND.server, SPAN_KIND.client].sort());
      expect(spans.every((s) => s.traceId === CALLER_TRACE)).toBe(true);
      expect(spans[0]?.resource).toMatchObject({ 'service.name': 'partner-center-gateway', 'deployment.environment': 'test', 'service.namespace': 'partner-center' });
      const output = proc.stdout() + proc.stderr();
      expect(output).toContain('tracing on');
      expect(output).not.toContain(OTLP_KEY);
      const lines = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      const operation = lines.filter((l) => l.msg === 'graphql operation' || l.msg === 'partner center call');
      expect(operation).toHaveLength(2);
      for (const l of operation) expect(l.traceId).toBe(CALLER_TRACE);
    } finally {
      await receiver.close();
    }
  });
});
