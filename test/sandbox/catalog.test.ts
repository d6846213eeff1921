import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { follow, get } from './helpers.js';
import type { WireAvailability, WireCollection, WireFault, WireProduct, WireSku } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const listProducts = (query: string) => get<WireCollection<WireProduct>>(sandbox, `/products?${query}`);

/** Every SKU and availability of every product in one market, by following the links. */
async function walkMarket(country: string) {
  const products = (await listProducts(`country=${country}&targetView=OnlineServices`)).body.items;
  const skus: WireSku[] = [];
  const availabilities: WireAvailability[] = [];
  for (const p of products) {
    const skuList = (await follow<WireCollection<WireSku>>(sandbox, p.links.skus)).body.items;
    skus.push(...skuList);
    for (const s of skuList) availabilities.push(...(await follow<WireCollection<WireAvailability>>(sandbox, s.links.availabilities)).body.items);
  }
  return { products, skus, availabilities };
}

describe('product list', () => {
  it('serves the new-commerce products in a collection envelope with relative links without /v1', async () => {
    const res = await listProducts('country=US&targetView=OnlineServices');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { body } = res;
    expect(body.items.length).toBeGreaterThanOrEqual(12);
    expect(body.totalCount).toBe(body.items.length);
    expect(body.attributes).toEqual({ objectType: 'Collection' });
    expect(body.links).toEqual({ self: { uri: '/products?country=US&targetView=OnlineServices', method: 'GET', headers: [] } });
    expect(body.continuationToken).toBeUndefined();
    for (const p of body.items) {
      expect(p.id).toMatch(/^CFQ7TTC0[0-9A-Z]{4}$/);
      expect(p.productType).toEqual({ id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' });
      expect(p.publisherName).toBe('Microsoft Corporation');
      expect(p.attributes).toBeUndefined();
      expect(p.links.skus).toEqual({ uri: `/products/${p.id}/skus?country=US`, method: 'GET', headers: [] });
      expect(p.links.self.uri).toBe(`/products/${p.id}?country=US`);
    }
    expect(body.items.find((p) => p.id === 'CFQ7TTC0LH18')?.title).toBe('Microsoft 365 Business Basic');
  });

  it('reads parameter names and enum values case-insensitively', async () => {
    const canonical = await listProducts('country=US&targetView=OnlineServices');
    const shouting = await listProducts('COUNTRY=us&TARGETVIEW=onlineservices');
    expect(shouting.status).toBe(200);
    expect(shouting.text).toBe(canonical.text);
  });

  it('narrows by targetSegment and refuses segments this partner cannot sell', async () => {
    const all = (await listProducts('country=US&targetView=OnlineServices')).body.items.map((p) => p.id);
    const edu = await listProducts('country=US&targetView=OnlineServices&targetSegment=EDUCATION');
    expect(edu.status).toBe(200);
    expect(edu.body.links.self.uri).toBe('/products?country=US&targetView=OnlineServices&targetSegment=education');
    const eduIds = edu.body.items.map((p) => p.id);
    expect(eduIds.length).toBeGreaterThan(0);
    expect(eduIds.length).toBeLessThan(all.length);
    expect(all).toEqual(expect.arrayContaining(eduIds));

    const gov = await get<WireFault>(sandbox, '/products?country=US&targetView=OnlineServices&targetSegment=government');
    expect(gov.status).toBe(403);
    expect(gov.body).toEqual({ code: 400030, description: 'Access to the requested targetSegment is not allowed', data: [], source: 'PartnerFD' });
  });

  it('returns an empty collection for another valid view and 400 for an unknown one', async () => {
    const software = await listProducts('country=US&targetView=Software');
    expect(software.status).toBe(200);
    expect(software.body.items).toEqual([]);
    expect(software.body.totalCount).toBe(0);
    const bogus = await get<WireFault>(sandbox, '/products?country=US&targetView=Bogus');
    expect(bogus.status).toBe(400);
    expect(bogus.body.code).toBe(800002);
  });

  it.each([
    ['targetView=OnlineServices', 400, 800002, /country/],
    ['country=USA&targetView=OnlineServices', 400, 800002, /country/],
    ['country=1S&targetView=OnlineServices', 400, 800002, /country/],
    ['country=JP&targetView=OnlineServices', 400, 800070, /country/],
    ['country=US', 400, 800002, /targetView/],
  ])('refuses %s with %i / %i', async (query, status, code, mentions) => {
    const res = await get<WireFault>(sandbox, `/products?${query}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({ code, data: [], source: 'PartnerFD' });
    expect(res.body.description).toMatch(mentions);
  });
});

describe('SKUs and availabilities', () => {
  it('serves the documented Business Basic SKU and availability with their quirks', async () => {
    const sku = await get<WireSku>(sandbox, '/products/CFQ7TTC0LH18/skus/0001?country=US');
    expect(sku.status).toBe(200);
    expect(sku.body).toMatchObject({
      id: '0001', productId: 'CFQ7TTC0LH18', minimumQuantity: 1, maximumQuantity: 300, isTrial: false,
      supportedBillingCycles: ['annual', 'monthly'], purchasePrerequisites: ['MicrosoftCloudAgreement'],
      inventoryVariables: [], provisioningVariables: [], actions: ['Refund'],
    });
    expect(Object.keys(sku.body.dynamicAttributes).sort()).toEqual(
      ['hasConstraints', 'internal', 'isAddon', 'isMicrosoftProduct', 'isSoftwareAssuranceApplicable', 'prerequisiteSkus', 'provisioningId', 'upgradeTargetOffers'],
    );
    expect(sku.body.links.availabilities.uri).toBe('/products/CFQ7TTC0LH18/skus/0001/availabilities?country=US');

    const list = await follow<WireCollection<WireAvailability>>(sandbox, sku.body.links.availabilities);
    expect(list.body.links.self.uri).toBe('/products/CFQ7TTC0LH18/skus/0001/availabilities?country=US');
    const a = list.body.items.find((x) => x.segment === 'commercial');
    expect(a?.id).toBe('CFQ7TTC0K971');
    expect(a?.catalogItemId).toBe('CFQ7TTC0LH18:0001:CFQ7TTC0K971');
    expect(a?.defaultCurrency).toEqual({ code: 'USD', symbol: '$' });
    expect(a?.terms.map((t) => `${t.duration}/${t.billingCycle}`)).toEqual(['P1M/Monthly', 'P1Y/Monthly', 'P1Y/Annual']);
    for (const t of a?.terms ?? []) {
      expect(t.id).toMatch(/^[a-z0-9]{12}$/);
      expect(t.cancellationPolicies).toEqual([{ refundOptions: [{ sequenceId: 0, type: 'Full', expiresAfter: 'P1D' }] }]);
    }
    const self = await follow<WireAvailability>(sandbox, a?.links.self ?? { uri: '/missing', method: 'GET', headers: [] });
    expect(self.status).toBe(200);
    expect(self.body).toEqual(a);
  });

  it('keeps term billing cycles PascalCase and SKU billing cycles lower case across the catalog', async () => {
    const { skus, availabilities } = await walkMarket('US');
    expect(skus.length).toBeGreaterThan(20);
    for (const s of skus) {
      expect(s.supportedBillingCycles.length).toBeGreaterThan(0);
      for (const c of s.supportedBillingCycles) expect(['annual', 'monthly', 'triennial', 'none']).toContain(c);
    }
    const cycles = new Set(availabilities.flatMap((a) => a.terms.map((t) => t.billingCycle)));
    expect([...cycles].sort()).toEqual(['Annual', 'Monthly', 'None', 'Triennial']);
    for (const a of availabilities) {
      expect(a.id).toMatch(/^[0-9A-Z]{12}$/);
      expect(a.catalogItemId).toBe(`${a.productId}:${a.skuId}:${a.id}`);
      expect(a.country).toBe('US');
      expect(a.defaultCurrency).toEqual({ code: 'USD', symbol: '$' });
    }
    expect(new Set(availabilities.map((a) => a.id)).size).toBe(availabilities.length);
  });

  it('models trials, add-ons and a non-purchasable availability', async () => {
    const us = await walkMarket('US');
    const de = await walkMarket('DE');
    const trial = us.skus.find((s) => s.isTrial);
    expect(trial?.supportedBillingCycles).toEqual(['none']);
    expect(trial?.minimumQuantity).toBe(trial?.maximumQuantity);
    const trialTerms = us.availabilities.filter((a) => a.productId === trial?.productId && a.skuId === trial.id).flatMap((a) => a.terms);
    expect(trialTerms.map((t) => `${t.duration}/${t.billingCycle}`)).toEqual(['P1M/None']);

    const addon = us.skus.find((s) => s.dynamicAttributes.isAddon);
    expect(addon?.dynamicAttributes.prerequisiteSkus.length).toBeGreaterThan(0);
    for (const prerequisite of addon?.dynamicAttributes.prerequisiteSkus ?? []) {
      const [productId, skuId] = prerequisite.split(':');
      expect((await get(sandbox, `/products/${productId}/skus/${skuId}?country=US`)).status).toBe(200);
    }
    const closed = [...us.availabilities, ...de.availabilities].filter((a) => !a.isPurchasable);
    expect(closed.length).toBeGreaterThan(0);
  });

  it('serves each market in its currency with market-specific SKUs', async () => {
    const de = await walkMarket('DE');
    for (const a of de.availabilities) expect(a.defaultCurrency).toEqual({ code: 'EUR', symbol: '€' });
    const noTeams = de.skus.filter((s) => s.title.includes('(no Teams)'));
    expect(noTeams.length).toBeGreaterThan(0);
    const first = noTeams[0];
    const inUs = await get<WireFault>(sandbox, `/products/${first?.productId}/skus/${first?.id}?country=US`);
    expect(inUs.status).toBe(404);
    expect(inUs.body.code).toBe(400018);
    const lower = await get<WireCollection<WireSku>>(sandbox, '/products/cfq7ttc0lh18/skus?country=de');
    expect(lower.body.items[0]?.links.self.uri).toBe('/products/CFQ7TTC0LH18/skus/0001?country=DE');
  });

  it('filters SKUs and availabilities by segment', async () => {
    const all = await get<WireCollection<WireSku>>(sandbox, '/products/CFQ7TTC0LF8Q/skus?country=US');
    const edu = await get<WireCollection<WireSku>>(sandbox, '/products/CFQ7TTC0LF8Q/skus?country=US&targetSegment=education');
    expect(edu.body.items.length).toBeGreaterThan(0);
    expect(edu.body.items.length).toBeLessThan(all.body.items.length);
    for (const s of edu.body.items) {
      const list = await get<WireCollection<WireAvailability>>(sandbox, `/products/${s.productId}/skus/${s.id}/availabilities?country=US&targetSegment=education`);
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const a of list.body.items) expect(a.segment).toBe('education');
    }
  });

  it('answers unknown ids with the documented codes', async () => {
    const cases: Array<[string, number, number]> = [
      ['/products/CFQ7TTC0ZZZZ?country=US', 404, 400013],
      ['/products/CFQ7TTC0ZZZZ/skus?country=US', 404, 400013],
      ['/products/CFQ7TTC0LH18/skus/9999?country=US', 404, 400018],
      ['/products/CFQ7TTC0LH18/skus/0001/availabilities/CFQ7TTC0ZZZZ?country=US', 404, 1000],
      ['/products/CFQ7TTC0LH18/skus/0002/availabilities/CFQ7TTC0K971', 404, 1000],
      ['/products/CFQ7TTC0LH18?country=U', 400, 800002],
      ['/no/such/thing', 404, 1000],
    ];
    for (const [path, status, code] of cases) {
      const res = await get<WireFault>(sandbox, path);
      expect({ path, status: res.status, code: res.body.code, source: res.body.source }).toEqual({ path, status, code, source: 'PartnerFD' });
    }
  });
});
