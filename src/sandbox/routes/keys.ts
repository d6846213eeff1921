// Route keys name a route in counters, recorded requests and scripted faults:
// `METHOD /v1/path/with/{param}/names`. Tests across the project import these constants.

export const ROUTE = {
  listProducts: 'GET /v1/products',
  getProduct: 'GET /v1/products/{productId}',
  listSkus: 'GET /v1/products/{productId}/skus',
  getSku: 'GET /v1/products/{productId}/skus/{skuId}',
  listAvailabilities: 'GET /v1/products/{productId}/skus/{skuId}/availabilities',
  getAvailability: 'GET /v1/products/{productId}/skus/{skuId}/availabilities/{availabilityId}',
  listCustomers: 'GET /v1/customers',
  getCustomer: 'GET /v1/customers/{customerId}',
} as const;

export type RouteKey = (typeof ROUTE)[keyof typeof ROUTE];

/** The route recorded for a request that matched no route. */
export const UNMATCHED = 'unmatched';
