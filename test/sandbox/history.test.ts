import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_CUSTOMER_NAME, HISTORY_ANCHOR_MS, startSandbox } from '../../src/sandbox/index.js';
import type { OrderResource, Sandbox, SubscriptionResource } from '../../src/sandbox/index.js';
import { createRandom, deriveSeed } from '../../src/sandbox/random.js';
import { seedCustomers } from '../../src/sandbox/seed/customers.js';
import { get } from './helpers.js';
import type { WireAvailability, WireCollection, WireCustomer, WireSku } from './helpers.js';

let s: Sandbox;
let customers: WireCustomer[];
const subsOf = new Map<string, SubscriptionResource[]>();
beforeAll(async () => {
  s = await startSandbox({ seed: 1 });
  customers = (await get<WireCollection<WireCustomer>>(s, '/customers?size=500')).body.items;
  for (const c of customers) subsOf.set(c.id, (await get<WireCollection<SubscriptionResource>>(s, `/customers/${c.id}/subscriptions`)).body.items);
});
afterAll(() => s.close());

const bulk = () => customers.find((c) => c.companyProfile.companyName === BULK_CUSTOMER_NAME);
const generated = () => customers.filter((c) => c !== bulk());
const all = () => [...subsOf.values()].flat();

describe('seeded subscriptions', () => {
  it('gives every generated customer 2 to 8 new-commerce subscriptions bought before the anchor', () => {
    for (const c of generated()) {
      const subs = subsOf.get(c.id) ?? [];
      expect(subs.length).toBeGreaterThanOrEqual(2);
      expect(subs.length).toBeLessThanOrEqual(8);
      for (const x of subs) {
        expect(x.productType).toEqual({ id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' });
        expect(Date.parse(x.creationDate)).toBeLessThan(HISTORY_ANCHOR_MS);
        expect(x.links.self.uri).toBe(`/customers/${c.id}/subscriptions/${x.id}`);
      }
    }
  });

  it('buys from the commercial catalog of the customer\'s country, with a term it offers and seats in the SKU range', async () => {
    for (const c of generated().slice(0, 12)) {
      const country = (await get<WireCustomer>(s, `/customers/${c.id}`)).body.billingProfile?.defaultAddress.country;
      for (const x of subsOf.get(c.id) ?? []) {
        const availability = (await get<WireAvailability>(s, x.links.availability.uri)).body;
        expect([availability.catalogItemId, availability.country, availability.segment]).toEqual([x.offerId, country, 'commercial']);
        expect(availability.terms.some((t) => t.duration === x.termDuration && t.billingCycle.toLowerCase() === x.billingCycle)).toBe(true);
        const sku = (await get<WireSku>(s, x.links.sku.uri)).body;
        expect(x.quantity).toBeGreaterThanOrEqual(sku.minimumQuantity);
        expect(x.quantity).toBeLessThanOrEqual(sku.maximumQuantity);
        expect(sku.isTrial).toBe(false);
      }
    }
  });

  it('belongs to completed orders that resolve by id and are listed, with the subscription on their line items', async () => {
    for (const c of generated().slice(0, 15)) {
      const listed = (await get<WireCollection<OrderResource>>(s, `/customers/${c.id}/orders`)).body.items;
      for (const x of subsOf.get(c.id) ?? []) {
        const order = await get<OrderResource>(s, `/customers/${c.id}/orders/${x.orderId}`);
        expect([order.status, order.body.status]).toEqual([200, 'completed']);
        expect(order.body.lineItems.find((l) => l.subscriptionId === x.id)?.offerId).toBe(x.offerId);
        expect(Date.parse(order.body.creationDate)).toBe(Date.parse(x.creationDate));
        expect(listed.map((o) => o.id)).toContain(x.orderId);
      }
      const byDate = listed.map((o) => Date.parse(o.creationDate));
      expect(byDate).toEqual([...byDate].sort((a, b) => a - b));
    }
  });

  it('is mostly active and past its window, with some suspended, expired, cancelled and not renewing', () => {
    const subs = all().filter((x) => !(subsOf.get(bulk()?.id ?? '') ?? []).includes(x));
    const count = (status: string) => subs.filter((x) => x.status === status).length;
    expect(count('active')).toBeGreaterThan(subs.length / 2);
    for (const status of ['suspended', 'expired', 'deleted']) expect(count(status)).toBeGreaterThan(0);
    expect(count('active') + count('suspended') + count('expired') + count('deleted')).toBe(subs.length);
    expect(subs.filter((x) => Date.parse(x.cancellationAllowedUntilDate) < HISTORY_ANCHOR_MS).length).toBeGreaterThan(subs.length * 0.8);
    expect(subs.filter((x) => x.status === 'active' && !x.autoRenewEnabled).length).toBeGreaterThan(0);
    for (const x of subs.filter((y) => y.status === 'deleted' || y.status === 'expired')) expect(x.autoRenewEnabled).toBe(false);
    for (const x of subs.filter((y) => y.status === 'active')) expect(Date.parse(x.commitmentEndDate)).toBeGreaterThanOrEqual(HISTORY_ANCHOR_MS - 86_400_000);
  });
});

describe('Fabrikam Bulk Licensing', () => {
  it('is a US customer with exactly 50 active subscriptions of exactly 8 products', async () => {
    const c = bulk();
    expect(c?.companyProfile.domain).toBe('fabrikambulklicensing.onmicrosoft.com');
    expect((await get<WireCustomer>(s, `/customers/${c?.id ?? ''}`)).body.billingProfile?.defaultAddress.country).toBe('US');
    const subs = subsOf.get(c?.id ?? '') ?? [];
    expect(subs).toHaveLength(50);
    expect(subs.every((x) => x.status === 'active')).toBe(true);
    expect(new Set(subs.map((x) => x.offerId.split(':')[0])).size).toBe(8);
    expect(subs.every((x) => x.links.availability.uri.endsWith('?country=US'))).toBe(true);
  });

  it('is appended: the generated customers keep the ids and order of the customers stream', () => {
    const expected = seedCustomers(createRandom(deriveSeed(1, 'customers')));
    const sorted = [...expected].sort((a, b) => (a.companyProfile.companyName.toLowerCase() < b.companyProfile.companyName.toLowerCase() ? -1 : 1));
    expect(generated().map((c) => c.id)).toEqual(sorted.map((c) => c.id));
    expect(customers).toHaveLength(expected.length + 1);
  });
});

describe('determinism', () => {
  it('serves byte-identical history for a seed, and another history for another seed', async () => {
    const [twin, other] = await Promise.all([startSandbox({ seed: 1 }), startSandbox({ seed: 2 })]);
    try {
      for (const c of customers.slice(0, 10)) {
        const path = `/customers/${c.id}/subscriptions`;
        expect((await get(twin, path)).text).toBe((await get(s, path)).text);
        const orders = `/customers/${c.id}/orders`;
        expect((await get(twin, orders)).text).toBe((await get(s, orders)).text);
      }
      const otherIds = (await get<WireCollection<WireCustomer>>(other, '/customers?size=500')).body.items.map((c) => c.id);
      const otherSubs = (await get<WireCollection<SubscriptionResource>>(other, `/customers/${otherIds[0] ?? ''}/subscriptions`)).body.items;
      expect(otherSubs.map((x) => x.id).filter((id) => all().some((x) => x.id === id))).toEqual([]);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
});
