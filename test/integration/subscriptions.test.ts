// After the sale, over real HTTP: a subscription bought through the gateway is changed step by step,
// and each step is checked against the sandbox's own state.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { findCustomer, writeCalls } from '../helpers/commerce.js';
import {
  CancelSubscriptionDocument,
  CheckoutCartDocument,
  CreateCartDocument,
  CustomerSubscriptionDocument,
  ReactivateSubscriptionDocument,
  SuspendSubscriptionDocument,
  UpdateSubscriptionDocument,
} from '../gql/graphql.js';

const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';
const DAY = 86_400_000;

let stack: Stack;
let customerId: string;

async function buy(lines: { quantity: number }[]): Promise<string[]> {
  const lineItems = lines.map((l) => ({ catalogItemId: BASIC, quantity: l.quantity, billingCycle: 'MONTHLY' as const, termDuration: 'P1Y' }));
  const cart = await stack.gql(CreateCartDocument, { input: { customerId, lineItems } });
  if (cart.data?.createCart.__typename !== 'CreateCartPayload') throw new Error(JSON.stringify(cart));
  const out = await stack.gql(CheckoutCartDocument, { input: { customerId, cartId: cart.data.createCart.cart.cartId, idempotencyKey: randomUUID() } });
  if (out.data?.checkoutCart.__typename !== 'CheckoutCartPayload') throw new Error(JSON.stringify(out));
  const orderId = out.data.checkoutCart.orders[0]?.orderId ?? '';
  // Provisioning is immediate in this stack (SANDBOX_ORDER_COMPLETION_MS=0): the subscriptions exist now.
  return stack.sandbox
    .state()
    .subscriptions(customerId)
    .filter((s) => s.orderId === orderId)
    .map((s) => s.id);
}

const sandboxSub = (id: string) => stack.sandbox.state().subscriptions(customerId).find((s) => s.id === id);
const input = (subscriptionId: string) => ({ input: { customerId, subscriptionId } });

