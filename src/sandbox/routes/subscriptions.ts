// Subscription routes (reference §2.5). The list is unpaged (§3). Filtered by `order_id`, it
// follows the order list's delay (§2.4 "Timing"): an order's subscriptions are listed once the
// order is; unfiltered, and by id, subscriptions are found as soon as checkout created them.
import { ApiError, FaultCode } from '../errors.js';
import { collection, withQuery } from '../links.js';
import type { SubscriptionRecord } from '../model/subscription.js';
import { ok } from '../request.js';
import type { RequestContext, RouteDef } from '../request.js';
import { requireCustomer } from './commerce-lookup.js';
import { ROUTE } from './keys.js';
import { subscriptionView } from './subscription-view.js';

export const subscriptionRoutes: readonly RouteDef[] = [
  { key: ROUTE.listSubscriptions, handler: listSubscriptions },
  { key: ROUTE.getSubscription, handler: getSubscription },
];

function listSubscriptions(ctx: RequestContext) {
  const customer = requireCustomer(ctx);
  const orderId = ctx.query.get('order_id');
  const { commerce } = ctx.store;
  let items: SubscriptionRecord[];
  if (orderId === undefined) {
    items = commerce.subscriptionsOf(customer.id);
  } else {
    // An order not yet listed (or unknown) has no listed subscriptions: an empty list, not a 404.
    const order = commerce.order(customer.id, orderId);
    const listed = order !== undefined && order.listedAt <= ctx.store.clock.now().getTime();
    items = listed ? commerce.subscriptionsOf(customer.id, order.id) : [];
  }
  const self = withQuery(`/customers/${customer.id}/subscriptions`, [['order_id', orderId]]);
  return ok(collection(items.map(subscriptionView), self));
}

function getSubscription(ctx: RequestContext) {
  const customer = requireCustomer(ctx);
  const id = ctx.param('subscriptionId');
  const subscription = ctx.store.commerce.subscription(customer.id, id);
  if (!subscription) throw new ApiError(404, FaultCode.subscriptionNotFound, `Subscription with ID ${id} not found.`);
  return ok(subscriptionView(subscription));
}
