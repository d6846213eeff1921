import { afterEach, describe, expect, it } from 'vitest';
import type { OrderLineProvisioningStatus, OrderResource, SubscriptionResource } from '../../src/sandbox/index.js';
import { BASIC_US, COMPLETION_MS, ENTRA_US, LIST_DELAY_MS, catalogItemOf, line, openShop, orderPath, sandboxPool } from './commerce-helpers.js';
import { get } from './helpers.js';
import type { WireCollection, WireFault } from './helpers.js';

const DAY = 86_400_000;

const pool = sandboxPool();
afterEach(() => pool.closeAll());
const shop = () => openShop(pool);

describe('provisioning', () => {
  it('completes an order once orderCompletionMs has passed on the clock, then shows subscription ids', async () => {
    const { s, clock, customer, made, cart, checkout } = await shop();
    const order = (await checkout(await cart([line(BASIC_US, 'monthly', 'P1M', 3), line(ENTRA_US, 'monthly', 'P1Y', 2)]))).body.orders[0];
    const path = orderPath(customer, order?.id ?? '');
    const status = async () => (await get<WireCollection<OrderLineProvisioningStatus>>(s, `${path}/provisioningstatus`)).body;
    const pendingSubs = made.subscriptions();
    expect(pendingSubs.map((x) => x.status)).toEqual(['pending', 'pending']);

    clock.advance(COMPLETION_MS - 1);
    const pending = await get<OrderResource>(s, path);
    expect(pending.body.status).toBe('pending');
    expect(pending.body.lineItems.map((l) => l.subscriptionId)).toEqual([undefined, undefined]);
    expect((await status()).items).toEqual([
      { orderLineItemId: 0, lineItemNumber: 0, status: 'unfulfilled', quantityProvisioningInformation: [{ quantity: 3, status: 'unfulfilled' }] },
      { orderLineItemId: 1, lineItemNumber: 1, status: 'unfulfilled', quantityProvisioningInformation: [{ quantity: 2, status: 'unfulfilled' }] },
    ]);

    clock.advance(1);
    const done = await get<OrderResource>(s, path);
    expect(done.body.status).toBe('completed');
    const ids = done.body.lineItems.map((l) => l.subscriptionId);
    expect(ids).toEqual(pendingSubs.map((x) => x.id));
    expect((await status()).items.map((i) => [i.status, i.quantityProvisioningInformation[0]?.status])).toEqual([
      ['fulfilled', 'fulfilled'],
      ['fulfilled', 'fulfilled'],
    ]);
    for (const [i, id] of ids.entries()) {
      const sub = await get<SubscriptionResource>(s, `/customers/${customer}/subscriptions/${id ?? ''}`);
      expect(sub.body.status).toBe('active');
      expect(sub.body.attributes.etag).not.toBe(pendingSubs[i]?.attributes.etag);
    }
  });

  it('shows subscription ids in the checkout response when provisioning is immediate', async () => {
    const { s, made, cart, checkout } = await shop();
    s.setCommerce({ orderCompletionMs: 0 });
    const res = await checkout(await cart([line(BASIC_US, 'monthly', 'P1M')]));
    expect(res.body.orders[0]?.status).toBe('completed');
    expect(res.body.orders[0]?.lineItems[0]?.subscriptionId).toBe(made.subscriptions()[0]?.id);
  });

  it('creates the subscriptions at once, with the fields of sample §6.7', async () => {
    const { s, clock, customer, cart, checkout } = await shop();
    const trial = await catalogItemOf(s, 'CFQ7TTC0LH18', '0003', 'US');
    const result = await checkout(await cart([line(BASIC_US, 'monthly', 'P1Y', 4, { friendlyName: 'Sales' }), line(trial, 'None', 'P1M', 25)]));
    const [paidOrder, trialOrder] = result.body.orders;
    const list = await get<WireCollection<SubscriptionResource>>(s, `/customers/${customer}/subscriptions`);
    expect(list.status).toBe(200);
    // After the customer's seeded history, in the order they were bought.
    const mine = list.body.items.slice(-2);
    expect(mine.map((x) => x.orderId)).toEqual([paidOrder?.id, trialOrder?.id]);
    const [paid, trialSub] = mine;
    const start = new Date(clock.ms).toISOString().replace('Z', '0000Z');
    expect(paid).toMatchObject({
      offerId: BASIC_US,
      offerName: 'Microsoft 365 Business Basic',
      friendlyName: 'Sales',
      productType: { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' },
      quantity: 4,
      unitType: 'Licenses',
      hasPurchasableAddons: false,
      creationDate: start,
      effectiveStartDate: start,
      // Bought 2024-03-14: a P1Y term ends (inclusive) 2025-03-13, its first month 2024-04-13.
      commitmentEndDate: '2025-03-13T00:00:00Z',
      billingCycleEndDate: '2024-04-13T00:00:00Z',
      status: 'pending',
      autoRenewEnabled: true,
      isTrial: false,
      billingType: 'license',
      billingCycle: 'monthly',
      termDuration: 'P1Y',
      renewalTermDuration: '',
      isMicrosoftProduct: true,
      partnerId: '',
      attentionNeeded: false,
      actionTaken: false,
      contractType: 'subscription',
      orderId: paidOrder?.id,
      publisherName: 'Microsoft Corporation',
      scheduledNextTermInstructions: null,
    });
    expect(paid?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(paid?.cancellationAllowedUntilDate ?? '') - clock.ms).toBe(7 * DAY);
    expect(paid?.refundOptions.map((r) => [r.type, Date.parse(r.expiresAt) - clock.ms])).toEqual([['Full', DAY], ['Partial', 7 * DAY]]);
    expect(paid?.refundableQuantity.totalQuantity).toBe(4);
    expect(paid?.refundableQuantity.details.map((d) => [d.quantity, Date.parse(d.allowedUntilDateTime) - clock.ms])).toEqual([[4, 7 * DAY]]);
    expect(paid?.links.self.uri).toBe(`/customers/${customer}/subscriptions/${paid?.id ?? ''}`);
    expect(paid?.links.availability.uri).toBe('/products/CFQ7TTC0LH18/skus/0001/availabilities/CFQ7TTC0K971?country=US');
    expect(paid?.attributes.objectType).toBe('Subscription');
    expect(paid?.attributes.etag.length).toBeGreaterThan(8);
    expect(trialSub).toMatchObject({ isTrial: true, autoRenewEnabled: false, billingCycle: 'none', quantity: 25, orderId: trialOrder?.id });
    expect(trialSub?.friendlyName).toBe('Microsoft 365 Business Basic Trial');
    expect(trialSub?.billingCycleEndDate).toBe(trialSub?.commitmentEndDate);
    expect((await get(s, paid?.links.self.uri ?? '')).text).toBe(JSON.stringify(paid));
  });
});

describe('order and subscription lists', () => {
  it('lists a new order only after orderListDelayMs, while get-by-id finds it at once', async () => {
    const { s, clock, customer, cart, checkout } = await shop();
    const orders = `/customers/${customer}/orders?include_price=true&billingType=license`;
    const order = (await checkout(await cart([line(BASIC_US, 'monthly', 'P1M')]))).body.orders[0];
    const id = order?.id ?? '';
    const byOrder = `/customers/${customer}/subscriptions?order_id=${id}`;
    // The seeded history is listed already; the new order is not yet.
    const listedIds = async () => (await get<WireCollection<OrderResource>>(s, orders)).body.items.map((o) => o.id);
    const history = await listedIds();
    expect(history.length).toBeGreaterThan(0);
    expect((await get<OrderResource>(s, orderPath(customer, id))).status).toBe(200);
    expect(history).not.toContain(id);
    expect((await get<WireCollection<SubscriptionResource>>(s, byOrder)).body.items).toEqual([]);
    const all = (await get<WireCollection<SubscriptionResource>>(s, `/customers/${customer}/subscriptions`)).body.items;
    expect(all.filter((x) => x.orderId === id)).toHaveLength(1);

    clock.advance(LIST_DELAY_MS - 1);
    expect(await listedIds()).toEqual(history);
    clock.advance(1);
    const listed = await get<WireCollection<OrderResource>>(s, orders);
    expect(listed.body.items.map((o) => o.id)).toEqual([...history, id]);
    expect(listed.body.links.self.uri).toBe(`/customers/${customer}/orders`);
    expect(listed.body.items.at(-1)?.status).toBe('completed');
    const subs = await get<WireCollection<SubscriptionResource>>(s, byOrder);
    expect(subs.body.items.map((x) => x.orderId)).toEqual([id]);
    expect(subs.body.links.self.uri).toBe(`/customers/${customer}/subscriptions?order_id=${id}`);
  });

  it("answers an unknown or another customer's order with 404 20000 and subscription with 404 20003", async () => {
    const { s, customer, made, cart, checkout } = await shop();
    const order = (await checkout(await cart([line(BASIC_US, 'monthly', 'P1M')]))).body.orders[0];
    const sub = made.subscriptions()[0];
    const other = (await get<WireCollection<{ id: string }>>(s, '/customers?size=500')).body.items.find((c) => c.id !== customer)?.id ?? '';
    for (const path of [orderPath(customer, 'abcdefabcdef'), orderPath(other, order?.id ?? ''), `${orderPath(other, order?.id ?? '')}/provisioningstatus`]) {
      const res = await get<WireFault>(s, path);
      expect([res.status, res.body.code, res.body.description]).toEqual([404, 20000, 'Order ID not found']);
    }
    for (const id of ['00000000-0000-4000-8000-000000000001', sub?.id ?? '']) {
      const res = await get<WireFault>(s, `/customers/${other}/subscriptions/${id}`);
      expect([res.status, res.body.code, res.body.description]).toEqual([404, 20003, `Subscription with ID ${id} not found.`]);
    }
    expect((await get<WireCollection<unknown>>(s, `/customers/${other}/subscriptions?order_id=${order?.id ?? ''}`)).body.items).toEqual([]);
  });
});
