// Which queries the catalog result cache may keep: those that read nothing but the public catalog.
// The field lists below are a tripwire: a field added to a catalog type is answered from kept
// results too, so it must be public catalog data (the same for every caller of the partner).
import { isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { isPublicCatalogQuery, PUBLIC_CATALOG_TYPES } from '../../src/schema/catalog/public-query.js';

const yes = (q: string, op?: string) => isPublicCatalogQuery(schema, parse(q), op);

describe('public catalog queries', () => {
  it('are the catalog types with exactly these fields (public catalog data only)', () => {
    const fields = Object.fromEntries(
      [...PUBLIC_CATALOG_TYPES].filter((n) => n !== 'Query').map((n) => {
        const t = schema.getType(n);
        return [n, isObjectType(t) ? Object.keys(t.getFields()).sort().join(' ') : 'not an object type'];
      }),
    );
    expect(fields).toEqual({
      ProductConnection: 'edges pageInfo',
      ProductEdge: 'cursor node',
      PageInfo: 'endCursor hasNextPage hasPreviousPage startCursor',
      Product: 'country description id isMicrosoftProduct productId productType publisherName sku skus title',
      ItemType: 'displayName id subType',
      Sku: 'availabilities availability country description id isAddon isTrial maximumQuantity minimumQuantity prerequisiteSkus product productId skuId supportedBillingCycles title',
      Availability: 'availabilityId catalogItemId country currency id isPurchasable isRenewable product productId segment sku skuId terms',
      Currency: 'code symbol',
      Term: 'billingCycle description duration refundPolicies termId',
      RefundPolicy: 'expiresAfter sequenceId type',
    });
  });

  it('take catalog roots and catalog types, through fragments too', () => {
    expect(yes('{ products(country: "US", targetView: ONLINE_SERVICES) { edges { node { title skus { availabilities { sku { product { title } } } } } } } }')).toBe(true);
    expect(yes('query P($id: String!) { product(productId: $id, country: "US") { ...F } } fragment F on Product { title skus { title } }')).toBe(true);
    expect(yes('{ catalogItem(catalogItemId: "a:b:c", country: "US") { ... on Availability { terms { duration } } } __typename }')).toBe(true);
  });

  it('refuse anything else: other roots, customer types, mutations, the chosen operation of several', () => {
    expect(yes('{ node(id: "x") { id } }')).toBe(false);
    expect(yes('{ products(country: "US", targetView: ONLINE_SERVICES) { edges { node { title } } } customer(customerId: "x") { companyName } }')).toBe(false);
    expect(yes('{ product(productId: "P", country: "US") { title ... on Node { id } } }')).toBe(false);
    expect(yes('{ ...Q } fragment Q on Query { products(country: "US", targetView: ONLINE_SERVICES) { edges { node { title } } } }')).toBe(false);
    expect(yes('mutation { createCart(input: { customerId: "x", lineItems: [] }) { __typename } }')).toBe(false);
    const two = 'query A { product(productId: "P", country: "US") { title } } query B { customer(customerId: "x") { companyName } }';
    expect(yes(two, 'A')).toBe(true);
    expect(yes(two, 'B')).toBe(false);
    expect(yes(two)).toBe(false);
  });
});
