import { afterEach, describe, expect, it } from 'vitest';
import { ROUTE, WRITE_ROUTES, isWriteRoute } from '../../src/sandbox/index.js';
import type { CartCheckoutResult, CartResource, Sandbox } from '../../src/sandbox/index.js';
import { BASIC_US, ENTRA_US, TestClock, cartPath, checkoutPath, customerIn, line, madeSince, sandboxPool, send } from './commerce-helpers.js';
import type { Made } from './commerce-helpers.js';
import { get } from './helpers.js';
import type { WireFault } from './helpers.js';

const pool = sandboxPool();
afterEach(() => pool.closeAll());

const rid = (n: number) => `5b0e7a52-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(): Promise<{ s: Sandbox; customer: string; cartId: string; made: Made }> {
  const s = await pool.start({ clock: new TestClock(), commerce: { orderCompletionMs: 60_000, orderListDelayMs: 60_000 } });
  const customer = await customerIn(s, 'US');
  const cart = await send<CartResource>(s, 'POST', cartPath(customer), { lineItems: [line(BASIC_US, 'monthly', 'P1M'), line(ENTRA_US, 'annual', 'P1Y')] });
  return { s, customer, cartId: cart.body.id, made: madeSince(s, customer) };
}

const checkout = (s: Sandbox, customer: string, cartId: string, requestId?: string) =>
  send<CartCheckoutResult>(s, 'POST', checkoutPath(customer, cartId), undefined, requestId === undefined ? {} : { 'MS-RequestId': requestId });

async function untilCounted(s: Sandbox, route: string, n: number): Promise<void> {
  while (s.count(route) < n) await sleep(5);
}

describe('idempotency by MS-RequestId', () => {
  it('replays the stored checkout for a repeated request id and refuses a new id with 800065', async () => {
    const { s, customer, cartId, made } = await setup();
    const first = await checkout(s, customer, cartId, rid(1));
    expect(first.status).toBe(201);
    const repeat = await checkout(s, customer, cartId, rid(1));
    expect(repeat.status).toBe(201);
    expect(repeat.text).toBe(first.text);
    expect(repeat.headers.get('ms-requestid')).toBe(rid(1));
    expect(made.orders()).toHaveLength(2);
    expect(made.subscriptions()).toHaveLength(2);

    const fresh = await checkout(s, customer, cartId, rid(2));
    expect(fresh.status).toBe(400);
    expect(fresh.body as unknown as WireFault).toMatchObject({ code: 800065, description: `Cannot check out an already submitted cart ${cartId}.` });
    // A stored business failure is replayed too, even after the state it depended on changed.
    expect((await checkout(s, customer, cartId, rid(2))).text).toBe(fresh.text);
    expect(s.count(ROUTE.checkoutCart)).toBe(4);
    expect(made.orders()).toHaveLength(2);
  });

  it('creates one cart per request id, scoped to the customer, and a new one for every request without an id', async () => {
    const { s, customer } = await setup();
    const other = (await get<{ items: { id: string }[] }>(s, '/customers?size=500')).body.items.find((c) => c.id !== customer)?.id ?? '';
    const body = { lineItems: [line(BASIC_US, 'monthly', 'P1M')] };
    const a = await send<CartResource>(s, 'POST', cartPath(customer), body, { 'MS-RequestId': rid(7) });
    const b = await send<CartResource>(s, 'POST', cartPath(customer), body, { 'MS-RequestId': rid(7).toUpperCase() });
    expect(b.text).toBe(a.text);
    expect(s.state().carts(customer)).toHaveLength(2);
    const elsewhere = await send<CartResource>(s, 'POST', cartPath(other), body, { 'MS-RequestId': rid(7) });
    expect(elsewhere.body.id).not.toBe(a.body.id);
    await send(s, 'POST', cartPath(customer), body);
    await send(s, 'POST', cartPath(customer), body);
    expect(s.state().carts(customer)).toHaveLength(4);
  });

  it('makes a concurrent duplicate wait for the first and answer the same', async () => {
    const { s, customer, cartId, made } = await setup();
    s.script({ route: ROUTE.checkoutCart, kind: 'delay', delayMs: 400 });
    const first = checkout(s, customer, cartId, rid(3));
    await untilCounted(s, ROUTE.checkoutCart, 1);
    const second = await checkout(s, customer, cartId, rid(3));
    const firstDone = await first;
    expect([firstDone.status, second.status]).toEqual([201, 201]);
    expect(second.text).toBe(firstDone.text);
    expect(made.orders()).toHaveLength(2);
  });

  it('answers a concurrent checkout with another request id with 409 800064 while the first is processed', async () => {
    const { s, customer, cartId, made } = await setup();
    s.script({ route: ROUTE.checkoutCart, kind: 'delay', delayMs: 600 });
    const first = checkout(s, customer, cartId, rid(4));
    await untilCounted(s, ROUTE.checkoutCart, 1);
    await sleep(50);
    const second = await checkout(s, customer, cartId, rid(5));
    expect(second.status).toBe(409);
    expect(second.body as unknown as WireFault).toMatchObject({ code: 800064, description: `Cart ${cartId} is being processed by another request` });
    expect((await first).status).toBe(201);
    expect(made.orders()).toHaveLength(2);
    // The refusal came before processing, so it was not stored: the same id now meets the Ordered cart.
    expect((await checkout(s, customer, cartId, rid(5))).body as unknown as WireFault).toMatchObject({ code: 800065 });
  });

  it("processes a 'dropAfter' request, so a retry with the same id gets the lost result", async () => {
    const { s, customer, cartId, made } = await setup();
    s.script({ route: ROUTE.checkoutCart, kind: 'dropAfter' });
    await expect(fetch(`${s.url}/v1${checkoutPath(customer, cartId)}`, { method: 'POST', headers: { 'MS-RequestId': rid(6) } })).rejects.toThrow();
    const placed = made.orders();
    expect(placed).toHaveLength(2);
    expect(s.requests().at(-1)).toMatchObject({ route: ROUTE.checkoutCart, status: 0 });
    expect((await get<CartResource>(s, cartPath(customer, cartId))).body.status).toBe('Ordered');

    const retry = await checkout(s, customer, cartId, rid(6));
    expect(retry.status).toBe(201);
    expect(retry.body.orders.map((o) => o.id)).toEqual(placed.map((o) => o.id));
    expect(made.orders()).toHaveLength(2);
    expect(s.count(ROUTE.checkoutCart)).toBe(2);
  });

  it("does not store an injected 'status' answer, nor one from a 'drop' before processing", async () => {
    const { s, customer, cartId, made } = await setup();
    s.script({ route: ROUTE.checkoutCart, kind: 'status', status: 503 });
    s.script({ route: ROUTE.checkoutCart, kind: 'drop' });
    expect((await checkout(s, customer, cartId, rid(8))).status).toBe(503);
    await expect(checkout(s, customer, cartId, rid(8))).rejects.toThrow();
    expect(made.orders()).toEqual([]);
    const third = await checkout(s, customer, cartId, rid(8));
    expect(third.status).toBe(201);
    expect(made.orders()).toHaveLength(2);
  });

  it('names the write routes, so tests can sum their counters', async () => {
    const { s, customer, cartId } = await setup();
    expect(WRITE_ROUTES).toEqual([ROUTE.createCart, ROUTE.updateCart, ROUTE.checkoutCart, ROUTE.updateSubscription]);
    expect([isWriteRoute(ROUTE.getCart), isWriteRoute('PATCH /v1/customers/{customerId}/subscriptions/{subscriptionId}')]).toEqual([false, true]);
    await send(s, 'PUT', cartPath(customer, cartId), { lineItems: [line(BASIC_US, 'monthly', 'P1M', 2)] });
    await checkout(s, customer, cartId);
    await get(s, cartPath(customer, cartId));
    const writes = WRITE_ROUTES.reduce((sum, r) => sum + s.count(r), 0);
    expect(writes).toBe(3); // the setup's create, the PUT and the checkout
  });
});

describe('commerce settings', () => {
  it('takes them from the options, changes them at run time and validates them', async () => {
    const s = await pool.start({ commerce: { orderListDelayMs: 1_234 } });
    expect(s.commerceSettings()).toEqual({ orderCompletionMs: 5_000, orderListDelayMs: 1_234, subscriptionPatchDelayMs: 0 });
    s.setCommerce({ orderCompletionMs: 10, subscriptionPatchDelayMs: 250 });
    expect(s.commerceSettings()).toEqual({ orderCompletionMs: 10, orderListDelayMs: 1_234, subscriptionPatchDelayMs: 250 });
    expect(() => s.setCommerce({ subscriptionPatchDelayMs: 1.5 })).toThrow();
    expect(() => s.setCommerce({ orderCompletionMs: -1 })).toThrow();
    expect(s.commerceSettings().orderCompletionMs).toBe(10);
  });

  it('serves GET and PUT /_sandbox/commerce', async () => {
    const s = await pool.start();
    const admin = (method: string, body?: unknown) =>
      fetch(`${s.url}/_sandbox/commerce`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    expect(await (await admin('GET')).json()).toEqual({ orderCompletionMs: 5_000, orderListDelayMs: 30_000, subscriptionPatchDelayMs: 0 });
    const put = await admin('PUT', { orderListDelayMs: 0, subscriptionPatchDelayMs: 900 });
    expect([put.status, await put.json()]).toEqual([200, { orderCompletionMs: 5_000, orderListDelayMs: 0, subscriptionPatchDelayMs: 900 }]);
    for (const bad of [{ orderListDelayMs: 'soon' }, { orderCompletionMs: 1.5 }, { subscriptionPatchDelayMs: -1 }, { other: 1 }]) {
      expect((await admin('PUT', bad)).status).toBe(400);
    }
    expect(s.commerceSettings()).toEqual({ orderCompletionMs: 5_000, orderListDelayMs: 0, subscriptionPatchDelayMs: 900 });
    expect(s.totalRequests()).toBe(0);
  });
});

describe('determinism', () => {
  it('gives the same ids for the same seed and the same requests', async () => {
    const run = async () => {
      const { s, customer, cartId } = await setup();
      const result = await checkout(s, customer, cartId, rid(9));
      return { cartId, text: result.text, subs: s.state().subscriptions(customer).map((x) => [x.id, x.attributes.etag]) };
    };
    const [a, b] = [await run(), await run()];
    expect(b).toEqual(a);
  });
});
