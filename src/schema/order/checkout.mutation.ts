// checkoutCart: the one call where a mistake costs real money, so it is exactly-once.
// - The MS-RequestId is derived from (partner scope, idempotency key, customer, cart): a client retry,
//   a gateway retry after a timeout and a concurrent duplicate all send the same id, and Partner
//   Center de-duplicates by it.
// - The outcome is kept under the key (per caller scope); repeats get it back without another upstream
//   call. Concurrent repeats join the call in flight: in this process, and with Redis on any replica
//   (the first claims the key, the others wait for its outcome; src/state/idempotency.ts).
// - Redis down or slow: each replica answers on its own, and the derived MS-RequestId still makes
//   every duplicate the same single order.
// - The same key for another cart is refused. Without a key, the gateway still keeps one
//   MS-RequestId across its own retries of the call.
import { randomUUID } from 'node:crypto';
import { builder } from '../../builder.js';
import { checkoutCart, type UpstreamCheckoutResult } from '../../upstream/carts.js';
import { derivedGuid, IdempotencyKeyReusedError } from '../../state/idempotency.js';
import { ConflictError, ValidationError } from '../../errors/gateway-errors.js';
import { typedErrors } from '../../errors/mutation-errors.js';
import { guidArg } from '../mutation-args.js';
import { mutationResult } from '../mutation-result.js';
import { OrderRef, type OrderShape } from './order.ref.js';

const KEY = /^[\x21-\x7e]{1,255}$/;

interface CheckoutShape {
  orders: OrderShape[];
  orderErrors: UpstreamCheckoutResult['orderErrors'];
}

const CheckoutOrderErrorRef = builder.objectRef<UpstreamCheckoutResult['orderErrors'][number]>('CheckoutOrderError').implement({
  description: 'An order group of the cart that could not be ordered; the other groups may have been.',
  fields: (t) => ({
    orderGroupId: t.exposeString('orderGroupId', { description: 'The order group (see CartLineItem.orderGroup).' }),
    code: t.exposeInt('code', { description: 'Partner Center error code, e.g. 800069.' }),
    description: t.exposeString('description', { description: 'Why it failed.' }),
  }),
});

const CheckoutCartPayloadRef = builder.objectRef<CheckoutShape>('CheckoutCartPayload').implement({
  description: 'What checkout produced: one order per order group that succeeded, and an error per group that failed.',
  fields: (t) => ({
    orders: t.field({ type: [OrderRef], description: 'The orders placed.', resolve: (r) => r.orders }),
    orderErrors: t.field({ type: [CheckoutOrderErrorRef], description: 'The order groups that failed.', resolve: (r) => r.orderErrors }),
  }),
});

const CheckoutCartInput = builder.inputType('CheckoutCartInput', {
  description: 'The cart to check out.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The customer tenant id.' }),
    cartId: t.id({ required: true, description: 'The cart id.' }),
    idempotencyKey: t.string({
      required: false,
      description: 'Repeating a checkout with the same key never places a second order; the first result is returned. 1 to 255 printable ASCII characters, e.g. a UUID per purchase attempt.',
    }),
  }),
});

builder.mutationFields((t) => ({
  checkoutCart: t.field({
    type: CheckoutCartPayloadRef,
    description: 'Checks a cart out into orders, exactly once per idempotency key.',
    // The payload has two fields of its own, so it is the union member itself.
    errors: mutationResult({ union: { name: 'CheckoutCartResult', description: 'The checkout result, or why there is none.' }, directResult: true }),
    args: { input: t.arg({ type: CheckoutCartInput, required: true, description: 'The cart and an idempotency key.' }) },
    resolve: (_root, { input }, ctx) =>
      typedErrors(async () => {
        const customerId = guidArg(input.customerId, 'customerId');
        const cartId = guidArg(input.cartId, 'cartId');
        const key = input.idempotencyKey ?? undefined;
        if (key !== undefined && !KEY.test(key)) {
          throw new ValidationError('idempotencyKey is not valid.', [{ path: 'idempotencyKey', message: 'must be 1 to 255 printable ASCII characters without spaces' }]);
        }
        const place = async (): Promise<CheckoutShape> => {
          const requestId = key === undefined ? randomUUID() : derivedGuid(ctx.scope, key, customerId, cartId);
          const result = await checkoutCart(ctx.upstream, ctx.call, customerId, cartId, requestId);
          const orders = result.orders.map((o) => ({ ...o, customerId }));
          await ctx.services.recentOrders.add(ctx.scope, customerId, result.orders);
          return { orders, orderErrors: result.orderErrors };
        };
        if (key === undefined) return place();
        try {
          return await ctx.services.idempotency.run(ctx.scope, key, `${customerId}:${cartId}`, place);
        } catch (err) {
          if (err instanceof IdempotencyKeyReusedError) throw new ConflictError(`${err.message} It was first used for another cart.`, 'IDEMPOTENCY_KEY_REUSED');
          throw err;
        }
      }),
  }),
}));
