// Cart routes: create, get and replace (reference §2.3, sample §6.4). Checkout lives in
// checkout.ts.
import { ApiError, FaultCode } from '../errors.js';
import { CART_LIFETIME_MS } from '../model/cart.js';
import type { CartRecord } from '../model/cart.js';
import { created, ok } from '../request.js';
import type { RequestContext, RouteDef } from '../request.js';
import { parseCartInput } from './cart-input.js';
import { buildLineItems } from './cart-rules.js';
import { cartView } from './cart-view.js';
import { customerMarket, requireCart, requireCustomer } from './commerce-lookup.js';
import { ROUTE } from './keys.js';

export const cartRoutes: readonly RouteDef[] = [
  { key: ROUTE.createCart, handler: createCart },
  { key: ROUTE.getCart, handler: getCart },
  { key: ROUTE.updateCart, handler: updateCart },
];

function createCart(ctx: RequestContext) {
  const customer = requireCustomer(ctx);
  const inputs = parseCartInput(ctx.body);
  const now = ctx.store.clock.now().getTime();
  const cart: CartRecord = {
    id: ctx.store.random.guid(),
    customerId: customer.id,
    createdAt: now,
    expiresAt: now + CART_LIFETIME_MS,
    lastModifiedAt: now,
    lastModifiedUser: ctx.store.partnerUserId,
    status: 'Active',
    lineItems: buildLineItems(ctx.store.catalog, customerMarket(ctx, customer), inputs),
    checkoutInProgress: false,
  };
  ctx.store.commerce.addCart(cart);
  return created(cartView(cart));
}

function getCart(ctx: RequestContext) {
  return ok(cartView(requireCart(ctx, requireCustomer(ctx))));
}

/** The body is the full cart; its line items replace the stored ones (reference §2.3 "Update"). */
function updateCart(ctx: RequestContext) {
  const customer = requireCustomer(ctx);
  const cart = requireCart(ctx, customer);
  const now = ctx.store.clock.now().getTime();
  if (cart.status === 'Ordered') {
    throw new ApiError(400, FaultCode.cartAlreadySubmitted, `Cannot update an already submitted cart ${cart.id}; it has been ordered.`);
  }
  if (cart.checkoutInProgress) throw cartBeingProcessed(cart);
  if (isExpired(cart, now)) throw cartExpired();
  const inputs = parseCartInput(ctx.body);
  cart.lineItems = buildLineItems(ctx.store.catalog, customerMarket(ctx, customer), inputs);
  cart.lastModifiedAt = now;
  // The docs sample answers 201; replacing an existing resource is a 200, which the reference
  // rates likelier (§2.0 row 12, §8 point 3).
  return ok(cartView(cart));
}

export const isExpired = (cart: CartRecord, now: number): boolean => now > cart.expiresAt;

/** The code for an expired cart is undocumented; 800002 is the generic invalid-input answer. */
export const cartExpired = (): ApiError => new ApiError(400, FaultCode.invalidInput, 'The cart has expired.');

export const cartBeingProcessed = (cart: CartRecord): ApiError =>
  new ApiError(409, FaultCode.cartBeingProcessed, `Cart ${cart.id} is being processed by another request`);
