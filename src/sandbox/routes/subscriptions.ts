// Subscription routes (reference §2.5). The list is unpaged (§3). Filtered by `order_id`, it
// follows the order list's delay (§2.4 "Timing"): an order's subscriptions are listed once the
// order is; unfiltered, and by id, subscriptions are found as soon as checkout created them.
// Changes (PATCH) live in subscription-patch.ts.
import { collection, withQuery } from '../links.js';
import type { SubscriptionRecord } from '../model/subscription.js';
import { ok } from '../request.js';
import type { RequestContext, RouteDef } from '../request.js';
import { requireCustomer, requireSubscription } from './commerce-lookup.js';
import { ROUTE } from './keys.js';
import { updateSubscription } from './subscription-patch.js';
import { provisioningStatusView, subscriptionView } from './subscription-view.js';

export const subscriptionRoutes: readonly RouteDef[] = [
  { key: ROUTE.listSubscriptions, handler: listSubscriptions },
  { key: ROUTE.getSubscription, handler: getSubscription },
  { key: ROUTE.updateSubscription, handler: updateSubscription },
  { key: ROUTE.getSubscriptionProvisioningStatus, handler: getProvisioningStatus },
];

function listSubscriptions(ctx: RequestContext) {
  const customer = requireCustomer(ctx);
  const orderId = ctx.query.get('order_id');
  const { commerce } = ctx.store;
  const now = ctx.store.clock.now().getTime();
  let items: SubscriptionRecord[];
  if (orderId === undefined) {
    items = commerce.subscriptionsOf(customer.id);
  } else {
    // An order not yet listed (or unknown) has no listed subscriptions: an empty list, not a 404.
    const order = commerce.order(customer.id, orderId);
    const listed = order !== undefined && order.listedAt <= now;
    items = listed ? commerce.subscriptionsOf(customer.id, order.id) : [];
  }
  const self = withQuery(`/customers/${customer.id}/subscriptions`, [['order_id', orderId]]);
  return ok(collection(items.map((s) => subscriptionView(s, now)), self));
}

function getSubscription(ctx: RequestContext) {
  const subscription = requireSubscription(ctx, requireCustomer(ctx));
  return ok(subscriptionView(subscription, ctx.store.clock.now().getTime()));
}

/**
 * The docs allow this call with App+User tokens only (reference §1.2); the sandbox accepts any
 * token, as it does everywhere.
 */
function getProvisioningStatus(ctx: RequestContext) {
  const s = requireSubscription(ctx, requireCustomer(ctx));
  const provisioningId = ctx.store.catalog.sku(s.productId, s.skuId)?.dynamicAttributes.provisioningId ?? '';
  return ok(provisioningStatusView(s, provisioningId, ctx.store.commerce.hasPendingChange(s)));
}
