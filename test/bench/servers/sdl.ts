// The smallest schema that answers the bench's documents with the same types and field names as
// the gateway's (schema/schema.graphql), so one document, unchanged, runs against every contender.

/** What the browse selects: products → SKUs → availabilities. The ceiling serves only this. */
export const BROWSE_SDL = /* GraphQL */ `
  enum CatalogTargetView { AZURE AZURE_RESERVATIONS ONLINE_SERVICES SOFTWARE }
  enum BillingCycle { ANNUAL BIENNIAL MONTHLY NONE ONE_TIME TRIENNIAL UNKNOWN }
  type Query { products(country: String!, targetView: CatalogTargetView!, first: Int): ProductConnection! }
  type ProductConnection { edges: [ProductEdge!]! }
  type ProductEdge { node: Product! }
  type Product { productId: String! title: String! skus: [Sku!]! }
  type Sku { skuId: String! title: String! minimumQuantity: Int! maximumQuantity: Int! availabilities: [Availability!]! }
  type Availability { catalogItemId: String! currency: Currency! terms: [Term!]! }
  type Currency { code: String! }
  type Term { duration: String! billingCycle: BillingCycle! }
`;

/** The cold documents too (catalogItem, a customer's subscriptions): the naive gateway serves these. */
export const COLD_SDL = /* GraphQL */ `
  extend type Query {
    catalogItem(catalogItemId: String!, country: String!): Availability
    customer(customerId: ID!): Customer
  }
  extend type Availability { product: Product! sku: Sku! }
  type Customer { subscriptions(first: Int): CustomerSubscriptionConnection! }
  type CustomerSubscriptionConnection { edges: [CustomerSubscriptionEdge!]! }
  type CustomerSubscriptionEdge { node: CustomerSubscription! }
  type CustomerSubscription { offerId: String! product: Product sku: Sku availability: Availability }
`;

/** The gateway's page rule for products: 20 by default, at most 100. */
export function productPage(first: number | null | undefined): number {
  return Math.min(100, Math.max(0, first ?? 20));
}
