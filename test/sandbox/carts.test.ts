import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CartResource, Sandbox } from '../../src/sandbox/index.js';
import { BASIC_US, ENTRA_US, TestClock, cartPath, catalogItemOf, checkoutPath, customerIn, line, sandboxPool, send } from './commerce-helpers.js';
import { follow, get } from './helpers.js';
import type { WireFault } from './helpers.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = 86_400_000;

const pool = sandboxPool();
const clock = new TestClock();
let s: Sandbox;
let us: string;
let de: string;
let us2: string;
beforeAll(async () => {
  s = await pool.start({ clock });
  us = await customerIn(s, 'US');
  de = await customerIn(s, 'DE');
  const all = (await get<{ items: { id: string }[] }>(s, '/customers?size=500')).body.items.map((c) => c.id);
  us2 = all.find((id) => id !== us && id !== de) ?? '';
});
afterAll(() => pool.closeAll());

const createCart = (customerId: string, body: unknown, headers: Record<string, string> = {}) =>
  send<CartResource>(s, 'POST', cartPath(customerId), body, headers);

describe('create and get a cart', () => {
  it('fills in the service-set fields, as in sample §6.4', async () => {
    const created = await createCart(us, { lineItems: [line(BASIC_US, 'monthly', 'P1M', 2), line(ENTRA_US, 'monthly', 'P1Y', 3)] });
    expect(created.status).toBe(201);
    const cart = created.body;
    expect(cart.id).toMatch(GUID);
    expect(Date.parse(cart.creationTimestamp)).toBe(clock.ms);
    expect(cart.creationTimestamp).toMatch(/\.\d{7}Z$/);
    expect(cart.lastModifiedTimestamp).toBe(cart.creationTimestamp);
    expect(Date.parse(cart.expirationTimestamp) - clock.ms).toBe(7 * DAY);
    expect(cart.lastModifiedUser).toMatch(GUID);
    expect(cart.status).toBe('Active');
    expect(cart.lineItems).toEqual([
      { id: 0, catalogItemId: BASIC_US, quantity: 2, currencyCode: 'USD', billingCycle: 'monthly', termDuration: 'P1M', provisioningContext: {}, orderGroup: '0' },
      { id: 1, catalogItemId: ENTRA_US, quantity: 3, currencyCode: 'USD', billingCycle: 'monthly', termDuration: 'P1Y', provisioningContext: {}, orderGroup: '0' },
    ]);
    expect(cart.links.self).toEqual({ uri: `/customers/${us}/carts/${cart.id}`, method: 'GET', headers: [] });
    expect(cart.attributes).toEqual({ objectType: 'Cart' });

    const read = await follow<CartResource>(s, cart.links.self);
    expect(read.status).toBe(200);
    expect(read.text).toBe(created.text);
    expect(s.state().carts(us).map((c) => c.id)).toContain(cart.id);
  });

  it('reads PascalCase bodies and billing cycles in any casing, and writes them lower snake case', async () => {
    const triennial = await catalogItemOf(s, 'CFQ7TTC0LF8Q', '0001', 'US');
    const res = await createCart(us, {
      LineItems: [
        { Id: 0, CatalogItemId: BASIC_US, Quantity: 4, BillingCycle: 'Monthly', TermDuration: 'p1m', FriendlyName: 'Front desk', PromotionId: null },
        { Id: 1, CatalogItemId: ENTRA_US, Quantity: 1, BillingCycle: 'ANNUAL', TermDuration: 'P1Y' },
        { ID: 2, catalogitemid: triennial, QUANTITY: 1, billingcycle: 'Triennial', termduration: 'P3Y' },
        { Id: 3, CatalogItemId: BASIC_US, Quantity: 1, BillingCycle: 'OneTime', TermDuration: 'P1M' },
        { Id: 4, CatalogItemId: BASIC_US, Quantity: 1, BillingCycle: 'one_time', TermDuration: 'P1M' },
      ],
    });
    expect(res.status).toBe(201);
    const items = res.body.lineItems;
    expect(items.map((l) => l.billingCycle)).toEqual(['monthly', 'annual', 'triennial', 'one_time', 'one_time']);
    expect(items.map((l) => l.termDuration)).toEqual(['P1M', 'P1Y', 'P3Y', 'P1M', 'P1M']);
    expect(items[0]?.friendlyName).toBe('Front desk');
    expect(items[0]).not.toHaveProperty('promotionId');
    expect(items.slice(0, 3).map((l) => l.error)).toEqual([undefined, undefined, undefined]);
    // Business Basic has no one-time term: the casing was understood, the term refused.
    expect(items.slice(3).map((l) => l.error?.errorCode)).toEqual([10010, 10010]);
  });

  it('groups line items by billing cycle, numbered in order of first appearance', async () => {
    const triennial = await catalogItemOf(s, 'CFQ7TTC0LF8Q', '0001', 'US');
    const res = await createCart(us, {
      lineItems: [
        line(ENTRA_US, 'annual', 'P1Y'),
        line(BASIC_US, 'monthly', 'P1M'),
        line(BASIC_US, 'annual', 'P1Y'),
        line(triennial, 'triennial', 'P3Y'),
        line(ENTRA_US, 'monthly', 'P1Y'),
      ],
    });
    expect(res.body.lineItems.map((l) => l.orderGroup)).toEqual(['0', '1', '0', '2', '1']);
  });

  it('keeps the ids the caller sends and refuses duplicates', async () => {
    const kept = await createCart(us, { lineItems: [line(BASIC_US, 'monthly', 'P1M', 1, { id: 7 }), line(ENTRA_US, 'monthly', 'P1Y', 1, { id: 3 })] });
    expect(kept.body.lineItems.map((l) => l.id)).toEqual([7, 3]);
    const twice = await createCart(us, { lineItems: [line(BASIC_US, 'monthly', 'P1M', 1, { id: 1 }), line(ENTRA_US, 'monthly', 'P1Y', 1, { id: 1 })] });
    expect(twice.status).toBe(400);
    expect((twice.body as unknown as WireFault).description).toMatch(/unique/);
  });
});

