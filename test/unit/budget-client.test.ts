// PartnerCenterClient with the fleet-wide budget: Partner Center is undici's MockAgent (so every
// upstream call is counted exactly), the budget's Redis a real redis-server. A spent budget is
// waited out within the deadline or refused as THROTTLED with retryAfter and no upstream call; a
// 429 with Retry-After seen by one client (replica) holds the others back.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import { pino } from 'pino';
import { RedisConnection } from '../../src/state/redis.js';
import { PartnerCenterClient, type ClientOptions } from '../../src/upstream/client.js';
import { UpstreamBudget, type BudgetSettings } from '../../src/upstream/budget.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

const ORIGIN = 'http://pc.test';
const ctx = { correlationId: '5b1f7f4e-7a0e-4a57-9f9a-0f6c2d1e8b3a', locale: 'en-US' };
const silent = pino({ level: 'silent' });
const customer = (id: string) => ({ id, companyProfile: { companyName: id } });

let redis: RedisServer;
let connections: RedisConnection[] = [];
let clients: PartnerCenterClient[] = [];
let agent: MockAgent;
let seen: string[];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  seen = [];
});
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(connections.map((c) => c.close()));
  clients = [];
  connections = [];
  await agent.close();
});

/** Queues `times` replies for `path`, recording each request that reaches "Partner Center". */
function reply(path: string, status: number, body: unknown, headers: Record<string, string> = {}, times = 1) {
  agent
    .get(ORIGIN)
    .intercept({ path: (p) => p.split('?')[0] === path, method: 'GET' })
    .reply((opts) => {
      seen.push(opts.path);
      return { statusCode: status, data: JSON.stringify(body), responseOptions: { headers: { 'content-type': 'application/json', ...headers } } };
    })
    .times(times);
}

/** One replica: its own Redis connection, budget and client, over the shared MockAgent. */
async function replica(budget: Omit<BudgetSettings, 'redis'>, overrides: Partial<ClientOptions> = {}): Promise<PartnerCenterClient> {
  const connection = new RedisConnection({ url: redis.url, keyPrefix: 'pcgw:v1:', commandTimeoutMs: 200 }, silent);
  connections.push(connection);
  await expect.poll(() => connection.healthy).toBe(true);
  const client = new PartnerCenterClient({
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
    budget: new UpstreamBudget({ ...budget, redis: connection }),
    ...overrides,
  });
  clients.push(client);
  return client;
}

const get = (client: PartnerCenterClient, path: string, signal?: AbortSignal) =>
  client.request(signal ? { ...ctx, signal } : ctx, { method: 'GET', path }).catch((e: unknown) => e);

