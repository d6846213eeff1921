// Order routes (reference §2.4). Lists are unpaged (§3). A new order is missing from the order
// list for `orderListDelayMs` (Partner Center: up to 15 minutes, §2.4 "Timing"), while get-by-id
// finds it at once.
import { collection } from '../links.js';
import { ok } from '../request.js';
import type { RequestContext, RouteDef } from '../request.js';
import { requireCustomer, requireOrder } from './commerce-lookup.js';
import { ROUTE } from './keys.js';
import { orderPath, orderView, provisioningStatusView } from './order-view.js';

export const orderRoutes: readonly RouteDef[] = [
  { key: ROUTE.listOrders, handler: listOrders },
  { key: ROUTE.getOrder, handler: getOrder },
  { key: ROUTE.getOrderProvisioningStatus, handler: getProvisioningStatus },
];

/**
 * `billingType`, `include_price`, `indirect_reseller_id` and `include_system_purchases` are
 * accepted and ignored: the sandbox sells license-based offers only, carries no prices and makes
 * no system purchases, so none of them would change the answer.
 */
function listOrders(ctx: RequestContext) {
  const customer = requireCustomer(ctx);
  const now = ctx.store.clock.now().getTime();
  const listed = ctx.store.commerce.ordersOf(customer.id).filter((o) => o.listedAt <= now);
  return ok(collection(listed.map(orderView), `/customers/${customer.id}/orders`));
}

/** `include_price` is accepted and ignored, as on the list. */
function getOrder(ctx: RequestContext) {
  return ok(orderView(requireOrder(ctx, requireCustomer(ctx))));
}

/**
 * The docs allow this call with App+User tokens only (reference §1.2); the sandbox accepts any
 * token, as it does everywhere.
 */
function getProvisioningStatus(ctx: RequestContext) {
  const order = requireOrder(ctx, requireCustomer(ctx));
  return ok(collection(provisioningStatusView(order), `${orderPath(order)}/provisioningstatus`));
}
