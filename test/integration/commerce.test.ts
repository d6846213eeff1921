// The purchase flow end to end over real HTTP: catalog → cart → checkout → orders → subscriptions.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { findCustomer, writeCalls } from '../helpers/commerce.js';
import {
  AddCartLineItemDocument,
  BrowseCatalogDocument,
  CheckoutCartDocument,
  CreateCartDocument,
  CustomerOrderDocument,
  CustomerOrdersDocument,
  RemoveCartLineItemDocument,
  UpdateCartDocument,
  UpdateCartLineItemDocument,
  type CartLineItemInput,
} from '../gql/graphql.js';

let stack: Stack;
let customerId: string;

// Microsoft 365 Business Basic (1–300 seats) and Exchange Online (Plan 1), both sold in the US.
const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';
let EXCHANGE: string;

const item = (catalogItemId: string, quantity: number, extra: Partial<CartLineItemInput> = {}): CartLineItemInput => ({
  catalogItemId,
  quantity,
  billingCycle: 'MONTHLY',
  termDuration: 'P1Y',
  ...extra,
});

async function newCart(lineItems: CartLineItemInput[]) {
  const r = await stack.gql(CreateCartDocument, { input: { customerId, lineItems } });
  const res = r.data?.createCart;
  if (res?.__typename !== 'CreateCartPayload') throw new Error(`createCart failed: ${JSON.stringify(r)}`);
  return res.cart;
}

// Orders complete a minute after they are placed on the sandbox's clock, which the tests move: no
// order completes by itself while a test runs, and none needs the wall clock to complete.
const ORDER_COMPLETION_MS = 60_000;

