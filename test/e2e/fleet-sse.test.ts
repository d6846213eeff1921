// Live order status across a fleet: three gateway processes, one redis-server and the sandbox.
// SSE watchers spread over the replicas are served by ONE upstream poller (the lease holder); when
// the holder's process is killed another replica takes over; with Redis killed every replica polls
// on its own and the watchers still complete, and one poller serves the fleet again once it is back.
//
// Orders complete only when the test moves the sandbox clock, and every watcher sends an
// MS-CorrelationId of its own: the poller of a replica sends the one of its first watcher there, so
// the sandbox's request log says exactly which replica polled, and how often.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { findCustomer } from '../helpers/commerce.js';
import { startFleet, type Fleet, type Replica } from '../helpers/fleet.js';

const COMPLETION_MS = 3_600_000;
const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';
// Renewed every second: a holder keeps its lease through a two-second stall of a loaded machine.
const LEASE_MS = 3_000;
const WAIT = { timeout: 20_000, interval: 50 };

const CREATE_CART = `mutation ($input: CreateCartInput!) { createCart(input: $input) { __typename ... on CreateCartPayload { cart { cartId } } ... on Error { message } } }`;
const CHECKOUT = `mutation ($input: CheckoutCartInput!) { checkoutCart(input: $input) { __typename ... on CheckoutCartPayload { orders { orderId } } ... on Error { message } } }`;
const ORDER_STATUS = `subscription ($customerId: ID!, $orderId: String!) { orderStatusChanged(customerId: $customerId, orderId: $orderId) { status } }`;

interface SseWatcher {
  replica: number;
  correlationId: string;
  statuses: string[];
  /** 'complete' when the server ended the stream, else the error that ended it. */
  outcome: Promise<'complete' | 'error'>;
  close(): void;
}

/** One SSE watcher (its own connection, no reconnects) of the order on replica `index`. */
function watch(fleet: Fleet, index: number, customerId: string, orderId: string): SseWatcher {
  const replica = fleet.replicas[index] as Replica;
  const correlationId = randomUUID();
  const client = createClient({ url: `${replica.url}/graphql`, singleConnection: false, retryAttempts: 0, headers: { 'ms-correlationid': correlationId } });
  const statuses: string[] = [];
  let unsubscribe: () => void = () => undefined;
  const outcome = new Promise<'complete' | 'error'>((resolve) => {
    unsubscribe = client.subscribe<{ orderStatusChanged: { status: string } }>(
      { query: ORDER_STATUS, variables: { customerId, orderId } },
      {
        next: (r) => {
          const status = r.data?.orderStatusChanged.status;
          if (status) statuses.push(status);
          else resolve('error');
        },
        error: () => resolve('error'),
        complete: () => resolve('complete'),
      },
    );
  }).finally(() => client.dispose());
  return { replica: index, correlationId, statuses, outcome, close: () => unsubscribe() };
}

/** Ten watchers, spread over the three replicas in turn. */
function watchers(fleet: Fleet, customerId: string, orderId: string, n = 10): SseWatcher[] {
  return Array.from({ length: n }, (_, i) => watch(fleet, i % fleet.replicas.length, customerId, orderId));
}

async function placeOrder(replica: Replica, customerId: string): Promise<string> {
  const cart = await replica.gql(CREATE_CART, { input: { customerId, lineItems: [{ catalogItemId: BASIC, quantity: 1, billingCycle: 'MONTHLY', termDuration: 'P1Y' }] } });
  const cartId = (cart.data?.createCart as { cart?: { cartId?: string } } | undefined)?.cart?.cartId;
  if (!cartId) throw new Error(`createCart: ${JSON.stringify(cart)}`);
  const out = await replica.gql(CHECKOUT, { input: { customerId, cartId } });
  const orderId = (out.data?.checkoutCart as { orders?: { orderId: string }[] } | undefined)?.orders?.[0]?.orderId;
  if (!orderId) throw new Error(`checkoutCart: ${JSON.stringify(out)}`);
  return orderId;
}

/** The MS-CorrelationId of every get-order call Partner Center saw for this order, in order. */
async function polls(fleet: Fleet, orderId: string): Promise<string[]> {
  return (await fleet.requests()).filter((r) => r.route === ROUTE.getOrder && r.path.endsWith(`/orders/${orderId}`)).map((r) => r.headers['ms-correlationid'] ?? '');
}

