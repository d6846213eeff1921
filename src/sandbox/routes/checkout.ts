// Cart checkout (reference §2.3 "Checkout", §5 rules 2-4, sample §6.5): one order per order
// group; a group can fail on its own (it appears in orderErrors, the others still succeed).
//
// Repeats: the pipeline answers a repeated MS-RequestId with the stored result, so this handler
// sees only new requests. For those an Ordered cart is refused with 800065, and a checkout that
// arrives while another one of the same cart is being processed with 409 800064. "Being
// processed" starts when the first request arrives (`reserve`, before the simulated processing
// time) and ends when its handler has run, so latency and 'delay' faults open that window.
import { ApiError, FaultCode } from '../errors.js';
import type { CartLineItem } from '../model/cart.js';
import type { CartCheckoutResult, OrderError, OrderRecord } from '../model/order.js';
import { created } from '../request.js';
import type { RequestContext, RouteDef } from '../request.js';
import { cartBeingProcessed, cartExpired, isExpired } from './carts.js';
import { customerMarket, requireCart, requireCustomer } from './commerce-lookup.js';
import { ROUTE } from './keys.js';
import { orderView } from './order-view.js';
import { placeOrder } from './place-order.js';

export const checkoutRoutes: readonly RouteDef[] = [
  // The SDK posts the JSON string "success", the docs an empty body (reference §1.6): ignore it.
  { key: ROUTE.checkoutCart, handler: checkout, reserve: reserveCart, ignoresBody: true },
];

function reserveCart(ctx: RequestContext): () => void {
  const customer = ctx.store.customers.get(ctx.param('customerId'));
  const cart = customer && ctx.store.commerce.cart(customer.id, ctx.param('cartId'));
  if (!cart) return () => undefined; // the handler answers the 404
  if (cart.checkoutInProgress) throw cartBeingProcessed(cart);
  cart.checkoutInProgress = true;
  return () => {
    cart.checkoutInProgress = false;
  };
}

function checkout(ctx: RequestContext) {
  const customer = requireCustomer(ctx);
  const cart = requireCart(ctx, customer);
  const now = ctx.store.clock.now().getTime();
  if (cart.status === 'Ordered') {
    throw new ApiError(400, FaultCode.cartAlreadySubmitted, `Cannot check out an already submitted cart ${cart.id}.`);
  }
  if (isExpired(cart, now)) throw cartExpired();
  if (cart.lineItems.some((l) => l.error !== undefined)) throw new ApiError(400, FaultCode.cartItemErrors, 'Error in Cart item(s)');

  const market = customerMarket(ctx, customer);
  // Taken only now that orders are being placed, so a refused checkout leaves them queued.
  const failures = ctx.takeOrderGroupFailures();
  const orders: OrderRecord[] = [];
  const orderErrors: OrderError[] = [];
  for (const [group, lines] of byOrderGroup(cart.lineItems)) {
    const failure = failures.find((f) => f.orderGroup === group);
    if (failure) orderErrors.push({ orderGroupId: group, code: failure.code, description: failure.description });
    else orders.push(placeOrder(ctx.store, customer.id, market, lines, now));
  }
  // A cart with no successful group stays Active, so it can be checked out again (reference §2.3).
  if (orders.length > 0) {
    cart.status = 'Ordered';
    cart.lastModifiedAt = now;
  }
  const result: CartCheckoutResult = {
    orders: orders.map(orderView),
    // Sample §6.5 has no orderErrors when every group succeeded, so it is left out when empty.
    ...(orderErrors.length > 0 ? { orderErrors } : {}),
    // 201 even when some or all groups failed (reference §8 point 3).
    attributes: { objectType: 'CartCheckoutResult' },
  };
  return created(result);
}

/** Line items per order group, groups in order of first appearance. */
function byOrderGroup(lines: readonly CartLineItem[]): Map<string, CartLineItem[]> {
  const groups = new Map<string, CartLineItem[]>();
  for (const line of lines) groups.set(line.orderGroup, [...(groups.get(line.orderGroup) ?? []), line]);
  return groups;
}
