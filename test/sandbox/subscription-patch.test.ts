import { afterEach, describe, expect, it } from 'vitest';
import type { SubscriptionResource } from '../../src/sandbox/index.js';
import { BASIC_US, catalogItemOf, line, sandboxPool, send } from './commerce-helpers.js';
import { DAY, openDesk, patch, subPath } from './aftersale-helpers.js';
import { get } from './helpers.js';
import type { WireFault } from './helpers.js';

const pool = sandboxPool();
afterEach(() => pool.closeAll());

const fault = (code: number, description: string) => ({ code, description, data: [], source: 'PartnerFD' });
const windows = (sub: SubscriptionResource, now: number) =>
  sub.refundableQuantity.details.map((d) => [d.quantity, (Date.parse(d.allowedUntilDateTime) - now) / DAY]);

/** A US customer with one new Business Basic subscription of `quantity` seats (P1Y, monthly). */
async function bought(quantity = 5) {
  const desk = await openDesk(pool);
  const [sub] = await desk.buy([line(BASIC_US, 'monthly', 'P1Y', quantity)]);
  if (!sub) throw new Error('nothing bought');
  const read = async () => (await get<SubscriptionResource>(desk.s, subPath(desk.customer, sub.id))).body;
  const change = (changes: Record<string, unknown>, headers?: Record<string, string>) =>
    patch<SubscriptionResource & Partial<WireFault>>(desk.s, desk.customer, sub.id, changes, headers);
  return { ...desk, sub, read, change };
}

describe('seats', () => {
  it('adds seats at any time, each addition with its own 7-day window, and returns them while it is open', async () => {
    const { clock, sub, read, change } = await bought(5);
    const up = await change({ quantity: 8 });
    expect(up.status).toBe(200);
    expect(up.body.quantity).toBe(8);
    expect(up.body.attributes.etag).not.toBe(sub.attributes.etag);
    expect(windows(up.body, clock.ms)).toEqual([[5, 7], [3, 7]]);
    expect(up.body.refundableQuantity.totalQuantity).toBe(8);
    clock.advance(2 * DAY);
    expect(windows((await change({ quantity: 10 })).body, clock.ms)).toEqual([[5, 5], [3, 5], [2, 7]]);
    const down = await change({ quantity: 6 });
    expect(down.status).toBe(200);
    // The newest seats go first.
    expect(windows(down.body, clock.ms)).toEqual([[5, 5], [1, 5]]);
    expect((await read()).quantity).toBe(6);
  });

  it('refuses a decrease once the window has closed with 800090, but lets later additions be returned', async () => {
    const { clock, read, change } = await bought(5);
    clock.advance(8 * DAY);
    const late = await change({ quantity: 4 });
    expect([late.status, late.body]).toEqual([400, fault(800090, 'Subscription quantity cannot be decreased.')]);
    expect((await read()).refundableQuantity).toEqual({ totalQuantity: 0, details: [] });
    expect((await change({ quantity: 7 })).status).toBe(200);
    expect((await change({ quantity: 6 })).body.quantity).toBe(6);
    expect((await change({ quantity: 4 })).body).toMatchObject({ code: 800090 });
    expect((await change({ quantity: 5 })).body.quantity).toBe(5);
    expect((await read()).refundableQuantity.totalQuantity).toBe(0);
  });

  it.each([0, 301, -2])('refuses quantity %s, outside the SKU range 1 to 300, with 2002', async (quantity) => {
    const { read, change } = await bought(5);
    const res = await change({ quantity });
    expect([res.status, res.body]).toEqual([400, fault(2002, 'Subscription quantity is not within minimum and maximum allowed quantity')]);
    expect((await read()).quantity).toBe(5);
  });

  it.each([1.5, '6', true])('refuses a quantity of %j with 800002', async (quantity) => {
    const res = await (await bought(5)).change({ quantity });
    expect([res.status, res.body.code]).toEqual([400, 800002]);
  });
});

