import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { MockAgent } from 'undici';
import { PartnerCenterClient, type CallEvent, type ClientOptions } from '../../src/upstream/client.js';
import { PartnerCenterError } from '../../src/upstream/errors.js';
import { listProducts } from '../../src/upstream/catalog.js';

const ORIGIN = 'http://pc.test';
const ctx = { correlationId: '5b1f7f4e-7a0e-4a57-9f9a-0f6c2d1e8b3a', locale: 'en-US' };

interface Seen {
  path: string;
  method: string;
  headers: Record<string, string>;
}

let agent: MockAgent;
let seen: Seen[];
let events: CallEvent[];

function client(overrides: Partial<ClientOptions> = {}): PartnerCenterClient {
  return new PartnerCenterClient({
    baseUrl: ORIGIN,
    connections: 1,
    connectTimeoutMs: 1000,
    headersTimeoutMs: 1000,
    bodyTimeoutMs: 1000,
    deadlineMs: 5000,
    maxAttempts: 4,
    retryBaseMs: 10,
    retryMaxDelayMs: 20,
    retryAfterCapSeconds: 5,
    dispatcher: agent,
    onCall: (e) => events.push(e),
    ...overrides,
  });
}

/** Queues one reply for any request to `path`, recording the request's headers. */
function reply(path: string, status: number, body: unknown, headers: Record<string, string> = {}, method = 'GET') {
  agent
    .get(ORIGIN)
    .intercept({ path: (p) => p.split('?')[0] === path, method })
    .reply((opts) => {
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries((opts.headers ?? {}) as Record<string, string>)) h[k.toLowerCase()] = String(v);
      seen.push({ path: opts.path, method: opts.method, headers: h });
      return { statusCode: status, data: typeof body === 'string' ? body : JSON.stringify(body), responseOptions: { headers: { 'content-type': 'application/json', ...headers } } };
    });
}

