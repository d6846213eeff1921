// Three gateway processes over one redis-server and one sandbox process act as one gateway for
// checkout: one key sent to all three at once is one upstream checkout and one order with three
// identical answers; an order placed through one replica is listed at once by the others (the
// sandbox keeps new orders out of its list for ten minutes, so only read-your-writes can show
// them); and Redis killed mid-run and restarted loses and doubles nothing.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startFleet, type Fleet, type FleetResponse, type Replica } from '../helpers/fleet.js';

const LIST_DELAY_MS = 600_000;
// Microsoft 365 Business Basic, sold in the US.
const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';

const CREATE_CART = `mutation ($input: CreateCartInput!) {
  createCart(input: $input) { __typename ... on CreateCartPayload { cart { cartId } } ... on Error { code message } }
}`;
// Only what the checkout answer itself holds: nothing in it is read again upstream.
const CHECKOUT = `mutation ($input: CheckoutCartInput!) {
  checkoutCart(input: $input) {
    __typename
    ... on CheckoutCartPayload {
      orders { orderId customerId status billingCycle currencyCode creationDate lineItems { lineItemNumber offerId quantity termDuration } }
      orderErrors { orderGroupId code description }
    }
    ... on Error { code message }
  }
}`;
const ORDERS = `query ($customerId: ID!) { customer(customerId: $customerId) { orders(first: 100) { edges { node { orderId status } } } } }`;

let fleet: Fleet;
let replicas: [Replica, Replica, Replica];
/** One US customer per test, so each test's recent orders are its own. */
let customers: string[];

async function usCustomers(sandboxUrl: string, n: number): Promise<string[]> {
  const list = (await (await fetch(`${sandboxUrl}/v1/customers?size=500`)).json()) as { items: { id: string }[] };
  const found: string[] = [];
  for (const { id } of list.items) {
    const c = (await (await fetch(`${sandboxUrl}/v1/customers/${id}`)).json()) as { billingProfile?: { defaultAddress?: { country?: string } } };
    if (c.billingProfile?.defaultAddress?.country === 'US') found.push(id);
    if (found.length === n) return found;
  }
  throw new Error(`fewer than ${n} customers in the US`);
}

beforeAll(async () => {
  fleet = await startFleet({
    replicas: 3,
    // No order completes and none is listed by the sandbox while the tests run.
    sandboxEnv: { SANDBOX_ORDER_LIST_DELAY_MS: String(LIST_DELAY_MS), SANDBOX_ORDER_COMPLETION_MS: String(LIST_DELAY_MS) },
  });
  const [a, b, c] = fleet.replicas;
  if (!a || !b || !c) throw new Error('expected three replicas');
  replicas = [a, b, c];
  customers = await usCustomers(fleet.sandboxUrl, 3);
}, 90_000);
afterAll(async () => {
  await fleet?.stop();
});

function customerAt(i: number): string {
  const id = customers[i];
  if (!id) throw new Error(`no customer ${i}`);
  return id;
}

async function newCart(customerId: string, quantity: number): Promise<string> {
  const r = await replicas[0].gql(CREATE_CART, { input: { customerId, lineItems: [{ catalogItemId: BASIC, quantity, billingCycle: 'MONTHLY', termDuration: 'P1Y' }] } });
  const cart = (r.data?.createCart as { cart?: { cartId: string } } | undefined)?.cart;
  if (!cart) throw new Error(`createCart failed: ${JSON.stringify(r)}`);
  return cart.cartId;
}

const checkout = (r: Replica, customerId: string, cartId: string, key: string) => r.gql(CHECKOUT, { input: { customerId, cartId, idempotencyKey: key } });

/** The order ids of a checkout answer; fails unless it placed orders. */
function orderIds(answer: FleetResponse): string[] {
  const result = answer.data?.checkoutCart as { __typename: string; orders?: { orderId: string }[] } | undefined;
  if (result?.__typename !== 'CheckoutCartPayload' || !result.orders) throw new Error(`checkout failed: ${JSON.stringify(answer)}`);
  return result.orders.map((o) => o.orderId);
}

async function listedBy(r: Replica, customerId: string): Promise<string[]> {
  const answer = await r.gql(ORDERS, { customerId });
  const edges = (answer.data?.customer as { orders: { edges: { node: { orderId: string } }[] } } | undefined)?.orders.edges;
  if (!edges) throw new Error(`orders failed: ${JSON.stringify(answer)}`);
  return edges.map((e) => e.node.orderId);
}