beforeAll(async () => {
  stack = await startStack({ SANDBOX_ORDER_COMPLETION_MS: String(ORDER_COMPLETION_MS), SANDBOX_ORDER_LIST_DELAY_MS: '600000' });
  customerId = await findCustomer(stack.sandbox.url, 'US');
  const browse = await stack.gql(BrowseCatalogDocument, { country: 'US', first: 20 });
  const exchange = browse.data?.products.edges.find((e) => e.node.productId === 'CFQ7TTC0LH16');
  EXCHANGE = exchange?.node.skus[0]?.availabilities.find((a) => a.segment === 'COMMERCIAL')?.catalogItemId ?? '';
  expect(EXCHANGE).toMatch(/^CFQ7TTC0LH16:/);
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => {
  stack.sandbox.resetCounters();
});

describe('the purchase flow', () => {
  it('goes from the catalog to completed orders linked to subscriptions', async () => {
    const cart = await newCart([item(BASIC, 5), item(EXCHANGE, 2)]);
    expect(cart.status).toBe('Active');
    expect(cart.lineItems.map((l) => [l.catalogItemId, l.quantity, l.currencyCode])).toEqual([
      [BASIC, 5, 'USD'],
      [EXCHANGE, 2, 'USD'],
    ]);
    expect(cart.lineItems[0]?.availability?.sku.title).toBe('Microsoft 365 Business Basic');

    const updated = await stack.gql(UpdateCartDocument, { input: { customerId, cartId: cart.cartId, lineItems: [item(BASIC, 7), item(EXCHANGE, 3)] } });
    expect(updated.data?.updateCart).toMatchObject({ __typename: 'UpdateCartPayload', cart: { lineItems: [{ quantity: 7 }, { quantity: 3 }] } });

    const key = randomUUID();
    const checkout = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId, idempotencyKey: key } });
    const result = checkout.data?.checkoutCart;
    if (result?.__typename !== 'CheckoutCartPayload') throw new Error(JSON.stringify(checkout));
    expect(result.orderErrors).toEqual([]);
    expect(result.orders).toHaveLength(1);
    const order = result.orders[0];
    if (!order) throw new Error('no order');
    expect(order).toMatchObject({ status: 'PENDING', currencyCode: 'USD', billingCycle: 'MONTHLY' });
    expect(order.lineItems.map((l) => [l.offerId, l.quantity])).toEqual([
      [BASIC, 7],
      [EXCHANGE, 3],
    ]);

    const byId = await stack.gql(CustomerOrderDocument, { customerId, orderId: order.orderId });
    expect(byId.data?.customer?.order?.orderId).toBe(order.orderId);

    // Partner Center does not list it yet (the sandbox delays the list by ten minutes), the gateway does.
    const listed = await stack.gql(CustomerOrdersDocument, { customerId, first: 50 });
    expect(listed.data?.customer?.orders.edges.filter((e) => e.node.orderId === order.orderId)).toHaveLength(1);

    // Until provisioning finishes it is pending; move the sandbox's clock to the moment it finishes
    // (placed + completion time, never backwards), then read once.
    expect(byId.data?.customer?.order?.status).toBe('PENDING');
    const completesAt = Date.parse(order.creationDate ?? '') + ORDER_COMPLETION_MS;
    expect(completesAt).not.toBeNaN();
    stack.sandbox.clock.advance(Math.max(0, completesAt - stack.sandbox.clock.now().getTime()));
    const completed = (await stack.gql(CustomerOrderDocument, { customerId, orderId: order.orderId })).data?.customer?.order;
    expect(completed?.status).toBe('COMPLETED');
    expect(completed?.lineItems.map((l) => l.subscription?.offerId)).toEqual([BASIC, EXCHANGE]);
    expect(completed?.lineItems.map((l) => l.subscription?.quantity)).toEqual([7, 3]);
    const stillUnlisted = await stack.gql(CustomerOrdersDocument, { customerId, first: 50 });
    expect(stillUnlisted.data?.customer?.orders.edges.find((e) => e.node.orderId === order.orderId)?.node.status).toBe('COMPLETED');

    // Once Partner Center lists it too, it is still listed once.
    stack.sandbox.setCommerce({ orderListDelayMs: 0 });
    const both = await stack.gql(CustomerOrdersDocument, { customerId, first: 100 });
    stack.sandbox.setCommerce({ orderListDelayMs: 600_000 });
    expect(both.data?.customer?.orders.edges.filter((e) => e.node.orderId === order.orderId)).toHaveLength(1);
  });

  it('edits a cart item by item', async () => {
    const cart = await newCart([item(BASIC, 1)]);
    const added = await stack.gql(AddCartLineItemDocument, { input: { customerId, cartId: cart.cartId, lineItem: item(EXCHANGE, 4) } });
    expect(added.data?.addCartLineItem).toMatchObject({ cart: { lineItems: [{ lineItemId: 0 }, { lineItemId: 1, quantity: 4 }] } });
    const changed = await stack.gql(UpdateCartLineItemDocument, { input: { customerId, cartId: cart.cartId, lineItemId: 1, quantity: 9 } });
    expect(changed.data?.updateCartLineItem).toMatchObject({ cart: { lineItems: [{ quantity: 1 }, { quantity: 9 }] } });
    const removed = await stack.gql(RemoveCartLineItemDocument, { input: { customerId, cartId: cart.cartId, lineItemId: 0 } });
    expect(removed.data?.removeCartLineItem).toMatchObject({ cart: { lineItems: [{ lineItemId: 0, catalogItemId: EXCHANGE, quantity: 9 }] } });
    const last = await stack.gql(RemoveCartLineItemDocument, { input: { customerId, cartId: cart.cartId, lineItemId: 0 } });
    expect(last.data?.removeCartLineItem).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'lineItemId' }] });
    const tooMany = await stack.gql(UpdateCartLineItemDocument, { input: { customerId, cartId: cart.cartId, lineItemId: 0, quantity: 10_001 } });
    expect(tooMany.data?.updateCartLineItem).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'quantity' }] });
    expect(stack.sandbox.count(ROUTE.updateCart)).toBe(3);
  });
});

describe('validation before any write', () => {
  it.each([
    ['quantity 0', () => [item(BASIC, 0)], 'lineItems.0.quantity', /at least 1/],
    ['a quantity above the SKU maximum', () => [item(EXCHANGE, 1), item(BASIC, 301)], 'lineItems.1.quantity', /between 1 and 300/],
    ['an unknown catalogItemId', () => [item('CFQ7TTC0LH18:0001:CFQ7TTC0ZZZZ', 1)], 'lineItems.0.catalogItemId', /not sold in US/],
    ['a term the availability does not offer', () => [item(BASIC, 1, { termDuration: 'P3Y', billingCycle: 'TRIENNIAL' })], 'lineItems.0.termDuration', /not offered; this availability offers .*P1Y MONTHLY/],
    ['an empty line item list', () => [], 'lineItems', /at least one line item/],
  ])('refuses %s with a ValidationError naming the path, and writes nothing', async (_label, lineItems, path, message) => {
    const r = await stack.gql(CreateCartDocument, { input: { customerId, lineItems: lineItems() } });
    const res = r.data?.createCart;
    expect(res?.__typename).toBe('ValidationError');
    if (res?.__typename !== 'ValidationError') return;
    expect(res.code).toBe('VALIDATION_FAILED');
    expect(res.fieldErrors.map((e) => e.path)).toEqual([path]);
    expect(res.fieldErrors[0]?.message).toMatch(message);
    expect(writeCalls(stack.sandbox)).toBe(0);
  });

  it('refuses a malformed or unknown customer', async () => {
    const bad = await stack.gql(CreateCartDocument, { input: { customerId: 'not-a-guid', lineItems: [item(BASIC, 1)] } });
    expect(bad.data?.createCart).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'customerId' }] });
    const unknown = await stack.gql(CreateCartDocument, { input: { customerId: '00000000-0000-4000-8000-000000000000', lineItems: [item(BASIC, 1)] } });
    expect(unknown.data?.createCart).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(writeCalls(stack.sandbox)).toBe(0);
  });
});

