import { builder } from '../../builder.js';
import { getSubscription, type SubscriptionStatus, type UpstreamSubscription } from '../../upstream/subscriptions.js';
import { parseCatalogItemId } from '../../ids.js';
import { BillingCycleEnum } from '../enums.js';
import { joinKey, splitKey } from '../node.js';
import { settle } from '../loading.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import { AvailabilityRef, ProductRef, SkuRef } from '../catalog/refs.js';
import { CustomerRef } from '../customer/customer.type.js';
import { countryOfLink, customerCountry } from '../customer/customer.loaders.js';
import { OrderRef } from '../order/order.ref.js';
import type { GatewayContext } from '../../context.js';

export type SubscriptionShape = UpstreamSubscription & { customerId: string };

export const subscriptionKey = (s: { customerId: string; id: string }) => joinKey(s.customerId.toLowerCase(), s.id.toLowerCase());

export const SubscriptionStatusEnum = builder.enumType('SubscriptionStatus', {
  description: 'State of a subscription.',
  values: {
    ACTIVE: { value: 'active' as SubscriptionStatus, description: 'In use and billed.' },
    SUSPENDED: { value: 'suspended' as SubscriptionStatus, description: 'Suspended; billing continues for new commerce.' },
    DELETED: { value: 'deleted' as SubscriptionStatus, description: 'Cancelled.' },
    EXPIRED: { value: 'expired' as SubscriptionStatus, description: 'The term ended without renewal.' },
    PENDING: { value: 'pending' as SubscriptionStatus, description: 'Being provisioned.' },
    DISABLED: { value: 'disabled' as SubscriptionStatus, description: 'Disabled by Microsoft.' },
    NONE: { value: 'none' as SubscriptionStatus, description: 'No state, or one this gateway does not know.' },
  } as const,
});

export const CustomerSubscriptionRef = builder.loadableNodeRef<SubscriptionShape, string, string>('CustomerSubscription', {
  id: { resolve: subscriptionKey, description: 'Global id; node(id) refetches this object.' },
  cacheResolved: subscriptionKey,
  load: (keys, ctx) =>
    Promise.all(
      keys.map((k) => {
        const [customerId = '', id = ''] = splitKey(k, 2);
        return settle(getSubscription(ctx.upstream, ctx.call, customerId, id).then((s) => ({ ...s, customerId })));
      }),
    ),
});

const RefundOptionRef = builder.objectRef<{ type: string; expiresAt?: string | undefined }>('RefundOption').implement({
  description: 'A refund the partner can still get by cancelling or reducing seats.',
  fields: (t) => ({
    type: t.exposeString('type', { description: 'Full or Partial.' }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, description: 'Until when this refund applies.', resolve: (r) => r.expiresAt ?? null }),
  }),
});

/** The catalog key of what was bought, in the market of the purchase: the subscription's own catalog
 * links name it (so no customer read is needed), else the customer's country. */
export async function catalogKeyOf(ctx: GatewayContext, s: SubscriptionShape) {
  // A new-commerce offerId is a catalog item id; a legacy one is not and names no catalog entry.
  const parts = parseCatalogItemId(s.offerId);
  if (!parts) return undefined;
  const country = countryOfLink(s.links?.availability?.uri ?? s.links?.product?.uri) ?? (await customerCountry(ctx, s.customerId));
  return { ...parts, country };
}

