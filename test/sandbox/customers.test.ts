import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { follow, get } from './helpers.js';
import type { Fetched, WireCollection, WireCustomer, WireFault } from './helpers.js';

type Page = WireCollection<WireCustomer>;

let sandbox: Sandbox;
let everyone: WireCustomer[];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  everyone = (await get<Page>(sandbox, '/customers?size=500')).body.items;
});
afterAll(() => sandbox.close());

/** Walks a seek collection by following links.next (uri and headers), like the .NET SDK. */
async function walk(first: string): Promise<Fetched<Page>[]> {
  const pages = [await get<Page>(sandbox, first)];
  for (let next = pages[0]?.body.links.next; next; next = pages[pages.length - 1]?.body.links.next) {
    if (pages.length > 100) throw new Error('paging does not end');
    pages.push(await follow<Page>(sandbox, next));
  }
  return pages;
}

const filterParam = (filter: object) => encodeURIComponent(JSON.stringify(filter));

describe('customer list', () => {
  it('holds enough customers for paging to matter, in list-item shape', () => {
    expect(everyone.length).toBeGreaterThanOrEqual(30);
    for (const c of everyone) {
      expect(Object.keys(c).sort()).toEqual(['attributes', 'companyProfile', 'id', 'relationshipToPartner']);
      expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(c.companyProfile.tenantId).toBe(c.id);
      expect(c.companyProfile.domain).toMatch(/^[a-z0-9]+\.onmicrosoft\.com$/);
      expect(c.relationshipToPartner).toBe('reseller');
      expect(c.attributes).toEqual({ objectType: 'Customer' });
    }
  });

  it('walks every customer exactly once with size=7 by following links.next', async () => {
    const pages = await walk('/customers?size=7');
    expect(pages.length).toBe(Math.ceil(everyone.length / 7));
    const seen = pages.flatMap((p) => p.body.items.map((c) => c.id));
    expect(seen).toEqual(everyone.map((c) => c.id));
    expect(new Set(seen).size).toBe(everyone.length);
    for (const [i, page] of pages.entries()) {
      expect(page.status).toBe(200);
      expect(page.body.totalCount).toBe(page.body.items.length);
      const next = page.body.links.next;
      if (i < pages.length - 1) {
        expect(page.body.items).toHaveLength(7);
        expect(next?.uri).toBe('/customers?size=7&seekOperation=Next');
        expect(next?.headers).toEqual([{ key: 'MS-ContinuationToken', value: page.body.continuationToken }]);
      } else {
        expect(next).toBeUndefined();
        expect(page.body.continuationToken).toBeUndefined();
      }
    }
  });

  it('lets the next request choose the next page size', async () => {
    const first = await get<Page>(sandbox, '/customers?size=7');
    const token = first.body.continuationToken ?? '';
    const next = await get<Page>(sandbox, '/customers?size=20&seekoperation=next', { 'MS-ContinuationToken': token });
    expect(next.status).toBe(200);
    expect(next.body.items.map((c) => c.id)).toEqual(everyone.slice(7, 27).map((c) => c.id));
  });

  it.each(['', '?size=0'])('defaults to 40 a page (%s)', async (query) => {
    const page = await get<Page>(sandbox, `/customers${query}`);
    expect(page.body.items).toHaveLength(Math.min(40, everyone.length));
    expect(page.body.links.next?.uri).toBe('/customers?size=40&seekOperation=Next');
  });

  it.each(['abc', '-1', '501', '1.5'])('refuses size=%s', async (size) => {
    const res = await get<WireFault>(sandbox, `/customers?size=${size}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(800002);
  });

  it('filters by company-name prefix case-insensitively and keeps the filter while paging', async () => {
    const prefix = (everyone[0]?.companyProfile.companyName ?? '').slice(0, 4);
    const expected = everyone.filter((c) => c.companyProfile.companyName.toLowerCase().startsWith(prefix.toLowerCase()));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(everyone.length);
    const filter = { Field: 'CompanyName', Value: prefix.toUpperCase(), Operator: 'starts_with' };
    const pages = await walk(`/customers?size=1&filter=${filterParam(filter)}`);
    expect(pages.flatMap((p) => p.body.items.map((c) => c.id))).toEqual(expected.map((c) => c.id));
    if (pages.length > 1) expect(pages[0]?.body.links.next?.uri).toContain(`filter=${filterParam(filter)}`);
  });

  it('matches starts_with at the start of the name only', async () => {
    const word = everyone.map((c) => c.companyProfile.companyName.split(' ')[1] ?? '').find((w) => w.length > 3) ?? '';
    const contains = everyone.filter((c) => c.companyProfile.companyName.toLowerCase().includes(word.toLowerCase()));
    const starts = everyone.filter((c) => c.companyProfile.companyName.toLowerCase().startsWith(word.toLowerCase()));
    expect(contains.length).toBeGreaterThan(starts.length);
    const res = await get<Page>(sandbox, `/customers?size=500&filter=${filterParam({ Field: 'CompanyName', Value: word, Operator: 'starts_with' })}`);
    expect(res.body.items.map((c) => c.id)).toEqual(starts.map((c) => c.id));
  });

  it('filters by domain with equals, and reads filter property names in any case', async () => {
    const target = everyone[everyone.length - 1];
    const res = await get<Page>(sandbox, `/customers?filter=${filterParam({ field: 'domain', value: target?.companyProfile.domain, operator: 'EQUALS' })}`);
    expect(res.body.items.map((c) => c.id)).toEqual([target?.id]);
  });

  it('refuses other operators and malformed filters', async () => {
    const op = await get<WireFault>(sandbox, `/customers?filter=${filterParam({ Field: 'CompanyName', Value: 'a', Operator: 'contains' })}`);
    expect([op.status, op.body.code]).toEqual([400, 2000]);
    expect(op.body.description).toBe('Customer search only allows starts with and equals operation.');
    const bad = await get<WireFault>(sandbox, '/customers?filter=%7Bnot-json');
    expect([bad.status, bad.body.code]).toEqual([400, 800002]);
  });

  it('refuses forged, missing and mismatched continuation tokens', async () => {
    const first = await get<Page>(sandbox, '/customers?size=5');
    const token = first.body.continuationToken ?? '';
    const [body, mac] = token.split('.');
    const tampered = `${Buffer.from(Buffer.from(body ?? '', 'base64url').toString('utf8').replace('"after"', '"after" ')).toString('base64url')}.${mac}`;
    const attempts: Record<string, string>[] = [
      { 'MS-ContinuationToken': tampered },
      { 'MS-ContinuationToken': `${body}.${'A'.repeat(mac?.length ?? 10)}` },
      { 'MS-ContinuationToken': 'not-a-token' },
      {},
    ];
    for (const headers of attempts) {
      const res = await get<WireFault>(sandbox, '/customers?size=5&seekOperation=Next', headers);
      expect([res.status, res.body.code]).toEqual([400, 800002]);
    }
    const mismatch = await get<WireFault>(sandbox, `/customers?size=5&seekOperation=Next&filter=${filterParam({ Field: 'Domain', Value: 'x', Operator: 'starts_with' })}`, { 'MS-ContinuationToken': token });
    expect(mismatch.status).toBe(400);
    const genuine = await get<Page>(sandbox, '/customers?size=5&seekOperation=Next', { 'MS-ContinuationToken': token });
    expect(genuine.body.items.map((c) => c.id)).toEqual(everyone.slice(5, 10).map((c) => c.id));
  });
});

describe('customer by id', () => {
  it('returns the full customer, with a billing country', async () => {
    const id = everyone[3]?.id ?? '';
    const res = await get<WireCustomer & { billingProfile: { defaultAddress: { country: string } }; commerceId: string; links: { self: { uri: string } } }>(sandbox, `/customers/${id.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
    expect(['US', 'DE', 'FR']).toContain(res.body.billingProfile.defaultAddress.country);
    expect(res.body.commerceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.links.self.uri).toBe(`/customers/${id}`);
  });

  it('spreads customers over every seeded market', async () => {
    const countries = new Set<string>();
    for (const c of everyone) countries.add((await get<WireCustomer>(sandbox, `/customers/${c.id}`)).body.billingProfile?.defaultAddress.country ?? '');
    expect([...countries].sort()).toEqual(['DE', 'FR', 'US']);
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'not-a-guid'])('answers 404 for %s', async (id) => {
    const res = await get<WireFault>(sandbox, `/customers/${id}`);
    expect([res.status, res.body.code, res.body.source]).toEqual([404, 1000, 'PartnerFD']);
  });
});
