// The GraphQL documents every contender answers. The browse is a storefront's catalog page: 10
// products with all their SKUs and availabilities (3 dependent upstream rounds when cold).

export const browse = (country: string): string =>
  `{ products(country: "${country}", targetView: ONLINE_SERVICES, first: 10) { edges { node { productId title ` +
  `skus { skuId title minimumQuantity maximumQuantity availabilities { catalogItemId currency { code } terms { duration billingCycle } } } } } } }`;

/** One availability with its product and SKU: the id names all three, so one round when done well. */
export const catalogItem = (catalogItemId: string, country: string): string =>
  `{ catalogItem(catalogItemId: "${catalogItemId}", country: "${country}") { catalogItemId product { title } sku { title } } }`;

/** A customer's subscriptions with their catalog entries (2 dependent rounds when done well). */
export const subscriptions = (customerId: string): string =>
  `{ customer(customerId: "${customerId}") { subscriptions(first: 50) { edges { node { offerId product { title } sku { title } availability { catalogItemId } } } } } }`;

export const requestBody = (query: string): string => JSON.stringify({ query });
