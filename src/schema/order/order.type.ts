import { builder } from '../../builder.js';
import type { OrderStatus, UpstreamOrderLineItem } from '../../upstream/orders.js';
import { BillingCycleEnum } from '../enums.js';
import { joinKey } from '../node.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import { AvailabilityRef } from '../catalog/refs.js';
import { CustomerRef } from '../customer/customer.type.js';
import { countryOfLink, customerCountry } from '../customer/customer.loaders.js';
import { CustomerSubscriptionRef } from '../subscription/subscription.type.js';
import { parseCatalogItemId } from '../../ids.js';
import { OrderRef } from './order.ref.js';

type OrderLineItemShape = UpstreamOrderLineItem & { customerId: string };

export const OrderStatusEnum = builder.enumType('OrderStatus', {
  description: 'State of an order.',
  values: {
    PENDING: { value: 'pending' as OrderStatus, description: 'Placed; being provisioned.' },
    COMPLETED: { value: 'completed' as OrderStatus, description: 'Provisioned.' },
    CANCELLED: { value: 'cancelled' as OrderStatus, description: 'Cancelled.' },
    UNKNOWN: { value: 'unknown' as OrderStatus, description: 'A state this gateway does not know yet.' },
  } as const,
});

const OrderLineItemRef = builder.objectRef<OrderLineItemShape>('OrderLineItem').implement({
  description: 'One purchased item of an order.',
  fields: (t) => ({
    lineItemNumber: t.exposeInt('lineItemNumber', { description: 'Position in the order, from 0.' }),
    offerId: t.exposeString('offerId', { description: 'The catalogItemId that was bought.' }),
    availability: t.field({
      type: AvailabilityRef,
      nullable: true,
      description: 'The availability bought; null when the catalog no longer offers it. Loaded once per distinct availability.',
      resolve: async (li, _a, ctx) => {
        const p = parseCatalogItemId(li.offerId);
        if (!p) return null;
        const country = countryOfLink(li.links?.availability?.uri) ?? (await customerCountry(ctx, li.customerId));
        return nullIfNotFound(AvailabilityRef.getDataloader(ctx).load(joinKey(p.productId, p.skuId, p.availabilityId, country)));
      },
    }),
    quantity: t.exposeInt('quantity', { description: 'Seats bought.' }),
    termDuration: t.string({ nullable: true, description: 'ISO-8601 term, e.g. P1Y.', resolve: (li) => li.termDuration ?? null }),
    friendlyName: t.string({ nullable: true, description: 'Name given to the purchase.', resolve: (li) => li.friendlyName ?? null }),
    subscription: t.field({
      type: CustomerSubscriptionRef,
      nullable: true,
      description: 'The subscription the line created; null until provisioning has finished.',
      resolve: (li, _a, ctx) =>
        li.subscriptionId ? nullIfNotFound(CustomerSubscriptionRef.getDataloader(ctx).load(joinKey(li.customerId.toLowerCase(), li.subscriptionId.toLowerCase()))) : null,
    }),
  }),
});

OrderRef.implement({
  description: 'An order: what one order group of a checked-out cart became.',
  fields: (t) => ({
    orderId: t.exposeString('id', { description: 'Order id (12 hex characters for new commerce).' }),
    alternateId: t.string({ nullable: true, description: 'Friendly order id.', resolve: (o) => o.alternateId ?? null }),
    customerId: t.id({ description: 'The customer tenant id.', resolve: (o) => o.customerId }),
    customer: t.field({ type: CustomerRef, description: 'The customer.', resolve: (o, _a, ctx) => CustomerRef.getDataloader(ctx).load(o.customerId.toLowerCase()) }),
    billingCycle: t.field({ type: BillingCycleEnum, nullable: true, description: 'How the order is billed.', resolve: (o) => o.billingCycle ?? null }),
    currencyCode: t.string({ nullable: true, description: 'ISO 4217 currency.', resolve: (o) => o.currencyCode ?? null }),
    status: t.field({ type: OrderStatusEnum, description: 'State.', resolve: (o) => o.status }),
    creationDate: t.field({ type: 'DateTime', nullable: true, description: 'When it was placed.', resolve: (o) => o.creationDate ?? null }),
    transactionType: t.string({ nullable: true, description: 'e.g. UserPurchase.', resolve: (o) => o.transactionType ?? null }),
    lineItems: t.field({
      type: [OrderLineItemRef],
      description: 'What was bought.',
      resolve: (o) => o.lineItems.map((li) => ({ ...li, customerId: o.customerId })),
    }),
  }),
});