beforeAll(async () => {
  stack = await startStack({ SANDBOX_ORDER_COMPLETION_MS: '0', UPSTREAM_POLL_MAX_MS: '1500' });
  customerId = await findCustomer(stack.sandbox.url, 'US');
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => {
  stack.sandbox.clock.reset();
  stack.sandbox.setCommerce({ subscriptionPatchDelayMs: 0 });
  stack.sandbox.resetCounters();
});

describe('a subscription bought through the gateway', () => {
  it('raises and lowers seats, refuses late decreases and cancellations, toggles renewal, suspends and reactivates', async () => {
    const [a = '', b = ''] = await buy([{ quantity: 5 }, { quantity: 2 }]);

    const up = await stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a, quantity: 8 } });
    expect(up.data?.updateSubscription).toMatchObject({ __typename: 'UpdateSubscriptionPayload', subscription: { quantity: 8, refundableQuantity: 8 } });
    expect(sandboxSub(a)?.quantity).toBe(8);

    const down = await stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a, quantity: 6 } });
    expect(down.data?.updateSubscription).toMatchObject({ subscription: { quantity: 6 } });
    expect(sandboxSub(a)?.quantity).toBe(6);

    const cancelled = await stack.gql(CancelSubscriptionDocument, input(b));
    expect(cancelled.data?.cancelSubscription).toMatchObject({ subscription: { status: 'DELETED' } });
    expect(sandboxSub(b)?.status).toBe('deleted');

    stack.sandbox.clock.advance(8 * DAY);

    const late = await stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a, quantity: 4 } });
    expect(late.data?.updateSubscription).toMatchObject({ __typename: 'SeatDecreaseNotAllowedError', code: 'SEAT_DECREASE_NOT_ALLOWED', refundableQuantity: 0 });
    expect(sandboxSub(a)?.quantity).toBe(6);

    const renew = await stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a, autoRenewEnabled: false } });
    expect(renew.data?.updateSubscription).toMatchObject({ subscription: { autoRenewEnabled: false, refundableQuantity: 0, scheduledNextTerm: null } });
    expect(sandboxSub(a)?.autoRenewEnabled).toBe(false);

    const suspended = await stack.gql(SuspendSubscriptionDocument, input(a));
    expect(suspended.data?.suspendSubscription).toMatchObject({ subscription: { status: 'SUSPENDED' } });
    expect(sandboxSub(a)?.status).toBe('suspended');

    const seatsWhileSuspended = await stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a, quantity: 9 } });
    expect(seatsWhileSuspended.data?.updateSubscription).toMatchObject({ __typename: 'InvalidSubscriptionStateError', status: 'SUSPENDED' });

    const reactivated = await stack.gql(ReactivateSubscriptionDocument, input(a));
    expect(reactivated.data?.reactivateSubscription).toMatchObject({ subscription: { status: 'ACTIVE' } });
    expect(sandboxSub(a)?.status).toBe('active');

    const deadline = (await stack.gql(CustomerSubscriptionDocument, { customerId, subscriptionId: a })).data?.customer?.subscription?.cancellationAllowedUntilDate;
    const tooLate = await stack.gql(CancelSubscriptionDocument, input(a));
    expect(tooLate.data?.cancelSubscription).toMatchObject({ __typename: 'CancellationWindowClosedError', code: 'CANCELLATION_WINDOW_CLOSED', deadline });
    expect(deadline).toBeTruthy();
    expect(sandboxSub(a)?.status).toBe('active');

    const afterCancel = await stack.gql(SuspendSubscriptionDocument, input(b));
    expect(afterCancel.data?.suspendSubscription).toMatchObject({ __typename: 'InvalidSubscriptionStateError', status: 'DELETED' });
  });

  it('checks seats against the SKU and refuses bad input without a write', async () => {
    const [a = ''] = await buy([{ quantity: 3 }]);
    stack.sandbox.resetCounters();
    const tooMany = await stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a, quantity: 301 } });
    expect(tooMany.data?.updateSubscription).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'quantity', message: expect.stringMatching(/between 1 and 300/) }] });
    const negative = await stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a, quantity: -2 } });
    expect(negative.data?.updateSubscription).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'quantity' }] });
    const nothing = await stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a } });
    expect(nothing.data?.updateSubscription).toMatchObject({ __typename: 'ValidationError' });
    const missing = await stack.gql(SuspendSubscriptionDocument, input(randomUUID()));
    expect(missing.data?.suspendSubscription).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const badId = await stack.gql(SuspendSubscriptionDocument, input('nope'));
    expect(badId.data?.suspendSubscription).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'subscriptionId' }] });
    expect(writeCalls(stack.sandbox)).toBe(0);
  });

  it('retries once with a fresh read when the etag went stale in between', async () => {
    const [a = ''] = await buy([{ quantity: 3 }]);
    stack.sandbox.resetCounters();
    // Hold the gateway's PATCH while another client renames the subscription.
    stack.sandbox.script({ route: ROUTE.updateSubscription, kind: 'delay', delayMs: 400 });
    const pending = stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a, quantity: 4 } });
    await new Promise((r) => setTimeout(r, 150));
    const url = `${stack.sandbox.url}/v1/customers/${customerId}/subscriptions/${a}`;
    const current = (await (await fetch(url)).json()) as Record<string, unknown>;
    const other = await fetch(url, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...current, friendlyName: 'Renamed elsewhere' }) });
    expect(other.status).toBe(200);
    const r = await pending;
    expect(r.data?.updateSubscription).toMatchObject({ subscription: { quantity: 4, friendlyName: 'Renamed elsewhere' } });
    expect(stack.sandbox.requests().filter((q) => q.route === ROUTE.updateSubscription).map((q) => q.status)).toEqual([200, 400, 200]);
  });

  it('follows a 202 Accepted until the change shows, and reports one that takes too long as pending', async () => {
    const [a = ''] = await buy([{ quantity: 3 }]);
    stack.sandbox.setCommerce({ subscriptionPatchDelayMs: 500 });
    const r = await stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a, friendlyName: 'Accepted later' } });
    expect(r.data?.updateSubscription).toMatchObject({ subscription: { friendlyName: 'Accepted later' } });
    expect(stack.sandbox.requests().find((q) => q.route === ROUTE.updateSubscription)?.status).toBe(202);

    stack.sandbox.setCommerce({ subscriptionPatchDelayMs: 60_000 });
    const slow = await stack.gql(UpdateSubscriptionDocument, { input: { customerId, subscriptionId: a, friendlyName: 'Much later' } });
    expect(slow.data?.updateSubscription).toMatchObject({ __typename: 'ChangePendingError', code: 'CHANGE_PENDING' });
  });
});
