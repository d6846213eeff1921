// Orders (reference §2.4, samples 6.5/6.6). New orders show up in the list only after a delay of up
// to 15 minutes; get-by-id works at once.
import { z } from 'zod';
import type { CallContext, PartnerCenterClient } from './client.js';
import { getParsed } from './parse.js';
import { billingCycle, collectionOf, lenientInt, linkSchema, optionalIsoDate, optionalText } from './wire.js';

export const ORDER_STATUSES = ['pending', 'completed', 'cancelled', 'unknown'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const orderLineItemSchema = z.object({
  lineItemNumber: lenientInt,
  offerId: z.string().min(1),
  subscriptionId: optionalText,
  termDuration: optionalText,
  transactionType: optionalText,
  friendlyName: optionalText,
  quantity: lenientInt,
  links: z.object({ availability: linkSchema.nullish() }).nullish(),
});
export type UpstreamOrderLineItem = z.output<typeof orderLineItemSchema>;

export const orderSchema = z.object({
  id: z.string().min(1),
  alternateId: optionalText,
  referenceCustomerId: optionalText,
  billingCycle: billingCycle.nullish().transform((b) => b ?? undefined),
  currencyCode: optionalText,
  lineItems: z
    .array(orderLineItemSchema)
    .nullish()
    .transform((l) => l ?? []),
  creationDate: optionalIsoDate,
  status: z
    .string()
    .nullish()
    .transform((s): OrderStatus => ORDER_STATUSES.find((x) => x === (s ?? '').toLowerCase()) ?? 'unknown'),
  transactionType: optionalText,
});
export type UpstreamOrder = z.output<typeof orderSchema>;

const orderCollection = collectionOf(orderSchema);

const base = (customerId: string) => `/customers/${encodeURIComponent(customerId)}/orders`;

export async function listOrders(client: PartnerCenterClient, ctx: CallContext, customerId: string): Promise<UpstreamOrder[]> {
  return (await getParsed(client, ctx, orderCollection, base(customerId))).items;
}

export function getOrder(client: PartnerCenterClient, ctx: CallContext, customerId: string, orderId: string): Promise<UpstreamOrder> {
  return getParsed(client, ctx, orderSchema, `${base(customerId)}/${encodeURIComponent(orderId)}`);
}
