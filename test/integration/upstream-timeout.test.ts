// Partner Center not answering within the gateway's deadline: queries say UPSTREAM_TIMEOUT, and
// mutations answer UpstreamTimeoutError, because the change may or may not have been made. A
// checkout repeated with the same idempotency key after a timeout places no second order.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { findCustomer } from '../helpers/commerce.js';

const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';
const DEADLINE_MS = 300;
// Longer than the deadline, so the gateway gives up while the sandbox still processes the request.
const HOLD_MS = 900;

let stack: Stack;
let customerId: string;

const CREATE = `mutation($input: CreateCartInput!) { createCart(input: $input) {
  __typename ... on CreateCartPayload { cart { cartId } } ... on Error { code message } } }`;
const CHECKOUT = `mutation($input: CheckoutCartInput!) { checkoutCart(input: $input) {
  __typename ... on CheckoutCartPayload { orders { orderId } } ... on Error { code message } } }`;
const SUSPEND = `mutation($input: SubscriptionActionInput!) { suspendSubscription(input: $input) {
  __typename ... on UpdateSubscriptionPayload { subscription { status } } ... on Error { code message } } }`;

const lineItems = [{ catalogItemId: BASIC, quantity: 2, billingCycle: 'MONTHLY', termDuration: 'P1Y' }];

async function newCart(): Promise<string> {
  const r = await stack.raw(CREATE, { input: { customerId, lineItems } });
  const cart = (r.data?.createCart as { cart?: { cartId: string } } | undefined)?.cart;
  if (!cart) throw new Error(JSON.stringify(r));
  return cart.cartId;
}

beforeAll(async () => {
  // One attempt: whichever timer fires first (the deadline, or undici's header timeout of the same
  // length), the call ends as a timeout and is not tried again.
  const timeout = String(DEADLINE_MS);
  stack = await startStack({
    UPSTREAM_DEADLINE_MS: timeout,
    UPSTREAM_HEADERS_TIMEOUT_MS: timeout,
    UPSTREAM_BODY_TIMEOUT_MS: timeout,
    UPSTREAM_MAX_ATTEMPTS: '1',
    SANDBOX_ORDER_COMPLETION_MS: '0',
  });
  customerId = await findCustomer(stack.sandbox.url, 'US');
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => {
  stack.sandbox.resetCounters();
});

describe('an upstream call that outlives the deadline', () => {
  it('fails a query with UPSTREAM_TIMEOUT', async () => {
    stack.sandbox.script({ route: ROUTE.getProduct, kind: 'delay', delayMs: HOLD_MS });
    const r = await stack.raw('{ product(productId: "CFQ7TTC0LH16", country: "US") { title } }');
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });

  it('answers a cart mutation with UpstreamTimeoutError', async () => {
    stack.sandbox.script({ route: ROUTE.createCart, kind: 'delay', delayMs: HOLD_MS });
    const r = await stack.raw(CREATE, { input: { customerId, lineItems } });
    expect(r.errors).toBeUndefined();
    expect(r.data?.createCart).toMatchObject({ __typename: 'UpstreamTimeoutError', code: 'UPSTREAM_TIMEOUT' });
  });

  it('answers a checkout with UpstreamTimeoutError, and the same key then returns the one order placed', async () => {
    const cartId = await newCart();
    const input = { customerId, cartId, idempotencyKey: randomUUID() };
    stack.sandbox.script({ route: ROUTE.checkoutCart, kind: 'delay', delayMs: HOLD_MS });
    const first = await stack.raw(CHECKOUT, { input });
    expect(first.data?.checkoutCart).toMatchObject({ __typename: 'UpstreamTimeoutError', code: 'UPSTREAM_TIMEOUT' });
    // Let the held checkout finish in the sandbox: the order exists although the gateway gave up.
    await sleep(HOLD_MS);
    const again = await stack.raw(CHECKOUT, { input });
    expect(again.data?.checkoutCart).toMatchObject({ __typename: 'CheckoutCartPayload', orders: [{ orderId: expect.any(String) }] });
    const placed = stack.sandbox.state().orders(customerId).filter((o) => (again.data?.checkoutCart as { orders: { orderId: string }[] }).orders.some((x) => x.orderId === o.id));
    expect(placed).toHaveLength(1);
  });

  it('answers a subscription mutation with UpstreamTimeoutError', async () => {
    const cartId = await newCart();
    const out = await stack.raw(CHECKOUT, { input: { customerId, cartId, idempotencyKey: randomUUID() } });
    const orderId = (out.data?.checkoutCart as { orders: { orderId: string }[] }).orders[0]?.orderId;
    const sub = stack.sandbox.state().subscriptions(customerId).find((s) => s.orderId === orderId);
    expect(sub).toBeDefined();
    stack.sandbox.script({ route: ROUTE.updateSubscription, kind: 'delay', delayMs: HOLD_MS });
    const r = await stack.raw(SUSPEND, { input: { customerId, subscriptionId: sub?.id } });
    expect(r.errors).toBeUndefined();
    expect(r.data?.suspendSubscription).toMatchObject({ __typename: 'UpstreamTimeoutError', code: 'UPSTREAM_TIMEOUT' });
  });
});