describe('etag and body', () => {
  it('refuses a stale etag with 2055, in camelCase and PascalCase, and accepts a body without one', async () => {
    const { s, customer, sub, read, change } = await bought(5);
    expect((await change({ friendlyName: 'Front desk' })).status).toBe(200);
    const stale = await send<WireFault>(s, 'PATCH', subPath(customer, sub.id), { ...sub, quantity: 9 });
    expect([stale.status, stale.body]).toEqual([400, fault(2055, 'Etag is no longer valid')]);
    const pascal = await send<WireFault>(s, 'PATCH', subPath(customer, sub.id), { Quantity: 9, Attributes: { Etag: sub.attributes.etag } });
    expect(pascal.body.code).toBe(2055);
    const current = await read();
    const fresh = await send<SubscriptionResource>(s, 'PATCH', subPath(customer, sub.id), { Quantity: 9, Attributes: { Etag: current.attributes.etag, ObjectType: 'Subscription' } });
    expect([fresh.status, fresh.body.quantity]).toEqual([200, 9]);
    const noEtag = await send<SubscriptionResource>(s, 'PATCH', subPath(customer, sub.id), { friendlyName: 'Reception' });
    expect([noEtag.status, noEtag.body.friendlyName, noEtag.body.quantity]).toEqual([200, 'Reception', 9]);
  });

  it('answers a PATCH that changes nothing with 200 and the same etag', async () => {
    const { sub, change } = await bought(5);
    const same = await change({});
    expect(same.status).toBe(200);
    expect(same.body.attributes.etag).toBe(sub.attributes.etag);
  });

  it('renames within 1 to 100 characters', async () => {
    const { read, change } = await bought(5);
    expect((await change({ friendlyName: '  Sales floor  ' })).body.friendlyName).toBe('Sales floor');
    for (const friendlyName of ['', ' ', 'x'.repeat(101), 42]) expect((await change({ friendlyName })).body.code).toBe(800002);
    expect((await read()).friendlyName).toBe('Sales floor');
  });

  it('refuses another offer or term with 800002, another billing cycle with 800097, and a body that is not an object', async () => {
    const { s, customer, sub, change } = await bought(5);
    expect((await change({ offerId: 'CFQ7TTC0LDPB:0001:CFQ7TTC0XXXX' })).body.code).toBe(800002);
    expect((await change({ termDuration: 'P1M' })).body.code).toBe(800002);
    expect((await change({ billingCycle: 'annual' })).body).toEqual(fault(800097, 'Cannot update the billing cycle for this subscription'));
    expect((await change({ offerId: BASIC_US.toLowerCase(), billingCycle: 'Monthly', termDuration: 'p1y' })).status).toBe(200);
    for (const body of ['[1]', '"success"', '{"quantity":']) expect((await send<WireFault>(s, 'PATCH', subPath(customer, sub.id), body)).body.code).toBe(800002);
    expect((await send<WireFault>(s, 'PATCH', subPath(customer, '00000000-0000-4000-8000-000000000001'), {})).body.code).toBe(20003);
  });

  it('stores scheduledNextTermInstructions, echoes them, and clears them with null', async () => {
    const { read, change } = await bought(5);
    const next = { product: { productId: 'CFQ7TTC0LH18', skuId: '0001', availabilityId: 'CFQ7TTC0K971', billingCycle: 'Annual', termDuration: 'P1Y' }, quantity: 7 };
    const set = await change({ ScheduledNextTermInstructions: next });
    expect(set.body.scheduledNextTermInstructions).toEqual(next);
    expect((await read()).scheduledNextTermInstructions).toEqual(next);
    for (const bad of [{ quantity: 7 }, { ...next, quantity: 0 }, { ...next, product: { ...next.product, skuId: 5 } }, 'soon']) {
      expect((await change({ scheduledNextTermInstructions: bad })).body.code).toBe(800002);
    }
    expect((await change({ scheduledNextTermInstructions: null })).body.scheduledNextTermInstructions).toBeNull();
  });
});

describe('renewal and status', () => {
  it('turns auto-renew off and on, but not on for a trial (800093)', async () => {
    const { s, customer, buy, change } = await bought(5);
    expect((await change({ autoRenewEnabled: false })).body.autoRenewEnabled).toBe(false);
    expect((await change({ autoRenewEnabled: true })).body.autoRenewEnabled).toBe(true);
    const [trial] = await buy([line(await catalogItemOf(s, 'CFQ7TTC0LH18', '0003', 'US'), 'none', 'P1M', 25)]);
    const refused = await patch(s, customer, trial?.id ?? '', { autoRenewEnabled: true });
    expect([refused.status, refused.body]).toEqual([400, fault(800093, 'The subscription is not eligible to be auto-renewed')]);
  });

  it('suspends, refuses seat changes while suspended (2001), and reactivates', async () => {
    const { read, change } = await bought(5);
    const suspended = await change({ status: 'Suspended' });
    expect([suspended.status, suspended.body.status]).toEqual([200, 'suspended']);
    const seats = await change({ quantity: 6 });
    expect([seats.status, seats.body]).toEqual([400, fault(2001, 'Subscription quantity cannot be increased or decreased while subscription is being suspended')]);
    expect((await change({ status: 'active', quantity: 6 })).body.code).toBe(2001);
    expect((await change({ status: 'suspended' })).body.status).toBe('suspended');
    const active = await change({ status: 'active' });
    expect([active.body.status, active.body.quantity]).toEqual(['active', 5]);
    expect((await change({ status: 'suspended', quantity: 6 })).body.code).toBe(2001);
    expect((await read()).status).toBe('active');
    for (const status of ['expired', 'pending']) expect((await change({ status })).body).toEqual(fault(800082, 'Subscription is not ready to be updated'));
    expect((await change({ status: 'paused' })).body.code).toBe(800002);
  });

  it('cancels inside the window: deleted, no renewal, nothing left to refund; then refuses any change with 2011', async () => {
    const { sub, clock, change } = await bought(5);
    clock.advance(6 * DAY);
    const cancelled = await change({ status: 'deleted' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'deleted', autoRenewEnabled: false, refundOptions: [], refundableQuantity: { totalQuantity: 0, details: [] } });
    const after = `Subscription with ID ${sub.id} and deleted status cannot be updated.`;
    for (const changes of [{ status: 'active' }, { friendlyName: 'Back' }, {}]) expect((await change(changes)).body).toEqual(fault(2011, after));
  });

  it('refuses a cancellation after cancellationAllowedUntilDate with 900117', async () => {
    const { sub, clock, read, change } = await bought(5);
    clock.ms = Date.parse(sub.cancellationAllowedUntilDate) + 1;
    const late = await change({ status: 'deleted' });
    expect([late.status, late.body]).toEqual([400, fault(900117, 'You have passed your 7-day cancellation window. We are unable to cancel your purchase')]);
    expect((await read()).status).toBe('active');
  });

  it('refuses to change a subscription still being provisioned with 800082', async () => {
    const desk = await openDesk(pool);
    desk.s.setCommerce({ orderCompletionMs: 60_000 });
    const [sub] = await desk.buy([line(BASIC_US, 'monthly', 'P1M', 2)]);
    expect(sub?.status).toBe('pending');
    expect((await patch<WireFault>(desk.s, desk.customer, sub?.id ?? '', { status: 'suspended' })).body).toEqual(fault(800082, 'Subscription is not ready to be updated'));
    desk.clock.advance(60_000);
    expect((await patch(desk.s, desk.customer, sub?.id ?? '', { status: 'suspended' })).body.status).toBe('suspended');
  });
});
