import { afterEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import type { CartCheckoutResult, CartResource } from '../../src/sandbox/index.js';
import { BASIC_US, ENTRA_US, cartPath, checkoutPath, line, openShop, orderPath, sandboxPool, send } from './commerce-helpers.js';
import { follow, get } from './helpers.js';
import type { WireFault } from './helpers.js';

const pool = sandboxPool();
afterEach(() => pool.closeAll());
const shop = () => openShop(pool);

describe('checkout', () => {
  it('places one order per order group, in the shape of sample §6.5', async () => {
    const { s, clock, customer, made, cart, checkout } = await shop();
    const cartId = await cart([
      line(BASIC_US, 'monthly', 'P1M', 2, { friendlyName: 'Front desk' }),
      line(ENTRA_US, 'annual', 'P1Y', 5),
      line(BASIC_US, 'monthly', 'P1Y', 1),
    ]);
    clock.advance(1_000);
    const res = await checkout(cartId);
    expect(res.status).toBe(201);
    expect(res.body.attributes).toEqual({ objectType: 'CartCheckoutResult' });
    expect(res.body).not.toHaveProperty('orderErrors');
    const [monthly, annual] = res.body.orders;
    expect(res.body.orders).toHaveLength(2);
    expect(monthly?.id).toMatch(/^[0-9a-f]{12}$/);
    expect(monthly?.id).not.toBe(annual?.id);
    expect(monthly).toMatchObject({
      alternateId: monthly?.id,
      referenceCustomerId: customer,
      billingCycle: 'monthly',
      currencyCode: 'USD',
      currencySymbol: '$',
      status: 'pending',
      transactionType: 'UserPurchase',
      client: {},
      attributes: { objectType: 'Order' },
    });
    expect(Date.parse(monthly?.creationDate ?? '')).toBe(clock.ms);
    expect(monthly?.lineItems.map((l) => [l.lineItemNumber, l.offerId, l.termDuration, l.quantity, l.friendlyName, l.transactionType])).toEqual([
      [0, BASIC_US, 'P1M', 2, 'Front desk', 'New'],
      [1, BASIC_US, 'P1Y', 1, 'Microsoft 365 Business Basic', 'New'],
    ]);
    expect(annual?.billingCycle).toBe('annual');
    expect(annual?.lineItems.map((l) => [l.lineItemNumber, l.offerId, l.friendlyName])).toEqual([[0, ENTRA_US, 'Microsoft Entra ID P1']]);
    // Subscription ids are left out until provisioning has finished.
    expect(res.body.orders.flatMap((o) => o.lineItems).some((l) => 'subscriptionId' in l)).toBe(false);
    const self = orderPath(customer, monthly?.id ?? '');
    expect(monthly?.links).toEqual({
      self: { uri: self, method: 'GET', headers: [] },
      provisioningStatus: { uri: `${self}/provisioningstatus`, method: 'GET', headers: [] },
      patchOperation: { uri: self, method: 'PATCH', headers: [] },
    });
    expect(monthly?.lineItems[0]?.links).toEqual({
      product: { uri: '/products/CFQ7TTC0LH18?country=US', method: 'GET', headers: [] },
      sku: { uri: '/products/CFQ7TTC0LH18/skus/0001?country=US', method: 'GET', headers: [] },
      availability: { uri: '/products/CFQ7TTC0LH18/skus/0001/availabilities/CFQ7TTC0K971?country=US', method: 'GET', headers: [] },
    });
    for (const link of Object.values(monthly?.lineItems[0]?.links ?? {})) expect((await follow(s, link)).status).toBe(200);

    const after = await get<CartResource>(s, cartPath(customer, cartId));
    expect(after.body.status).toBe('Ordered');
    expect(Date.parse(after.body.lastModifiedTimestamp)).toBe(clock.ms);
    expect(made.orders().map((o) => o.id)).toEqual([monthly?.id, annual?.id]);
    expect(made.subscriptions()).toHaveLength(3);
  });

  it('refuses a cart with line-item errors with 400 800009 and places no order', async () => {
    const { s, customer, made, cart, checkout } = await shop();
    const cartId = await cart([line(BASIC_US, 'monthly', 'P1M'), line(BASIC_US, 'monthly', 'P1M', 500)]);
    const res = await checkout(cartId);
    expect(res.status).toBe(400);
    expect(res.body as unknown as WireFault).toMatchObject({ code: 800009, description: 'Error in Cart item(s)' });
    expect(made.orders()).toEqual([]);
    expect(made.subscriptions()).toEqual([]);
    expect((await get<CartResource>(s, cartPath(customer, cartId))).body.status).toBe('Active');
  });

  it('ignores the checkout body, whatever it is', async () => {
    const { s, customer, made, cart } = await shop();
    for (const body of [undefined, 'success', '{"not": "closed"']) {
      const cartId = await cart([line(BASIC_US, 'monthly', 'P1M')]);
      const res = await send<CartCheckoutResult>(s, 'POST', checkoutPath(customer, cartId), body);
      expect(res.status).toBe(201);
    }
    expect(made.orders()).toHaveLength(3);
  });

  it('answers an unknown cart with 404 800008 and an unknown customer with 404 1000', async () => {
    const { s, made, checkout } = await shop();
    expect((await checkout('11111111-2222-4333-8444-555555555555')).body).toMatchObject({ code: 800008 });
    const nobody = await send<WireFault>(s, 'POST', checkoutPath('00000000-0000-4000-8000-000000000000', 'x'));
    expect([nobody.status, nobody.body.code]).toEqual([404, 1000]);
    expect(made.orders()).toEqual([]);
  });
});

describe('order-group failures', () => {
  it('fails the scripted order group and places the others', async () => {
    const { s, customer, made, cart, checkout } = await shop();
    const cartId = await cart([line(BASIC_US, 'monthly', 'P1M'), line(ENTRA_US, 'annual', 'P1Y', 2), line(BASIC_US, 'monthly', 'P1Y')]);
    s.script({ kind: 'orderGroupError', orderGroup: '1' });
    const res = await checkout(cartId);
    expect(res.status).toBe(201);
    expect(res.body.orders.map((o) => [o.billingCycle, o.lineItems.length])).toEqual([['monthly', 2]]);
    expect(res.body.orderErrors).toEqual([{ orderGroupId: '1', code: 800069, description: 'Order failed Risk Management check' }]);
    expect(made.orders()).toHaveLength(1);
    expect(made.subscriptions().map((x) => x.offerId)).toEqual([BASIC_US, BASIC_US]);
    expect((await get<CartResource>(s, cartPath(customer, cartId))).body.status).toBe('Ordered');
    // The fault was used up: the next checkout places every group.
    const next = await checkout(await cart([line(ENTRA_US, 'monthly', 'P1M'), line(ENTRA_US, 'annual', 'P1Y')]));
    expect(next.body.orders).toHaveLength(2);
  });

  it('keeps a cart Active when every group fails, so a later checkout can succeed', async () => {
    const { s, customer, made, cart, checkout } = await shop();
    const cartId = await cart([line(BASIC_US, 'monthly', 'P1M'), line(ENTRA_US, 'annual', 'P1Y')]);
    s.script({ route: ROUTE.checkoutCart, kind: 'orderGroupError', orderGroup: '0', code: 800023, description: 'Credit line check failed' });
    s.script({ kind: 'orderGroupError', orderGroup: '1' });
    const failed = await checkout(cartId);
    expect(failed.status).toBe(201);
    expect(failed.body.orders).toEqual([]);
    expect(failed.body.orderErrors?.map((e) => [e.orderGroupId, e.code, e.description])).toEqual([
      ['0', 800023, 'Credit line check failed'],
      ['1', 800069, 'Order failed Risk Management check'],
    ]);
    expect((await get<CartResource>(s, cartPath(customer, cartId))).body.status).toBe('Active');
    expect(made.orders()).toEqual([]);

    const retried = await checkout(cartId);
    expect(retried.status).toBe(201);
    expect(retried.body.orders).toHaveLength(2);
    expect((await get<CartResource>(s, cartPath(customer, cartId))).body.status).toBe('Ordered');
  });

  it('leaves an order-group fault queued when the checkout is refused before placing orders', async () => {
    const { s, cart, checkout } = await shop();
    s.script({ kind: 'orderGroupError', orderGroup: '0' });
    expect((await checkout(await cart([line(BASIC_US, 'monthly', 'P1M', 999)]))).status).toBe(400);
    const res = await checkout(await cart([line(BASIC_US, 'monthly', 'P1M')]));
    expect(res.body.orders).toEqual([]);
    expect(res.body.orderErrors?.[0]?.orderGroupId).toBe('0');
  });

  it('refuses malformed order-group faults', async () => {
    const { s } = await shop();
    expect(() => s.script({ kind: 'orderGroupError' })).toThrow(/orderGroup/);
    expect(() => s.script({ route: ROUTE.createCart, kind: 'orderGroupError', orderGroup: '0' })).toThrow(/checkout/);
  });
});
