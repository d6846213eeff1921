import { builder } from '../../builder.js';
import { getCart, type UpstreamCart, type UpstreamCartLineItem } from '../../upstream/carts.js';
import { parseCatalogItemId } from '../../ids.js';
import { BillingCycleEnum } from '../enums.js';
import { joinKey, splitKey } from '../node.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import { settle } from '../loading.js';
import { AvailabilityRef } from '../catalog/refs.js';
import { CustomerRef } from '../customer/customer.type.js';
import { customerCountry } from '../customer/customer.loaders.js';
import type { GatewayContext } from '../../context.js';

/** A cart with what the gateway knows around it: whose it is and the market it buys in. */
export type CartShape = UpstreamCart & { customerId: string; country: string };
type CartLineItemShape = UpstreamCartLineItem & { country: string };

export const cartKey = (c: { customerId: string; id: string }) => joinKey(c.customerId.toLowerCase(), c.id.toLowerCase());

export async function loadCart(ctx: GatewayContext, customerId: string, cartId: string): Promise<CartShape> {
  // The cart and the customer's market are independent reads: start both at once.
  const [cart, country] = await Promise.all([getCart(ctx.upstream, ctx.call, customerId, cartId), customerCountry(ctx, customerId)]);
  return { ...cart, customerId, country };
}

export const CartRef = builder.loadableNodeRef<CartShape, string, string>('Cart', {
  id: { resolve: cartKey, description: 'Global id; node(id) refetches this object.' },
  cacheResolved: cartKey,
  load: (keys, ctx) =>
    Promise.all(
      keys.map((k) => {
        const [customerId = '', cartId = ''] = splitKey(k, 2);
        return settle(loadCart(ctx, customerId, cartId));
      }),
    ),
});

const CartLineItemErrorRef = builder.objectRef<{ errorCode: number; errorDescription: string }>('CartLineItemError').implement({
  description: 'Why Partner Center will not check this line item out.',
  fields: (t) => ({
    code: t.exposeInt('errorCode', { description: 'Partner Center CartErrorCode, e.g. 10001 (catalog item not valid).' }),
    description: t.exposeString('errorDescription', { description: 'What is wrong.' }),
  }),
});

const CartLineItemRef = builder.objectRef<CartLineItemShape>('CartLineItem').implement({
  description: 'One item of a cart.',
  fields: (t) => ({
    lineItemId: t.exposeInt('id', { description: 'Position of the item in the cart, from 0. Removing an item renumbers the ones after it.' }),
    catalogItemId: t.exposeString('catalogItemId', { description: 'What it buys: productId:skuId:availabilityId.' }),
    availability: t.field({
      type: AvailabilityRef,
      nullable: true,
      description: "The availability it buys, in the customer's country; null when the catalog does not offer it.",
      resolve: (li, _a, ctx) => {
        const p = parseCatalogItemId(li.catalogItemId);
        return p ? nullIfNotFound(AvailabilityRef.getDataloader(ctx).load(joinKey(p.productId, p.skuId, p.availabilityId, li.country))) : null;
      },
    }),
    quantity: t.exposeInt('quantity', { description: 'Seats.' }),
    billingCycle: t.field({ type: BillingCycleEnum, description: 'How it will be billed.', resolve: (li) => li.billingCycle }),
    termDuration: t.string({ nullable: true, description: 'ISO-8601 term: P1M, P1Y, P3Y.', resolve: (li) => li.termDuration ?? null }),
    friendlyName: t.string({ nullable: true, description: 'Name of the resulting subscription.', resolve: (li) => li.friendlyName ?? null }),
    currencyCode: t.string({ nullable: true, description: 'Currency, set by Partner Center.', resolve: (li) => li.currencyCode ?? null }),
    orderGroup: t.string({ nullable: true, description: 'Order group, set by Partner Center; checkout makes one order per group.', resolve: (li) => li.orderGroup ?? null }),
    promotionId: t.string({ nullable: true, description: 'Promotion applied.', resolve: (li) => li.promotionId ?? null }),
    error: t.field({ type: CartLineItemErrorRef, nullable: true, description: 'Set when Partner Center will not check this item out.', resolve: (li) => li.error ?? null }),
  }),
});

CartRef.implement({
  description: 'A cart of line items that checkout turns into orders.',
  fields: (t) => ({
    cartId: t.id({ description: 'Cart id (a GUID).', resolve: (c) => c.id }),
    customerId: t.id({ description: 'The customer tenant id.', resolve: (c) => c.customerId }),
    customer: t.field({ type: CustomerRef, description: 'The customer.', resolve: (c, _a, ctx) => CustomerRef.getDataloader(ctx).load(c.customerId.toLowerCase()) }),
    status: t.exposeString('status', { description: 'Active until checked out, then Ordered.' }),
    creationTimestamp: t.field({ type: 'DateTime', nullable: true, description: 'When it was created.', resolve: (c) => c.creationTimestamp ?? null }),
    lastModifiedTimestamp: t.field({ type: 'DateTime', nullable: true, description: 'When it last changed.', resolve: (c) => c.lastModifiedTimestamp ?? null }),
    expirationTimestamp: t.field({ type: 'DateTime', nullable: true, description: 'When it expires (7 days after creation).', resolve: (c) => c.expirationTimestamp ?? null }),
    lineItems: t.field({ type: [CartLineItemRef], description: 'Its items.', resolve: (c) => c.lineItems.map((li) => ({ ...li, country: c.country })) }),
  }),
});