CustomerSubscriptionRef.implement({
  description: "A customer's subscription (the Partner Center Subscription resource).",
  fields: (t) => ({
    subscriptionId: t.id({ description: 'Subscription id (a GUID).', resolve: (s) => s.id }),
    customerId: t.id({ description: 'The customer tenant id.', resolve: (s) => s.customerId }),
    customer: t.field({ type: CustomerRef, description: 'The customer.', resolve: (s, _a, ctx) => CustomerRef.getDataloader(ctx).load(s.customerId.toLowerCase()) }),
    offerId: t.exposeString('offerId', { description: 'What was bought: the catalogItemId (productId:skuId:availabilityId) for new commerce.' }),
    offerName: t.string({ nullable: true, description: 'Name of the offer.', resolve: (s) => s.offerName ?? null }),
    friendlyName: t.string({ nullable: true, description: 'Name the partner gave it.', resolve: (s) => s.friendlyName ?? null }),
    quantity: t.exposeInt('quantity', { description: 'Seats.' }),
    unitType: t.string({ nullable: true, description: 'e.g. Licenses.', resolve: (s) => s.unitType ?? null }),
    status: t.field({ type: SubscriptionStatusEnum, description: 'State.', resolve: (s) => s.status }),
    autoRenewEnabled: t.exposeBoolean('autoRenewEnabled', { description: 'Whether it renews at the end of the term.' }),
    billingCycle: t.field({ type: BillingCycleEnum, description: 'How it is billed.', resolve: (s) => s.billingCycle }),
    termDuration: t.string({ nullable: true, description: 'ISO-8601 term, e.g. P1Y.', resolve: (s) => s.termDuration ?? null }),
    creationDate: t.field({ type: 'DateTime', nullable: true, description: 'When it was created.', resolve: (s) => s.creationDate ?? null }),
    effectiveStartDate: t.field({ type: 'DateTime', nullable: true, description: 'When the term started.', resolve: (s) => s.effectiveStartDate ?? null }),
    commitmentEndDate: t.field({ type: 'DateTime', nullable: true, description: 'Last day of the term (inclusive for new commerce).', resolve: (s) => s.commitmentEndDate ?? null }),
    cancellationAllowedUntilDate: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Last moment it can be cancelled; null when it cannot be.',
      resolve: (s) => s.cancellationAllowedUntilDate ?? null,
    }),
    refundOptions: t.field({ type: [RefundOptionRef], description: 'Refunds still available.', resolve: (s) => s.refundOptions }),
    // product, sku and availability are siblings: their loads start in the same tick.
    product: t.field({
      type: ProductRef,
      nullable: true,
      description: 'The product bought (null for a legacy offer).',
      resolve: async (s, _a, ctx) => {
        const c = await catalogKeyOf(ctx, s);
        return c ? nullIfNotFound(ProductRef.getDataloader(ctx).load(joinKey(c.productId, c.country))) : null;
      },
    }),
    sku: t.field({
      type: SkuRef,
      nullable: true,
      description: 'The SKU bought (null for a legacy offer).',
      resolve: async (s, _a, ctx) => {
        const c = await catalogKeyOf(ctx, s);
        return c ? nullIfNotFound(SkuRef.getDataloader(ctx).load(joinKey(c.productId, c.skuId, c.country))) : null;
      },
    }),
    availability: t.field({
      type: AvailabilityRef,
      nullable: true,
      description: 'The availability bought; null when the catalog no longer offers it.',
      resolve: async (s, _a, ctx) => {
        const c = await catalogKeyOf(ctx, s);
        return c ? nullIfNotFound(AvailabilityRef.getDataloader(ctx).load(joinKey(c.productId, c.skuId, c.availabilityId, c.country))) : null;
      },
    }),
    order: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order that created it.',
      resolve: (s, _a, ctx) => (s.orderId ? nullIfNotFound(OrderRef.getDataloader(ctx).load(joinKey(s.customerId.toLowerCase(), s.orderId))) : null),
    }),
  }),
});

type Shape = SubscriptionShape;
type Scheduled = NonNullable<Shape['scheduledNextTermInstructions']>;

const RefundableSeatsRef = builder.objectRef<{ quantity: number; allowedUntilDateTime?: string | undefined }>('RefundableSeats').implement({
  description: 'Seats that can still be removed, and until when.',
  fields: (t) => ({
    quantity: t.exposeInt('quantity', { description: 'How many seats.' }),
    allowedUntil: t.field({ type: 'DateTime', nullable: true, description: 'Until when they can be removed.', resolve: (d) => d.allowedUntilDateTime ?? null }),
  }),
});

const ScheduledNextTermRef = builder.objectRef<Scheduled>('ScheduledNextTerm').implement({
  description: 'What the subscription changes to at its next renewal.',
  fields: (t) => ({
    catalogItemId: t.string({
      description: 'The availability it renews into: productId:skuId:availabilityId.',
      resolve: (s) => `${s.product.productId}:${s.product.skuId}:${s.product.availabilityId}`,
    }),
    billingCycle: t.field({ type: BillingCycleEnum, nullable: true, description: 'Billing cycle of the next term.', resolve: (s) => s.product.billingCycle ?? null }),
    termDuration: t.string({ nullable: true, description: 'ISO-8601 duration of the next term.', resolve: (s) => s.product.termDuration ?? null }),
    quantity: t.int({ nullable: true, description: 'Seats in the next term.', resolve: (s) => s.quantity ?? null }),
    customTermEndDate: t.field({ type: 'DateTime', nullable: true, description: 'Co-termination date, when set.', resolve: (s) => s.customTermEndDate ?? null }),
  }),
});

builder.objectFields(CustomerSubscriptionRef, (t) => ({
  refundableQuantity: t.int({
    description: 'Seats that can still be removed now (each purchase of seats has its own refund window).',
    resolve: (s) => s.refundableQuantity?.totalQuantity ?? 0,
  }),
  refundableSeats: t.field({
    type: [RefundableSeatsRef],
    description: 'The removable seats per refund window.',
    resolve: (s) => s.refundableQuantity?.details ?? [],
  }),
  scheduledNextTerm: t.field({
    type: ScheduledNextTermRef,
    nullable: true,
    description: 'What changes at the next renewal; null when nothing is scheduled.',
    resolve: (s) => s.scheduledNextTermInstructions ?? null,
  }),
}));
