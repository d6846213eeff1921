// Representations become the same loader keys the schema's own lookups use, or undefined (and no
// upstream call) when they cannot name an object.
import { describe, expect, it } from 'vitest';
import { entityKey } from '../../src/schema/federation/representation.js';

const GUID = '3D5A8E2B-1C4F-4B6A-9E7D-0F1A2B3C4D5E';
const guid = GUID.toLowerCase();

describe('entity representations', () => {
  it('normalise GUIDs to lower case and countries to upper case, as the loaders key them', () => {
    expect(entityKey.Customer({ customerId: GUID })).toBe(guid);
    expect(entityKey.Product({ productId: 'CFQ7TTC0LH18', country: 'us' })).toBe('CFQ7TTC0LH18:US');
    expect(entityKey.Sku({ productId: 'CFQ7TTC0LH18', skuId: '0001', country: 'US' })).toBe('CFQ7TTC0LH18:0001:US');
    expect(entityKey.Availability({ catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971', country: 'de' })).toBe('CFQ7TTC0LH18:0001:CFQ7TTC0K971:DE');
    expect(entityKey.Cart({ customerId: GUID, cartId: GUID })).toBe(`${guid}:${guid}`);
    expect(entityKey.Order({ customerId: GUID, orderId: 'a1b2c3d4e5f6' })).toBe(`${guid}:a1b2c3d4e5f6`);
    expect(entityKey.CustomerSubscription({ customerId: GUID, subscriptionId: GUID })).toBe(`${guid}:${guid}`);
    expect(entityKey.Invoice({ invoiceId: 'G000773581' })).toBe('G000773581');
  });

  it.each([
    ['Customer', { customerId: 'not-a-guid' }],
    ['Customer', { customerId: 42 }],
    ['Customer', {}],
    ['Product', { productId: 'CFQ7TTC0LH18', country: 'USA' }],
    ['Product', { productId: 'CFQ7:TTC0', country: 'US' }],
    ['Sku', { productId: 'CFQ7TTC0LH18', country: 'US' }],
    ['Availability', { catalogItemId: 'CFQ7TTC0LH18:0001', country: 'US' }],
    ['Availability', { catalogItemId: 'CFQ7TTC0LH18:0001:X:Y', country: 'US' }],
    ['Availability', { catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971', country: null }],
    ['Cart', { customerId: GUID, cartId: 'x' }],
    ['Order', { customerId: GUID, orderId: 'has:colon' }],
    ['CustomerSubscription', { customerId: GUID }],
    ['Invoice', { invoiceId: 'G0/../1' }],
  ] as const)('%s %j names nothing', (type, rep) => {
    expect(entityKey[type](rep)).toBeUndefined();
  });
});