/** Which replica each poll came from (by the correlation id of the watcher that started its poller). */
const replicasOf = (ids: string[], ws: SseWatcher[]) => ids.map((id) => ws.find((w) => w.correlationId === id)?.replica ?? -1);

const completeOrders = (fleet: Fleet) => fleet.admin('/_sandbox/clock', 'POST', { advanceMs: COMPLETION_MS });

async function everyone(ws: SseWatcher[], statuses: string[]): Promise<void> {
  await expect.poll(() => ws.map((w) => w.statuses), WAIT).toEqual(ws.map(() => statuses));
}

async function leaseKeys(redis: Redis, orderId: string): Promise<string[]> {
  return redis.keys(`pcgw:v1:order-status:*:${orderId}:lease`);
}

/** How many replicas listen on the order's channel. */
async function listeners(redis: Redis, leaseKey: string): Promise<number> {
  const [, n] = (await redis.pubsub('NUMSUB', leaseKey.replace(/:lease$/, ':changes'))) as [string, number];
  return Number(n);
}

async function redisOnReady(replica: Replica): Promise<unknown> {
  return ((await (await fetch(`${replica.url}/ready`)).json()) as { redis?: unknown }).redis;
}

function fleetSuite(name: string, pollMs: number, body: (ctx: { fleet: () => Fleet; redis: () => Redis; customerId: () => string }) => void): void {
  describe(name, () => {
    let fleet: Fleet;
    let redis: Redis;
    let customerId: string;
    beforeAll(async () => {
      fleet = await startFleet({
        replicas: 3,
        gatewayEnv: { ORDER_STATUS_POLL_LEASE_MS: String(LEASE_MS), ORDER_STATUS_POLL_MS: String(pollMs), ORDER_STATUS_POLL_MAX_MS: String(pollMs) },
        sandboxEnv: { SANDBOX_ORDER_COMPLETION_MS: String(COMPLETION_MS) },
      });
      redis = new Redis(fleet.redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 200 });
      redis.on('error', () => undefined);
      customerId = await findCustomer(fleet.sandboxUrl, 'US');
    }, 90_000);
    afterAll(async () => {
      redis?.disconnect();
      await fleet?.stop();
    }, 30_000);
    body({ fleet: () => fleet, redis: () => redis, customerId: () => customerId });
  });
}

// A poll interval longer than any test: a poller polls once when it starts (or takes over), so
// every count below is exact whatever the machine's speed.
fleetSuite('a fleet whose pollers poll once per lease taken', 600_000, ({ fleet, redis, customerId }) => {
  it('one watcher costs one poll; a late watcher elsewhere starts from the stored state; leaving unsubscribes and releases the lease', async () => {
    const orderId = await placeOrder(fleet().replicas[0] as Replica, customerId());
    const one = watch(fleet(), 0, customerId(), orderId);
    await everyone([one], ['PENDING']);
    expect(await polls(fleet(), orderId)).toEqual([one.correlationId]);
    const [lease] = await leaseKeys(redis(), orderId);
    expect(lease).toMatch(/^pcgw:v1:order-status:127\.0\.0\.1:\d+:anonymous:[0-9a-f-]{36}:[0-9a-f]{12}:lease$/);
    expect(await redis().pttl(lease as string)).toBeGreaterThan(0);
    expect(await redis().pttl(lease as string)).toBeLessThanOrEqual(LEASE_MS);

    // Replica 2 watches nothing yet: its watcher gets the state stored beside the lease.
    const late = watch(fleet(), 2, customerId(), orderId);
    await everyone([late], ['PENDING']);
    expect(await polls(fleet(), orderId)).toHaveLength(1);
    await expect.poll(() => listeners(redis(), lease as string), WAIT).toBe(2);

    late.close();
    await expect.poll(() => listeners(redis(), lease as string), WAIT).toBe(1);
    one.close();
    await expect.poll(() => leaseKeys(redis(), orderId), WAIT).toEqual([]);
    await expect.poll(() => listeners(redis(), lease as string), WAIT).toBe(0);
    expect(await polls(fleet(), orderId)).toHaveLength(1);
  });

  let orderId = '';
  let ws: SseWatcher[] = [];
  let holder = -1;

  it('ten watchers over three replicas cost what one does, and a late watcher costs nothing', async () => {
    orderId = await placeOrder(fleet().replicas[1] as Replica, customerId());
    ws = watchers(fleet(), customerId(), orderId);
    await everyone(ws, ['PENDING']);
    const seen = await polls(fleet(), orderId);
    expect(seen).toHaveLength(1);
    [holder] = replicasOf(seen, ws) as [number];
    expect(holder).toBeGreaterThanOrEqual(0);
    const [lease] = await leaseKeys(redis(), orderId);
    expect(await listeners(redis(), lease as string)).toBe(3);

    const late = watch(fleet(), (holder + 1) % 3, customerId(), orderId);
    ws.push(late);
    await everyone([late], ['PENDING']);
    expect(await polls(fleet(), orderId)).toHaveLength(1);
  });

  it("the holder's process killed: another replica takes over, polls once, and its watchers get COMPLETED", async () => {
    expect(holder).toBeGreaterThanOrEqual(0);
    await completeOrders(fleet());
    const victim = fleet().replicas[holder] as Replica;
    victim.proc.child.kill('SIGKILL');
    await victim.proc.exit;

    const survivors = ws.filter((w) => w.replica !== holder);
    const killed = ws.filter((w) => w.replica === holder);
    await everyone(survivors, ['PENDING', 'COMPLETED']);
    expect(await Promise.all(survivors.map((w) => w.outcome))).toEqual(survivors.map(() => 'complete'));
    expect(await Promise.all(killed.map((w) => w.outcome))).toEqual(killed.map(() => 'error'));
    expect(killed.map((w) => w.statuses)).toEqual(killed.map(() => ['PENDING']));

    const seen = await polls(fleet(), orderId);
    expect(seen).toHaveLength(2);
    const [first, second] = replicasOf(seen, ws);
    expect(first).toBe(holder);
    expect(second).not.toBe(holder);
    expect(second).toBeGreaterThanOrEqual(0);
    expect(await leaseKeys(redis(), orderId)).toEqual([]);
  });
});

