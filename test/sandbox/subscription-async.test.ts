import { afterEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import type { SubscriptionProvisioningStatus, SubscriptionResource } from '../../src/sandbox/index.js';
import { BASIC_US, line, sandboxPool, send } from './commerce-helpers.js';
import { DAY, openDesk, patch, subPath } from './aftersale-helpers.js';
import { get } from './helpers.js';
import type { WireFault, WireSku } from './helpers.js';

const pool = sandboxPool();
afterEach(() => pool.closeAll());

async function bought(quantity = 5) {
  const desk = await openDesk(pool);
  const [sub] = await desk.buy([line(BASIC_US, 'monthly', 'P1Y', quantity)]);
  if (!sub) throw new Error('nothing bought');
  const path = subPath(desk.customer, sub.id);
  const read = async () => (await get<SubscriptionResource>(desk.s, path)).body;
  const provisioning = async () => (await get<SubscriptionProvisioningStatus>(desk.s, `${path}/provisioningstatus`)).body;
  return { ...desk, sub, path, read, provisioning };
}

describe('202 Accepted (subscriptionPatchDelayMs)', () => {
  it('accepts a change with 202 and a Location, shows it only once the delay has passed on the clock, and refuses a second change meanwhile', async () => {
    const { s, clock, customer, sub, path, read, provisioning } = await bought(5);
    s.setCommerce({ subscriptionPatchDelayMs: 60_000 });
    const accepted = await patch(s, customer, sub.id, { quantity: 9, friendlyName: 'Later' });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('location')).toBe(path);
    expect(accepted.text).toBe('');
    expect(await read()).toMatchObject({ quantity: 5, friendlyName: sub.friendlyName, attributes: { etag: sub.attributes.etag } });
    expect((await provisioning()).status).toBe('pending');

    const second = await patch<WireFault>(s, customer, sub.id, { autoRenewEnabled: false });
    expect([second.status, second.body.code, second.body.description]).toEqual([409, 800082, 'Subscription is not ready to be updated']);

    clock.advance(59_999);
    expect((await read()).quantity).toBe(5);
    clock.advance(1);
    const applied = await read();
    expect(applied).toMatchObject({ quantity: 9, friendlyName: 'Later', autoRenewEnabled: true });
    expect(applied.attributes.etag).not.toBe(sub.attributes.etag);
    // The added seats' window opened when the change took effect.
    expect(applied.refundableQuantity.details.map((d) => Date.parse(d.allowedUntilDateTime) - clock.ms)).toEqual([7 * DAY - 60_000, 7 * DAY]);
    expect((await provisioning()).status).toBe('success');
    expect((await patch(s, customer, sub.id, { autoRenewEnabled: false })).status).toBe(202);
  });

  it('still refuses an invalid change at once, and answers a change of nothing with 200', async () => {
    const { s, customer, sub } = await bought(5);
    s.setCommerce({ subscriptionPatchDelayMs: 1_000 });
    expect((await patch<WireFault>(s, customer, sub.id, { quantity: 500 })).body.code).toBe(2002);
    expect((await patch(s, customer, sub.id, {})).status).toBe(200);
    expect((await patch(s, customer, sub.id, { quantity: 6 })).status).toBe(202);
  });
});

describe('MS-RequestId', () => {
  it('replays a PATCH with the same id without applying it twice; a new id is processed', async () => {
    const { s, sub, path, read } = await bought(5);
    const body = { ...sub, quantity: 6 };
    const headers = { 'MS-RequestId': '6a1f4c3e-0000-4000-8000-000000000001' };
    const first = await send<SubscriptionResource>(s, 'PATCH', path, body, headers);
    const again = await send<SubscriptionResource>(s, 'PATCH', path, body, headers);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.text).toBe(first.text);
    expect((await read()).attributes.etag).toBe(first.body.attributes.etag);
    // Processed for real, the same body now carries a stale etag.
    const fresh = await send<WireFault>(s, 'PATCH', path, body, { 'MS-RequestId': '6a1f4c3e-0000-4000-8000-000000000002' });
    expect(fresh.body.code).toBe(2055);
    expect(s.count(ROUTE.updateSubscription)).toBe(3);
  });

  it('replays an accepted 202 instead of answering 409', async () => {
    const { s, customer, sub, path } = await bought(5);
    s.setCommerce({ subscriptionPatchDelayMs: 5_000 });
    const headers = { 'MS-RequestId': '6a1f4c3e-0000-4000-8000-000000000003' };
    const first = await patch(s, customer, sub.id, { quantity: 7 }, headers);
    const again = await send(s, 'PATCH', path, { ...sub, quantity: 7 }, headers);
    expect([first.status, again.status, again.headers.get('location')]).toEqual([202, 202, path]);
  });
});

describe('subscription provisioning status', () => {
  it('is pending while the order provisions, then success, in the documented shape', async () => {
    const desk = await openDesk(pool);
    desk.s.setCommerce({ orderCompletionMs: 30_000 });
    const [sub] = await desk.buy([line(BASIC_US, 'monthly', 'P1Y', 4)]);
    const path = `${subPath(desk.customer, sub?.id ?? '')}/provisioningstatus`;
    const sku = (await get<WireSku>(desk.s, '/products/CFQ7TTC0LH18/skus/0001?country=US')).body;
    const pending = await get<SubscriptionProvisioningStatus>(desk.s, path);
    expect(pending.status).toBe(200);
    expect(pending.body).toEqual({
      skuId: sku.dynamicAttributes.provisioningId,
      status: 'pending',
      quantity: 4,
      endDate: sub?.commitmentEndDate,
      attributes: { objectType: 'SubscriptionProvisioningStatus' },
    });
    expect(pending.body.skuId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    desk.clock.advance(30_000);
    expect((await get<SubscriptionProvisioningStatus>(desk.s, path)).body.status).toBe('success');
    expect(desk.s.count(ROUTE.getSubscriptionProvisioningStatus)).toBe(2);
    const missing = await get<WireFault>(desk.s, `${subPath(desk.customer, '00000000-0000-4000-8000-000000000009')}/provisioningstatus`);
    expect([missing.status, missing.body.code]).toEqual([404, 20003]);
  });
});