describe('checkout never double-orders', () => {
  it('retries a checkout whose response was lost with the same MS-RequestId: one order', async () => {
    const cart = await newCart([item(BASIC, 2)]);
    const before = stack.sandbox.state().orders(customerId).length;
    stack.sandbox.resetCounters();
    stack.sandbox.script({ route: ROUTE.checkoutCart, kind: 'dropAfter' });
    const r = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId, idempotencyKey: randomUUID() } });
    expect(r.data?.checkoutCart).toMatchObject({ __typename: 'CheckoutCartPayload', orders: [{ status: 'PENDING' }] });
    const calls = stack.sandbox.requests().filter((q) => q.route === ROUTE.checkoutCart);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.status).toBe(0);
    expect(calls[1]?.headers['ms-requestid']).toBe(calls[0]?.headers['ms-requestid']);
    expect(stack.sandbox.state().orders(customerId).length).toBe(before + 1);
  });

  it('keeps one MS-RequestId across its own retries even without a key', async () => {
    const cart = await newCart([item(BASIC, 4)]);
    const before = stack.sandbox.state().orders(customerId).length;
    stack.sandbox.resetCounters();
    stack.sandbox.script({ route: ROUTE.checkoutCart, kind: 'dropAfter' });
    const r = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId } });
    expect(r.data?.checkoutCart.__typename).toBe('CheckoutCartPayload');
    expect(stack.sandbox.count(ROUTE.checkoutCart)).toBe(2);
    expect(stack.sandbox.state().orders(customerId).length).toBe(before + 1);
  });

  it('answers a concurrent checkout of the same cart under another key with a ConflictError (800064)', async () => {
    const cart = await newCart([item(BASIC, 1)]);
    stack.sandbox.setFaults({ latencyMs: 150 });
    // Not a wait for time to pass: b starts 20 ms after a so that a's checkout reaches Partner Center
    // first and holds the cart for its 150 ms of processing, in which b arrives.
    const [a, b] = await Promise.all(
      [randomUUID(), randomUUID()].map((key, i) => sleep(i * 20).then(() => stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId, idempotencyKey: key } }))),
    );
    stack.sandbox.setFaults({ latencyMs: 0 });
    expect(a?.data?.checkoutCart.__typename).toBe('CheckoutCartPayload');
    expect(b?.data?.checkoutCart).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', partnerCenterCode: '800064' });
  });

  it('passes on Partner Center\'s refusal of a cart with line-item errors as a ValidationError with its code', async () => {
    // A cart made straight against the sandbox, so the gateway's own checks do not stop it first.
    const res = await fetch(`${stack.sandbox.url}/v1/customers/${customerId}/carts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lineItems: [{ id: 0, catalogItemId: BASIC, quantity: 1000, billingCycle: 'monthly', termDuration: 'P1Y' }] }),
    });
    const cart = (await res.json()) as { id: string; lineItems: { error?: { errorCode: number } }[] };
    expect(cart.lineItems[0]?.error?.errorCode).toBe(10010);
    const seen = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.id } });
    expect(seen.data?.checkoutCart).toMatchObject({ __typename: 'ValidationError', partnerCenterCode: '800009' });
  });

  it('gives twenty concurrent checkouts with one key one order and twenty identical answers', async () => {
    const cart = await newCart([item(BASIC, 3)]);
    const before = stack.sandbox.state().orders(customerId).length;
    stack.sandbox.resetCounters();
    stack.sandbox.setFaults({ latencyMs: 100 });
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId, idempotencyKey: key } })));
    stack.sandbox.setFaults({ latencyMs: 0 });
    const bodies = answers.map((a) => JSON.stringify(a.data));
    expect(new Set(bodies).size).toBe(1);
    expect(answers[0]?.data?.checkoutCart.__typename).toBe('CheckoutCartPayload');
    expect(stack.sandbox.state().orders(customerId).length).toBe(before + 1);
    expect(stack.sandbox.count(ROUTE.checkoutCart)).toBe(1);

    // Later repeats are answered from the kept outcome; the same key for another cart is refused.
    const again = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId, idempotencyKey: key } });
    expect(JSON.stringify(again.data)).toBe(bodies[0]);
    expect(stack.sandbox.count(ROUTE.checkoutCart)).toBe(1);
    const other = await newCart([item(BASIC, 1)]);
    const reused = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: other.cartId, idempotencyKey: key } });
    expect(reused.data?.checkoutCart).toMatchObject({ __typename: 'ConflictError', code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('answers a second checkout of an ordered cart with a ConflictError', async () => {
    const cart = await newCart([item(BASIC, 1)]);
    await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId, idempotencyKey: randomUUID() } });
    const second = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId, idempotencyKey: randomUUID() } });
    expect(second.data?.checkoutCart).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', partnerCenterCode: '800065' });
    const edit = await stack.gql(UpdateCartLineItemDocument, { input: { customerId, cartId: cart.cartId, lineItemId: 0, quantity: 2 } });
    expect(edit.data?.updateCartLineItem).toMatchObject({ __typename: 'ConflictError' });
  });

  it('returns the orders and the failed order groups of a partial failure', async () => {
    const cart = await newCart([item(BASIC, 1), item(EXCHANGE, 1, { billingCycle: 'ANNUAL' })]);
    expect(new Set(cart.lineItems.map((l) => l.orderGroup)).size).toBe(2);
    const failing = cart.lineItems[1]?.orderGroup ?? '';
    stack.sandbox.script({ route: ROUTE.checkoutCart, kind: 'orderGroupError', orderGroup: failing });
    const r = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId } });
    const res = r.data?.checkoutCart;
    if (res?.__typename !== 'CheckoutCartPayload') throw new Error(JSON.stringify(r));
    expect(res.orders).toHaveLength(1);
    expect(res.orders[0]?.lineItems.map((l) => l.offerId)).toEqual([BASIC]);
    expect(res.orderErrors).toEqual([{ orderGroupId: failing, code: 800069, description: expect.stringMatching(/Risk/) }]);
  });

  it('maps upstream refusals to typed results', async () => {
    const missing = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: randomUUID() } });
    expect(missing.data?.checkoutCart).toMatchObject({ __typename: 'NotFoundError' });
    const cart = await newCart([item(BASIC, 1)]);
    stack.sandbox.script({ route: ROUTE.checkoutCart, kind: 'status', status: 429, retryAfterSeconds: 120 });
    const throttled = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId, idempotencyKey: randomUUID() } });
    expect(throttled.data?.checkoutCart).toMatchObject({ __typename: 'ThrottledError', code: 'THROTTLED', retryAfter: 120 });
    stack.sandbox.script({ route: ROUTE.checkoutCart, kind: 'status', status: 500 });
    const failed = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId } });
    expect(failed.data?.checkoutCart).toMatchObject({ __typename: 'UpstreamUnavailableError', code: 'UPSTREAM_UNAVAILABLE' });
    // A 500 answer to a write is not retried: it may have half-happened.
    expect(stack.sandbox.requests().filter((q) => q.route === ROUTE.checkoutCart && q.status === 500)).toHaveLength(1);
  });
});

describe('order catalog data', () => {
  it('loads N line items of M distinct availabilities with at most M loads, in parallel', async () => {
    const cart = await newCart([item(BASIC, 1), item(EXCHANGE, 1), item(BASIC, 2, { termDuration: 'P1M' }), item(EXCHANGE, 3, { termDuration: 'P1M' })]);
    const r = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.cartId } });
    const res = r.data?.checkoutCart;
    if (res?.__typename !== 'CheckoutCartPayload') throw new Error(JSON.stringify(r));
    const orderId = res.orders[0]?.orderId ?? '';
    await stack.server.gateway.services.catalogCache.clear();
    stack.sandbox.resetCounters();
    stack.sandbox.setFaults({ latencyMs: 200 });
    const q = await stack.gql(CustomerOrderDocument, { customerId, orderId });
    stack.sandbox.setFaults({ latencyMs: 0 });
    expect(q.data?.customer?.order?.lineItems.map((l) => l.availability?.catalogItemId)).toEqual([BASIC, EXCHANGE, BASIC, EXCHANGE]);
    expect(stack.sandbox.count(ROUTE.getAvailability)).toBe(2);
    const loads = stack.sandbox.requests().filter((x) => x.route === ROUTE.getAvailability).map((x) => Date.parse(x.at));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThan(180);
  });
});