describe('line-item validation', () => {
  it('creates the cart and reports each refused line item with its CartErrorCode', async () => {
    const inGermany = await catalogItemOf(s, 'CFQ7TTC0LH18', '0001', 'DE');
    const trial = await catalogItemOf(s, 'CFQ7TTC0LH18', '0003', 'US');
    const res = await createCart(us, {
      lineItems: [
        line(BASIC_US, 'monthly', 'P1M', 5),
        line('CFQ7TTC0XXXX:0001:CFQ7TTC0YYYY', 'monthly', 'P1M'),
        line(inGermany, 'monthly', 'P1M'),
        line(BASIC_US, 'monthly', 'P1M', 301),
        line(BASIC_US, 'monthly', 'P3Y'),
        line(BASIC_US, 'annual', 'P1M'),
        { ...line(BASIC_US, 'monthly', 'P1M'), currencyCode: 'EUR' },
        line(trial, 'none', 'P1M', 1),
        line(trial, 'none', 'P1M', 25),
      ],
    });
    expect(res.status).toBe(201);
    const errors = res.body.lineItems.map((l) => l.error?.errorCode ?? null);
    expect(errors).toEqual([null, 10001, 10001, 10010, 10010, 10010, 10000, 10010, null]);
    const described = res.body.lineItems.map((l) => l.error?.errorDescription ?? '');
    expect(described[3]).toMatch(/Quantity 301 .* 1 to 300/);
    expect(described[4]).toMatch(/P3Y .* monthly/);
    expect(described[5]).toMatch(/P1M .* annual/);
    expect(described[7]).toMatch(/Quantity 1 .* 25 to 25/);
    expect(res.body.lineItems.every((l) => l.currencyCode === 'USD')).toBe(true);
    const stored = s.state().carts(us).find((c) => c.id === res.body.id);
    expect(stored?.lineItems.filter((l) => l.error !== undefined)).toHaveLength(7);
  });

  it('refuses an availability that is not purchasable with 10003, and prices in the market currency', async () => {
    const project = await catalogItemOf(s, 'CFQ7TTC0HDB1', '0001', 'DE');
    const basic = await catalogItemOf(s, 'CFQ7TTC0LH18', '0001', 'DE');
    const res = await createCart(de, { lineItems: [line(project, 'monthly', 'P1M'), line(basic, 'monthly', 'P1M')] });
    expect(res.status).toBe(201);
    expect(res.body.lineItems.map((l) => [l.error?.errorCode ?? null, l.currencyCode])).toEqual([[10003, 'EUR'], [null, 'EUR']]);
  });

  it.each([
    ['a body that is not JSON', '{"lineItems": [', /JSON/],
    ['a body that is not an object', '"success"', /cart object/],
    ['no lineItems', { PartnerOnRecordAttestationAccepted: true }, /lineItems is required/],
    ['lineItems that is not an array', { lineItems: 'all of them' }, /array/],
    ['no line items', { lineItems: [] }, /at least one/],
    ['51 line items', { lineItems: Array.from({ length: 51 }, () => line(BASIC_US, 'monthly', 'P1M')) }, /at most 50/],
    ['a line item without catalogItemId', { lineItems: [{ quantity: 1, billingCycle: 'monthly' }] }, /lineItems\[0\]\.catalogItemId/],
    ['a line item without quantity', { lineItems: [{ catalogItemId: BASIC_US, billingCycle: 'monthly' }] }, /lineItems\[0\]\.quantity is required/],
    ['a line item without billingCycle', { lineItems: [{ catalogItemId: BASIC_US, quantity: 1 }] }, /lineItems\[0\]\.billingCycle is required/],
    ['quantity 0', { lineItems: [line(BASIC_US, 'monthly', 'P1M'), line(BASIC_US, 'monthly', 'P1M', 0)] }, /lineItems\[1\]\.quantity must be a positive integer/],
    ['a fractional quantity', { lineItems: [line(BASIC_US, 'monthly', 'P1M', 1.5)] }, /positive integer/],
    ['a quantity as a string', { lineItems: [{ ...line(BASIC_US, 'monthly', 'P1M'), quantity: '2' }] }, /positive integer/],
    ['an unknown billing cycle', { lineItems: [line(BASIC_US, 'weekly', 'P1M')] }, /weekly/],
  ])('refuses %s with 400 800002 and stores nothing', async (_name, body, mentions) => {
    const before = s.state().carts(us2).length;
    const res = await send<WireFault>(s, 'POST', cartPath(us2), body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 800002, source: 'PartnerFD' });
    expect(res.body.description).toMatch(/^Invalid request input/);
    expect(res.body.description).toMatch(mentions);
    expect(s.state().carts(us2)).toHaveLength(before);
  });
});