fleetSuite('a fleet polling every 200 ms', 200, ({ fleet, redis, customerId }) => {
  it('ten watchers over three replicas each get PENDING then COMPLETED once, from one poller', async () => {
    const orderId = await placeOrder(fleet().replicas[2] as Replica, customerId());
    const ws = watchers(fleet(), customerId(), orderId);
    await everyone(ws, ['PENDING']);
    await completeOrders(fleet());
    await everyone(ws, ['PENDING', 'COMPLETED']);
    expect(await Promise.all(ws.map((w) => w.outcome))).toEqual(ws.map(() => 'complete'));
    const seen = await polls(fleet(), orderId);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(replicasOf(seen, ws)).size).toBe(1);
    expect(new Set(seen).size).toBe(1);
    expect(await leaseKeys(redis(), orderId)).toEqual([]);
  });

  it('Redis killed: every replica polls on its own, and the watchers still complete once each', async () => {
    const orderId = await placeOrder(fleet().replicas[0] as Replica, customerId());
    const ws = watchers(fleet(), customerId(), orderId);
    await everyone(ws, ['PENDING']);
    expect(new Set(await polls(fleet(), orderId)).size).toBe(1);
    const before = (await polls(fleet(), orderId)).length;

    await fleet().redis.kill();
    try {
      for (const r of fleet().replicas) await expect.poll(() => redisOnReady(r), WAIT).toBe('down');
      // One poller per replica now, each with the correlation id of its own first watcher.
      await expect
        .poll(async () => new Set(replicasOf((await polls(fleet(), orderId)).slice(before), ws)), WAIT)
        .toEqual(new Set([0, 1, 2]));
      await completeOrders(fleet());
      await everyone(ws, ['PENDING', 'COMPLETED']);
      expect(await Promise.all(ws.map((w) => w.outcome))).toEqual(ws.map(() => 'complete'));
      const after = (await polls(fleet(), orderId)).slice(before);
      expect(new Set(after).size).toBe(3);
      expect(new Set(replicasOf(after, ws))).toEqual(new Set([0, 1, 2]));
    } finally {
      await fleet().redis.restart();
    }
    for (const r of fleet().replicas) await expect.poll(() => redisOnReady(r), WAIT).toBe('up');
  });

  it('once Redis is back, one poller serves the fleet again', async () => {
    const orderId = await placeOrder(fleet().replicas[1] as Replica, customerId());
    const ws = watchers(fleet(), customerId(), orderId);
    await everyone(ws, ['PENDING']);
    await completeOrders(fleet());
    await everyone(ws, ['PENDING', 'COMPLETED']);
    const seen = await polls(fleet(), orderId);
    expect(new Set(seen).size).toBe(1);
    expect(await leaseKeys(redis(), orderId)).toEqual([]);
  });
});