describe('PartnerCenterClient with a budget', () => {
  it('waits for the next window when that fits the deadline, and calls upstream once per admitted attempt', async () => {
    const scope = { partnerScope: `t-${randomUUID()}`, partnerPerMinute: 2, customerPerMinute: 0, windowSeconds: 1 };
    const [a, b] = await Promise.all([replica(scope), replica(scope)]);
    reply('/v1/products', 200, { items: [] }, {}, 3);
    expect(await get(a, '/products')).toMatchObject({ status: 200 });
    expect(await get(b, '/products')).toMatchObject({ status: 200 });
    // The window (1 s) is spent by the two replicas together; the third call waits for the next one.
    expect(await get(a, '/products')).toMatchObject({ status: 200 });
    expect(seen).toHaveLength(3);
  });

  it('answers THROTTLED with retryAfter and calls nothing when the wait does not fit the deadline', async () => {
    const scope = { partnerScope: `t-${randomUUID()}`, partnerPerMinute: 100, customerPerMinute: 2 };
    const [a, b] = await Promise.all([replica(scope), replica(scope)]);
    reply('/v1/customers/c1', 200, customer('c1'), {}, 2);
    reply('/v1/customers/c2', 200, customer('c2'));
    expect(await get(a, '/customers/c1')).toMatchObject({ status: 200 });
    expect(await get(b, '/customers/c1')).toMatchObject({ status: 200 });
    const refused = await get(a, '/customers/c1');
    expect(refused).toMatchObject({ kind: 'THROTTLED', status: undefined, retryable: true, attempts: 0, path: '/v1/customers/c1' });
    const { retryAfter } = refused as { retryAfter: number };
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another customer of the same partner is not held back.
    expect(await get(b, '/customers/c2')).toMatchObject({ status: 200 });
    expect(seen).toEqual(['/v1/customers/c1', '/v1/customers/c1', '/v1/customers/c2']);
  });

  it('stops waiting for the budget when the caller goes away (CANCELLED, no upstream call)', async () => {
    const scope = { partnerScope: `t-${randomUUID()}`, partnerPerMinute: 1, customerPerMinute: 0, windowSeconds: 3 };
    const a = await replica(scope);
    reply('/v1/products', 200, { items: [] });
    expect(await get(a, '/products')).toMatchObject({ status: 200 });
    const caller = new AbortController();
    const waiting = get(a, '/products', caller.signal);
    setTimeout(() => caller.abort(), 20);
    expect(await waiting).toMatchObject({ kind: 'CANCELLED', attempts: 0 });
    expect(seen).toHaveLength(1);
  });

  it('pauses a customer for every replica when Partner Center answers 429 with Retry-After', async () => {
    const scope = { partnerScope: `t-${randomUUID()}`, partnerPerMinute: 100, customerPerMinute: 100 };
    const [a, b] = await Promise.all([replica(scope), replica(scope)]);
    reply('/v1/customers/c1/subscriptions', 429, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' }, { 'retry-after': '57' });
    reply('/v1/customers/c2', 200, customer('c2'));
    // Above the 5 s cap: a's caller gets THROTTLED at once, as without a budget.
    expect(await get(a, '/customers/c1/subscriptions')).toMatchObject({ kind: 'THROTTLED', status: 429, retryAfter: 57 });
    // b never saw the 429, yet does not call for c1 (any path of it) until the pause ends.
    const held = await get(b, '/customers/c1/orders');
    expect(held).toMatchObject({ kind: 'THROTTLED', status: undefined, attempts: 0 });
    expect((held as { retryAfter: number }).retryAfter).toBeGreaterThan(50);
    expect((held as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(57);
    expect(await get(b, '/customers/c2')).toMatchObject({ status: 200 });
    expect(seen).toEqual(['/v1/customers/c1/subscriptions', '/v1/customers/c2']);
  });

  it('pauses the whole partner for every replica after a 429 on a partner-wide path', async () => {
    const scope = { partnerScope: `t-${randomUUID()}`, partnerPerMinute: 100, customerPerMinute: 100 };
    const [a, b] = await Promise.all([replica(scope), replica(scope)]);
    reply('/v1/products', 429, { statusCode: 429, message: 'Rate limit is exceeded.' }, { 'retry-after': '30' });
    expect(await get(a, '/products')).toMatchObject({ kind: 'THROTTLED', status: 429, retryAfter: 30 });
    expect(await get(b, '/customers/c3')).toMatchObject({ kind: 'THROTTLED', status: undefined, attempts: 0 });
    expect(await get(b, '/invoices')).toMatchObject({ kind: 'THROTTLED', status: undefined, attempts: 0 });
    expect(seen).toEqual(['/v1/products']);
  });

  it('waits out a short pause within the deadline, and each retry takes its own points', async () => {
    const scope = { partnerScope: `t-${randomUUID()}`, partnerPerMinute: 100, customerPerMinute: 100 };
    const [a, b, c] = await Promise.all([replica(scope), replica(scope, { deadlineMs: 300 }), replica(scope)]);
    // A Partner Center that means its Retry-After: the first call gets 429 with Retry-After 1, and
    // so does any call that comes before that second is over.
    let pausedUntil = 0;
    const statuses: number[] = [];
    agent
      .get(ORIGIN)
      .intercept({ path: '/v1/customers/c4', method: 'GET' })
      .reply(() => {
        const status = statuses.length === 0 || Date.now() < pausedUntil ? 429 : 200;
        if (status === 429) pausedUntil = Date.now() + 1000;
        statuses.push(status);
        return { statusCode: status, data: JSON.stringify(status === 429 ? { statusCode: 429, message: 'Rate limit is exceeded.' } : customer('c4')), responseOptions: { headers: { 'content-type': 'application/json', 'retry-after': '1' } } };
      })
      .persist();
    const first = get(a, '/customers/c4');
    await expect.poll(() => statuses.length).toBe(1);
    // b cannot wait a second within its 300 ms: THROTTLED at once. c can, and calls after the pause.
    expect(await get(b, '/customers/c4')).toMatchObject({ kind: 'THROTTLED', status: undefined, retryAfter: 1, attempts: 0 });
    expect(await get(c, '/customers/c4')).toMatchObject({ status: 200 });
    expect(await first).toMatchObject({ status: 200 });
    // No call came during the pause: one 429, then a's retry and c's call.
    expect(statuses).toEqual([429, 200, 200]);
    const keyScope = encodeURIComponent(scope.partnerScope);
    expect(await connections[0]?.client.get(`pcgw:v1:budget:customer:${keyScope}:c4`)).toBe('3');
    expect(await connections[0]?.client.get(`pcgw:v1:budget:partner:${keyScope}`)).toBe('3');
  });
});