const products = { totalCount: 1, items: [{ id: 'CFQ7TTC0LH18', title: 'Microsoft 365 Business Basic', productType: { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' }, isMicrosoftProduct: true, extra: 'ignored' }], links: { self: { uri: '/products?country=US', method: 'GET', headers: [] } }, attributes: { objectType: 'Collection' } };
const throttle = { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' };
const fault = (code: number, description: string) => ({ code, description, data: [], source: 'PartnerFD' });

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  seen = [];
  events = [];
});
afterEach(async () => {
  await agent.close();
});

describe('PartnerCenterClient retries', () => {
  it('waits for Retry-After on 429 and then succeeds, with one MS-RequestId for the logical call', async () => {
    reply('/v1/products', 429, throttle, { 'retry-after': '1' });
    reply('/v1/products', 200, products);
    const started = Date.now();
    const items = await listProducts(client(), ctx, { country: 'US', targetView: 'OnlineServices' });
    expect(items.map((p) => p.id)).toEqual(['CFQ7TTC0LH18']);
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen[0]?.headers['ms-requestid']).toBeTruthy();
    expect(seen[1]?.headers['ms-requestid']).toBe(seen[0]?.headers['ms-requestid']);
    expect(seen.every((s) => s.headers['ms-correlationid'] === ctx.correlationId)).toBe(true);
    expect(seen[0]?.headers['x-locale']).toBe('en-US');
    expect(seen[0]?.headers.accept).toBe('application/json');
  });

  it('retries 503 and a dropped connection on GET', async () => {
    reply('/v1/products', 503, fault(800003, 'Unexpected service error'));
    agent.get(ORIGIN).intercept({ path: (p) => p.startsWith('/v1/products'), method: 'GET' }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    reply('/v1/products', 200, products);
    const items = await listProducts(client(), ctx, { country: 'US', targetView: 'OnlineServices' });
    expect(items).toHaveLength(1);
    expect(events.map((e) => e.status)).toEqual([503, undefined, 200]);
    expect(new Set(events.map((e) => e.requestId)).size).toBe(1);
  });

  it('does not retry a POST answered 500', async () => {
    reply('/v1/customers/c1/carts', 500, fault(800005, 'Create order is not successful'), {}, 'POST');
    const err = await client()
      .request(ctx, { method: 'POST', path: '/customers/c1/carts', body: { lineItems: [] } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartnerCenterError);
    expect(seen).toHaveLength(1);
    expect(err).toMatchObject({ kind: 'SERVER_ERROR', status: 500, code: 800005, attempts: 1 });
  });

  it('retries a POST on 429 and on a dropped connection with the same MS-RequestId', async () => {
    reply('/v1/customers/c1/carts', 429, throttle, { 'retry-after': '0' }, 'POST');
    agent.get(ORIGIN).intercept({ path: '/v1/customers/c1/carts', method: 'POST' }).replyWithError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
    reply('/v1/customers/c1/carts', 201, { id: 'cart' }, {}, 'POST');
    const res = await client().request(ctx, { method: 'POST', path: '/customers/c1/carts', body: { lineItems: [] } });
    expect(res.status).toBe(201);
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.requestId)).size).toBe(1);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('uses a new MS-RequestId for each logical call', async () => {
    reply('/v1/products', 200, products);
    reply('/v1/products', 200, products);
    const c = client();
    await listProducts(c, ctx, { country: 'US', targetView: 'OnlineServices' });
    await listProducts(c, ctx, { country: 'US', targetView: 'OnlineServices' });
    expect(seen[0]?.headers['ms-requestid']).not.toBe(seen[1]?.headers['ms-requestid']);
  });

  it('returns THROTTLED with retryAfter when Retry-After exceeds the cap, without waiting', async () => {
    reply('/v1/products', 429, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' }, { 'retry-after': '57' });
    const err = await listProducts(client(), ctx, { country: 'US', targetView: 'OnlineServices' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'THROTTLED', status: 429, code: 429, retryAfter: 57, retryable: true, description: 'Rate limit is exceeded. Try again in 57 seconds.' });
    expect(seen).toHaveLength(1);
  });

  it('without a budget, a 429 holds back only its own call: the next one goes upstream', async () => {
    reply('/v1/products', 429, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' }, { 'retry-after': '57' });
    reply('/v1/products', 200, products);
    const c = client();
    expect(await listProducts(c, ctx, { country: 'US', targetView: 'OnlineServices' }).catch((e: unknown) => e)).toMatchObject({ kind: 'THROTTLED', retryAfter: 57 });
    expect(await listProducts(c, ctx, { country: 'US', targetView: 'OnlineServices' })).toHaveLength(1);
    expect(seen).toHaveLength(2);
  });

  it('gives up after maxAttempts', async () => {
    for (let i = 0; i < 3; i++) reply('/v1/products', 503, fault(800003, 'busy'));
    const err = await listProducts(client({ maxAttempts: 3 }), ctx, { country: 'US', targetView: 'OnlineServices' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'UNAVAILABLE', attempts: 3 });
    expect(seen).toHaveLength(3);
  });

  it('stops at the deadline', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: (p) => p.startsWith('/v1/products'), method: 'GET' })
      .reply(200, JSON.stringify(products))
      .delay(2000)
      .persist();
    const err = await listProducts(client({ deadlineMs: 200 }), ctx, { country: 'US', targetView: 'OnlineServices' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'TIMEOUT' });
  });

  it('reports the deadline as TIMEOUT when it falls in a backoff wait between attempts', async () => {
    reply('/v1/products', 503, fault(800003, 'busy'));
    // The backoff after the 503 would be ~10 s; the 150 ms deadline ends the call during that wait.
    const slow = client({ deadlineMs: 150, retryBaseMs: 10_000, retryMaxDelayMs: 10_000, random: () => 0.99 });
    const err = await listProducts(slow, ctx, { country: 'US', targetView: 'OnlineServices' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartnerCenterError);
    expect(err).toMatchObject({ kind: 'TIMEOUT', attempts: 1 });
    expect(seen).toHaveLength(1);
  });

  it('reports a server that accepts the connection and never answers as TIMEOUT', async () => {
    const sockets = new Set<Socket>();
    const server = createServer(() => undefined);
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const real = new PartnerCenterClient({
      baseUrl: `http://127.0.0.1:${port}`,
      connections: 1,
      connectTimeoutMs: 1000,
      headersTimeoutMs: 100,
      bodyTimeoutMs: 1000,
      deadlineMs: 400,
      maxAttempts: 2,
      retryBaseMs: 10,
      retryMaxDelayMs: 20,
      retryAfterCapSeconds: 5,
    });
    try {
      const err = await listProducts(real, ctx, { country: 'US', targetView: 'OnlineServices' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'TIMEOUT' });
      expect((err as PartnerCenterError).message).not.toMatch(/127\.0\.0\.1/);
    } finally {
      await real.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('PartnerCenterClient errors and parsing', () => {
  it('parses the ApiFault shape with an integer code', async () => {
    reply('/v1/products/NOPE', 404, fault(400013, 'The parent product was not found'));
    const err = await client()
      .request(ctx, { method: 'GET', path: '/products/NOPE', query: { country: 'US' } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'NOT_FOUND', status: 404, code: 400013, description: 'The parent product was not found', retryable: false, correlationId: ctx.correlationId, path: '/v1/products/NOPE' });
    expect((err as PartnerCenterError).requestId).toBe(seen[0]?.headers['ms-requestid']);
  });

  it('accepts a string error code and a non-JSON body', async () => {
    reply('/v1/a', 400, { code: '800002', description: 'Invalid request input' });
    reply('/v1/b', 404, '<html>gone</html>', { 'content-type': 'text/html' });
    const a = await client().request(ctx, { method: 'GET', path: '/a' }).catch((e: unknown) => e);
    const b = await client().request(ctx, { method: 'GET', path: '/b' }).catch((e: unknown) => e);
    expect(a).toMatchObject({ kind: 'BAD_INPUT', code: 800002 });
    expect(b).toMatchObject({ kind: 'NOT_FOUND', code: undefined, description: 'HTTP 404' });
  });

  it('turns a body that does not parse into INVALID_RESPONSE naming the field', async () => {
    reply('/v1/products', 200, { items: [{ id: 'X', title: 'T', productType: { id: 'OnlineServicesNCE' } }, { id: 'Y', title: 5, productType: { id: 'x' } }] });
    const err = await listProducts(client(), ctx, { country: 'US', targetView: 'OnlineServices' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'INVALID_RESPONSE', field: 'items.1.title', retryable: false });
  });

  it('never puts the token in an error', async () => {
    reply('/v1/products', 401, fault(400, 'Access denied'));
    const secret = 'eyJ.secret-token.value';
    const err = await listProducts(client({ getToken: async () => secret }), ctx, { country: 'US', targetView: 'OnlineServices' }).catch((e: unknown) => e);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${secret}`);
    expect(err).toMatchObject({ kind: 'UNAUTHORIZED' });
    expect(JSON.stringify(err)).not.toContain(secret);
    expect(String((err as Error).message) + String((err as Error).stack)).not.toContain(secret);
  });
});

describe('link resolution', () => {
  it('adds /v1 to relative links that lack it and keeps it when present', () => {
    const c = client();
    expect(c.resolvePath('/customers?size=40&seekOperation=Next')).toBe('/v1/customers?size=40&seekOperation=Next');
    expect(c.resolvePath('/v1/customers?size=40')).toBe('/v1/customers?size=40');
    expect(c.resolvePath('/products', { country: 'US', targetSegment: undefined })).toBe('/v1/products?country=US');
    const prefixed = client({ baseUrl: 'http://pc.test/proxy/' });
    expect(prefixed.resolvePath('/customers')).toBe('/proxy/v1/customers');
    expect(prefixed.resolvePath('/v1/customers')).toBe('/proxy/v1/customers');
    expect(() => c.resolvePath('https://elsewhere.test/v1/customers')).toThrow(/another origin/);
  });
});