describe('not found', () => {
  it('answers an unknown customer with 404 1000, as the customers route does', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    const created = await createCart(nobody, { lineItems: [line(BASIC_US, 'monthly', 'P1M')] });
    const customer = await get<WireFault>(s, `/customers/${nobody}`);
    expect([created.status, (created.body as unknown as WireFault).code]).toEqual([404, customer.body.code]);
    expect(customer.body.code).toBe(1000);
  });

  it("answers an unknown cart and another customer's cart with 404 800008", async () => {
    const mine = await createCart(us, { lineItems: [line(BASIC_US, 'monthly', 'P1M')] });
    for (const path of [cartPath(us, '11111111-2222-4333-8444-555555555555'), cartPath(us2, mine.body.id)]) {
      for (const res of [await get<WireFault>(s, path), await send<WireFault>(s, 'PUT', path, { lineItems: [line(BASIC_US, 'monthly', 'P1M')] })]) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 800008, description: 'Unable to retrieve cart ID' });
      }
    }
    expect((await get(s, cartPath(us, mine.body.id.toUpperCase()))).status).toBe(200);
  });
});

describe('update a cart', () => {
  it('replaces the line items and keeps the identity and creation time', async () => {
    const created = await createCart(us, { lineItems: [line(BASIC_US, 'monthly', 'P1M', 2), line(ENTRA_US, 'annual', 'P1Y', 3)] });
    clock.advance(60_000);
    const fetched = (await get<CartResource>(s, cartPath(us, created.body.id))).body;
    const body = { ...fetched, LineItems: [{ Id: 0, CatalogItemId: ENTRA_US, Quantity: 9, BillingCycle: 'Monthly', TermDuration: 'P1Y' }] };
    delete (body as Partial<CartResource>).lineItems;
    const put = await send<CartResource>(s, 'PUT', cartPath(us, created.body.id), body);
    // 200, not the docs sample's 201 (reference §8 point 3).
    expect(put.status).toBe(200);
    expect(put.body.id).toBe(created.body.id);
    expect(put.body.creationTimestamp).toBe(created.body.creationTimestamp);
    expect(Date.parse(put.body.lastModifiedTimestamp)).toBe(clock.ms);
    expect(put.body.lineItems).toEqual([
      { id: 0, catalogItemId: ENTRA_US, quantity: 9, currencyCode: 'USD', billingCycle: 'monthly', termDuration: 'P1Y', provisioningContext: {}, orderGroup: '0' },
    ]);
    expect((await get(s, cartPath(us, created.body.id))).text).toBe(put.text);

    const refused = await send<WireFault>(s, 'PUT', cartPath(us, created.body.id), { lineItems: [] });
    expect([refused.status, refused.body.code]).toEqual([400, 800002]);
    expect((await get(s, cartPath(us, created.body.id))).text).toBe(put.text);
  });

  it('refuses a cart that has been ordered with 800065', async () => {
    const created = await createCart(us, { lineItems: [line(BASIC_US, 'monthly', 'P1M')] });
    expect((await send(s, 'POST', checkoutPath(us, created.body.id))).status).toBe(201);
    const put = await send<WireFault>(s, 'PUT', cartPath(us, created.body.id), { lineItems: [line(BASIC_US, 'monthly', 'P1M', 5)] });
    expect(put.status).toBe(400);
    expect(put.body.code).toBe(800065);
    expect(put.body.description).toContain(created.body.id);
    expect(put.body.description).toMatch(/already submitted/);
    expect((await get<CartResource>(s, cartPath(us, created.body.id))).body.lineItems[0]?.quantity).toBe(1);
  });

  it('refuses to update or check out an expired cart with 800002, but still serves it', async () => {
    const created = await createCart(us, { lineItems: [line(BASIC_US, 'monthly', 'P1M')] });
    const ordersBefore = s.state().orders(us).length;
    clock.advance(7 * DAY);
    // At the expiration timestamp itself the cart is still usable.
    const lastMoment = await send<CartResource>(s, 'PUT', cartPath(us, created.body.id), { lineItems: [line(BASIC_US, 'monthly', 'P1M', 2)] });
    expect(lastMoment.status).toBe(200);
    clock.advance(1);
    const put = await send<WireFault>(s, 'PUT', cartPath(us, created.body.id), { lineItems: [line(BASIC_US, 'monthly', 'P1M', 3)] });
    const checkout = await send<WireFault>(s, 'POST', checkoutPath(us, created.body.id));
    for (const res of [put, checkout]) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 800002, description: 'The cart has expired.' });
    }
    expect(s.state().orders(us)).toHaveLength(ordersBefore);
    expect((await get<CartResource>(s, cartPath(us, created.body.id))).body.lineItems[0]?.quantity).toBe(2);
  });
});
