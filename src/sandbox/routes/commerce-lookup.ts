// Lookups shared by the customer-scoped routes, with the not-found answers the docs list
// (reference §4): each resource family has its own code.
import { ApiError, FaultCode, notFound } from '../errors.js';
import type { CartRecord } from '../model/cart.js';
import type { Market } from '../model/catalog.js';
import type { Customer } from '../model/customer.js';
import type { OrderRecord } from '../model/order.js';
import type { SubscriptionRecord } from '../model/subscription.js';
import type { RequestContext } from '../request.js';

export function requireCustomer(ctx: RequestContext): Customer {
  const customer = ctx.store.customers.get(ctx.param('customerId'));
  // No customer-specific not-found code is documented; the generic 404 1000 covers unknown and
  // malformed ids alike.
  if (!customer) throw notFound(`Customer ${ctx.param('customerId')} was not found.`);
  return customer;
}

/** The customer's cart; another customer's cart answers as a missing one does. */
export function requireCart(ctx: RequestContext, customer: Customer): CartRecord {
  const cart = ctx.store.commerce.cart(customer.id, ctx.param('cartId'));
  if (!cart) throw new ApiError(404, FaultCode.cartNotFound, 'Unable to retrieve cart ID');
  return cart;
}

export function requireOrder(ctx: RequestContext, customer: Customer): OrderRecord {
  const order = ctx.store.commerce.order(customer.id, ctx.param('orderId'));
  // 20000 is the docs' code for an order id that does not resolve; another customer's order is
  // answered the same way, so ids cannot be probed across customers.
  if (!order) throw new ApiError(404, FaultCode.orderNotFound, 'Order ID not found');
  return order;
}

/** The customer's subscription; another customer's answers as a missing one does. */
export function requireSubscription(ctx: RequestContext, customer: Customer): SubscriptionRecord {
  const id = ctx.param('subscriptionId');
  const subscription = ctx.store.commerce.subscription(customer.id, id);
  if (!subscription) throw new ApiError(404, FaultCode.subscriptionNotFound, `Subscription with ID ${id} not found.`);
  return subscription;
}

/** The customer's market: billingProfile.defaultAddress.country sets catalog and currency. */
export function customerMarket(ctx: RequestContext, customer: Customer): Market {
  const country = customer.billingProfile.defaultAddress.country;
  const market = ctx.store.catalog.market(country);
  if (!market) throw new Error(`customer ${customer.id} lives in ${country}, a market the sandbox does not seed`);
  return market;
}
