// Subscriptions (reference §2.5, sample 6.7): list (optionally by order) and get by id.
import { z } from 'zod';
import type { CallContext, PartnerCenterClient } from './client.js';
import { getParsed } from './parse.js';
import { billingCycle, collectionOf, lenientInt, linkSchema, optionalIsoDate, optionalText } from './wire.js';

export const SUBSCRIPTION_STATUSES = ['active', 'suspended', 'deleted', 'expired', 'pending', 'disabled', 'none'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const subscriptionSchema = z.object({
  id: z.string().min(1),
  offerId: z.string().min(1),
  offerName: optionalText,
  friendlyName: optionalText,
  quantity: lenientInt,
  unitType: optionalText,
  status: z
    .string()
    .nullish()
    .transform((s): SubscriptionStatus => SUBSCRIPTION_STATUSES.find((x) => x === (s ?? '').toLowerCase()) ?? 'none'),
  autoRenewEnabled: z.boolean().nullish().transform((v) => v ?? false),
  isTrial: z.boolean().nullish().transform((v) => v ?? false),
  billingCycle,
  termDuration: optionalText,
  creationDate: optionalIsoDate,
  effectiveStartDate: optionalIsoDate,
  commitmentEndDate: optionalIsoDate,
  cancellationAllowedUntilDate: optionalIsoDate,
  // The resources table says expiresAfter; JSON samples and the SDK use expiresAt (reference §2.5).
  refundOptions: z
    .array(z.object({ type: z.string(), expiresAt: optionalIsoDate, expiresAfter: optionalIsoDate }))
    .nullish()
    .transform((r) => (r ?? []).map((o) => ({ type: o.type, expiresAt: o.expiresAt ?? o.expiresAfter }))),
  orderId: optionalText,
  // The catalog links carry ?country=, the market the subscription was bought in.
  links: z.object({ product: linkSchema.nullish(), availability: linkSchema.nullish() }).nullish(),
  attributes: z.object({ etag: optionalText }).nullish(),
});
export type UpstreamSubscription = z.output<typeof subscriptionSchema>;

const subscriptionCollection = collectionOf(subscriptionSchema);
const base = (customerId: string) => `/customers/${encodeURIComponent(customerId)}/subscriptions`;

export async function listSubscriptions(client: PartnerCenterClient, ctx: CallContext, customerId: string, orderId?: string): Promise<UpstreamSubscription[]> {
  return (await getParsed(client, ctx, subscriptionCollection, base(customerId), orderId ? { order_id: orderId } : undefined)).items;
}

export function getSubscription(client: PartnerCenterClient, ctx: CallContext, customerId: string, subscriptionId: string): Promise<UpstreamSubscription> {
  return getParsed(client, ctx, subscriptionSchema, `${base(customerId)}/${encodeURIComponent(subscriptionId)}`);
}
