import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { get } from './helpers.js';
import type { WireAvailability, WireCollection, WireCustomer } from './helpers.js';

let a: Sandbox;
let b: Sandbox;
let other: Sandbox;
beforeAll(async () => {
  [a, b, other] = await Promise.all([startSandbox({ seed: 7 }), startSandbox({ seed: 7 }), startSandbox({ seed: 8 })]);
});
afterAll(() => Promise.all([a.close(), b.close(), other.close()]));

const PATHS = [
  '/products?country=US&targetView=OnlineServices',
  '/products/CFQ7TTC0LFLZ/skus?country=DE',
  '/products/CFQ7TTC0LFLZ/skus/0001/availabilities?country=FR',
  '/products/CFQ7TTC0LH18/skus/0003/availabilities?country=US',
  '/customers?size=40',
  '/customers?size=500',
  '/invoices',
];

describe('seeded data', () => {
  it('is byte-identical for the same seed', async () => {
    for (const path of PATHS) {
      const [x, y] = await Promise.all([get(a, path), get(b, path)]);
      expect(x.status).toBe(200);
      expect({ path, text: y.text }).toEqual({ path, text: x.text });
    }
    const first = (await get<WireCollection<WireCustomer>>(a, '/customers?size=1')).body.items[0]?.id ?? '';
    expect((await get(b, `/customers/${first}`)).text).toBe((await get(a, `/customers/${first}`)).text);
    const invoice = (await get<WireCollection<{ id: string }>>(a, '/invoices?size=1')).body.items[0]?.id ?? '';
    const lines = `/invoices/${invoice}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=500`;
    const [x, y] = await Promise.all([get<{ items: unknown[] }>(a, lines), get(b, lines)]);
    expect(x.body.items.length).toBeGreaterThan(0);
    expect(y.text).toBe(x.text);
  });

  it('differs for another seed, except the ids the docs pin', async () => {
    const ids = async (s: Sandbox) => (await get<WireCollection<WireCustomer>>(s, '/customers?size=500')).body.items.map((c) => c.id);
    const mine = await ids(a);
    const theirs = await ids(other);
    expect(theirs).toHaveLength(mine.length);
    expect(theirs.filter((id) => mine.includes(id))).toEqual([]);

    const availability = async (s: Sandbox, path: string) => (await get<WireCollection<WireAvailability>>(s, path)).body.items[0];
    const deA = await availability(a, '/products/CFQ7TTC0LFLZ/skus/0001/availabilities?country=DE');
    const deOther = await availability(other, '/products/CFQ7TTC0LFLZ/skus/0001/availabilities?country=DE');
    expect(deOther?.terms.map((t) => t.id)).not.toEqual(deA?.terms.map((t) => t.id));
    const documented = '/products/CFQ7TTC0LH18/skus/0001/availabilities?country=US';
    expect((await availability(other, documented))?.id).toBe((await availability(a, documented))?.id);
  });
});