/** What the sandbox itself lists for the customer (its list delay applies). */
async function sandboxOrders(customerId: string): Promise<string[]> {
  const list = (await (await fetch(`${fleet.sandboxUrl}/v1/customers/${customerId}/orders`)).json()) as { items: { id: string }[] };
  return list.items.map((o) => o.id);
}

async function checkoutCalls(): Promise<number> {
  return (await fleet.counters()).routes[ROUTE.checkoutCart] ?? 0;
}

const same = (answers: FleetResponse[]) => new Set(answers.map((a) => JSON.stringify(a.data))).size;

function logged(r: Replica, match: (line: Record<string, unknown>) => boolean): boolean {
  return r.proc
    .stdout()
    .split('\n')
    .some((line) => {
      if (!line.startsWith('{')) return false;
      try {
        return match(JSON.parse(line) as Record<string, unknown>);
      } catch {
        return false;
      }
    });
}

async function redisOn(r: Replica): Promise<unknown> {
  return ((await (await fetch(`${r.url}/ready`)).json()) as { redis?: unknown }).redis;
}

describe('checkout across a fleet of three', () => {
  it('sends one checkout upstream for one key sent to all three replicas at once, and answers all three alike', async () => {
    const customerId = customerAt(0);
    const cartId = await newCart(customerId, 3);
    await fleet.resetCounters();
    // The checkout takes a second upstream, so the three requests surely overlap.
    await fleet.admin('/_sandbox/script', 'POST', { route: ROUTE.checkoutCart, kind: 'delay', delayMs: 1_000 });
    const key = randomUUID();
    const answers = await Promise.all(replicas.map((r) => checkout(r, customerId, cartId, key)));
    expect(same(answers)).toBe(1);
    const [first] = answers;
    if (!first) throw new Error('no answer');
    expect(orderIds(first)).toHaveLength(1);
    expect(await fleet.counters()).toEqual({ total: 1, routes: { [ROUTE.checkoutCart]: 1 } });
  });

  it('lists an order placed through one replica at once through the two others', async () => {
    const customerId = customerAt(1);
    const cartId = await newCart(customerId, 2);
    const [orderId] = orderIds(await checkout(replicas[0], customerId, cartId, randomUUID()));
    // Partner Center (the sandbox) does not list it yet.
    expect(await sandboxOrders(customerId)).not.toContain(orderId);
    await fleet.resetCounters();
    for (const r of [replicas[1], replicas[2]]) expect((await listedBy(r, customerId)).filter((id) => id === orderId)).toHaveLength(1);
    // Each replica: the customer, its order list, and the recent order read by id (its status is current).
    expect(await fleet.counters()).toEqual({ total: 6, routes: { [ROUTE.getCustomer]: 2, [ROUTE.listOrders]: 2, [ROUTE.getOrder]: 2 } });
  });

  it('keeps both orders of two checkouts for one customer that end at the same time on two replicas', async () => {
    const customerId = customerAt(1);
    const carts = [await newCart(customerId, 5), await newCart(customerId, 6)];
    // Both are in flight together; each replica adds its order to the customer's one hash in Redis.
    await fleet.admin('/_sandbox/script', 'POST', { route: ROUTE.checkoutCart, kind: 'delay', delayMs: 500, times: 2 });
    const answers = await Promise.all(carts.map((cartId, i) => checkout(replicas[i as 0 | 1], customerId, cartId, randomUUID())));
    const placed = answers.flatMap(orderIds);
    expect(placed).toHaveLength(2);
    const listed = await listedBy(replicas[2], customerId);
    expect(listed.filter((id) => placed.includes(id)).sort()).toEqual([...placed].sort());
  });

  it('loses and doubles nothing when Redis is killed mid-run and restarted', async () => {
    const customerId = customerAt(2);
    const before = await sandboxOrders(customerId);
    const scope = `${new URL(fleet.sandboxUrl).host}:anonymous`;
    const claimKey = (key: string) => `pcgw:v1:idempotency:${encodeURIComponent(scope)}:${encodeURIComponent(key)}`;
    const probe = new Redis(fleet.redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    probe.on('error', () => undefined);
    const keys = { k0: randomUUID(), k1: randomUUID(), k2: randomUUID(), k3: randomUUID() };
    const carts = { k0: await newCart(customerId, 1), k1: await newCart(customerId, 2), k2: await newCart(customerId, 3), k3: await newCart(customerId, 4) };
    const first: Record<string, string> = {};
    try {
      // K0 is placed while Redis is up; its outcome lives in Redis (which keeps nothing on disk).
      const k0 = await checkout(replicas[0], customerId, carts.k0, keys.k0);
      first.k0 = JSON.stringify(k0.data);
      expect(JSON.parse((await probe.get(claimKey(keys.k0))) ?? '{}')).toMatchObject({ state: 'done' });

      // K1's checkout is in flight on replica 0 (it holds the claim) when Redis dies.
      await fleet.resetCounters();
      await fleet.admin('/_sandbox/script', 'POST', { route: ROUTE.checkoutCart, kind: 'delay', delayMs: 3_000 });
      const k1Owner = checkout(replicas[0], customerId, carts.k1, keys.k1);
      await expect.poll(async () => JSON.parse((await probe.get(claimKey(keys.k1))) ?? '{}') as unknown, { timeout: 10_000 }).toMatchObject({ state: 'running' });
      await fleet.redis.kill();
      for (const r of replicas) await expect.poll(() => redisOn(r), { timeout: 10_000 }).toBe('down');

      // Meanwhile the two other replicas get K1 too: each runs it alone under the same MS-RequestId.
      const k1 = await Promise.all([k1Owner, checkout(replicas[1], customerId, carts.k1, keys.k1), checkout(replicas[2], customerId, carts.k1, keys.k1)]);
      expect(same(k1)).toBe(1);
      first.k1 = JSON.stringify(k1[0]?.data);
      // K2 goes to all three at once during the outage; K3 to replica 0 only.
      const k2 = await Promise.all(replicas.map((r) => checkout(r, customerId, carts.k2, keys.k2)));
      expect(same(k2)).toBe(1);
      first.k2 = JSON.stringify(k2[0]?.data);
      const k3 = await checkout(replicas[0], customerId, carts.k3, keys.k3);
      first.k3 = JSON.stringify(k3.data);
      // One upstream call per replica that got a key: 3 for K1, 3 for K2, 1 for K3.
      expect(await checkoutCalls()).toBe(7);
      // Repeats during the outage are answered from the memory of the replica that ran them.
      expect(JSON.stringify((await checkout(replicas[0], customerId, carts.k1, keys.k1)).data)).toBe(first.k1);
      expect(JSON.stringify((await checkout(replicas[1], customerId, carts.k2, keys.k2)).data)).toBe(first.k2);
      expect(await checkoutCalls()).toBe(7);
      // Replica 0 lists the order it placed alone; the others cannot know of it yet.
      const [k3Order] = orderIds(k3);
      expect(await listedBy(replicas[0], customerId)).toContain(k3Order);
      expect(await listedBy(replicas[1], customerId)).not.toContain(k3Order);
    } finally {
      await fleet.redis.restart();
    }

    // Redis is back (empty): each replica writes back what it kept alone, and says so once.
    for (const r of replicas) {
      await expect.poll(() => redisOn(r), { timeout: 15_000 }).toBe('up');
      for (const component of ['idempotency', 'recent-orders']) {
        await expect.poll(() => logged(r, (l) => l.component === component && typeof l.restored === 'number'), { timeout: 15_000 }).toBe(true);
      }
    }
    await fleet.resetCounters();
    // Every repeat on every replica gives the first answer. K0's outcome died with Redis: its repeat
    // goes upstream once more, under the same MS-RequestId, and Partner Center answers the same order.
    for (const [name, key] of Object.entries(keys) as [keyof typeof keys, string][]) {
      for (const r of replicas) expect(JSON.stringify((await checkout(r, customerId, carts[name], key)).data)).toBe(first[name]);
    }
    expect(await checkoutCalls()).toBe(1);
    expect(JSON.parse((await probe.get(claimKey(keys.k3))) ?? '{}')).toMatchObject({ state: 'done' });
    // The order K3 placed alone on replica 0 is listed by every replica now.
    const placed = Object.values(first).flatMap((body) => orderIds({ status: 200, data: JSON.parse(body) as Record<string, unknown> }));
    for (const r of replicas) expect((await listedBy(r, customerId)).filter((id) => placed.includes(id)).sort()).toEqual([...placed].sort());
    probe.disconnect();

    // Partner Center's own list, once its delay has passed: one order per key, none doubled.
    await fleet.admin('/_sandbox/clock', 'POST', { advanceMs: LIST_DELAY_MS + 1_000 });
    const after = await sandboxOrders(customerId);
    expect(after.length - before.length).toBe(4);
    expect(after.filter((id) => placed.includes(id)).sort()).toEqual([...placed].sort());
  }, 120_000);
});
