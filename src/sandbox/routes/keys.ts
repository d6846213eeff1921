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
  createCart: 'POST /v1/customers/{customerId}/carts',
  getCart: 'GET /v1/customers/{customerId}/carts/{cartId}',
  updateCart: 'PUT /v1/customers/{customerId}/carts/{cartId}',
  checkoutCart: 'POST /v1/customers/{customerId}/carts/{cartId}/checkout',
  listOrders: 'GET /v1/customers/{customerId}/orders',
  getOrder: 'GET /v1/customers/{customerId}/orders/{orderId}',
  getOrderProvisioningStatus: 'GET /v1/customers/{customerId}/orders/{orderId}/provisioningstatus',
  listSubscriptions: 'GET /v1/customers/{customerId}/subscriptions',
  getSubscription: 'GET /v1/customers/{customerId}/subscriptions/{subscriptionId}',
  updateSubscription: 'PATCH /v1/customers/{customerId}/subscriptions/{subscriptionId}',
  getSubscriptionProvisioningStatus: 'GET /v1/customers/{customerId}/subscriptions/{subscriptionId}/provisioningstatus',
  listInvoices: 'GET /v1/invoices',
  getInvoice: 'GET /v1/invoices/{invoiceId}',
  listInvoiceLineItems: 'GET /v1/invoices/{invoiceId}/lineitems',
  listUnbilledLineItems: 'GET /v1/invoices/unbilled/lineitems',
} as const;

export type RouteKey = (typeof ROUTE)[keyof typeof ROUTE];

/** The route recorded for a request that matched no route. */
export const UNMATCHED = 'unmatched';

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/** POST, PUT and PATCH routes change state; the pipeline de-duplicates them by MS-RequestId. */
export function isWriteRoute(route: string): boolean {
  return WRITE_METHODS.has((route.split(' ', 1)[0] ?? '').toUpperCase());
}

/** Every write route the sandbox serves, e.g. to sum their counters. */
export const WRITE_ROUTES: readonly RouteKey[] = Object.values(ROUTE).filter(isWriteRoute);

/** Routes Partner Center serves to App+User tokens only (reference §1.2, §2.0 rows 16, 22, 26). */
export const APP_USER_ONLY_ROUTES: ReadonlySet<string> = new Set<RouteKey>([
  ROUTE.getInvoice,
  ROUTE.getOrderProvisioningStatus,
  ROUTE.getSubscriptionProvisioningStatus,
]);
