// Subscriptions (reference §2.5, sample 6.7): list (optionally by order) and get by id.
import { z } from 'zod';
import type { CallContext, PartnerCenterClient } from './client.js';
import { getParsed, parseResponse } from './parse.js';
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
  refundableQuantity: z
    .object({
      totalQuantity: lenientInt.nullish(),
      details: z.array(z.object({ quantity: lenientInt, allowedUntilDateTime: optionalIsoDate })).nullish(),
    })
    .nullish()
    .transform((r) => (r ? { totalQuantity: r.totalQuantity ?? 0, details: r.details ?? [] } : undefined)),
  scheduledNextTermInstructions: z
    .object({
      product: z.object({
        productId: z.string(),
        skuId: z.string(),
        availabilityId: z.string(),
        billingCycle: billingCycle.nullish(),
        termDuration: optionalText,
        promotionId: optionalText,
      }),
      quantity: lenientInt.nullish(),
      customTermEndDate: optionalIsoDate,
    })
    .nullish()
    .transform((v) => v ?? undefined),
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

/** The resource as Partner Center sent it (every field, known or not) with its parsed view. */
export interface SubscriptionForUpdate {
  raw: Record<string, unknown>;
  parsed: UpstreamSubscription;
}

export async function getSubscriptionForUpdate(client: PartnerCenterClient, ctx: CallContext, customerId: string, subscriptionId: string): Promise<SubscriptionForUpdate> {
  const path = `${base(customerId)}/${encodeURIComponent(subscriptionId)}`;
  const res = await client.request(ctx, { method: 'GET', path });
  const parsed = parseResponse(subscriptionSchema, res, ctx, { method: 'GET', path });
  return { raw: res.body as Record<string, unknown>, parsed };
}

export type PatchOutcome = { kind: 'done'; subscription: UpstreamSubscription } | { kind: 'accepted'; location: string };

/**
 * PATCH takes the full resource back with the fields changed (reference §2.5). The service answers
 * 200 with the updated resource, or 202 with a Location to poll when the change takes longer.
 */
export async function patchSubscription(
  client: PartnerCenterClient,
  ctx: CallContext,
  customerId: string,
  subscriptionId: string,
  body: Record<string, unknown>,
  requestId?: string,
): Promise<PatchOutcome> {
  const path = `${base(customerId)}/${encodeURIComponent(subscriptionId)}`;
  const res = await client.request(ctx, { method: 'PATCH', path, body, ...(requestId ? { requestId } : {}) });
  if (res.status === 202) {
    const location = res.headers.location;
    return { kind: 'accepted', location: (Array.isArray(location) ? location[0] : location) ?? path };
  }
  return { kind: 'done', subscription: parseResponse(subscriptionSchema, res, ctx, { method: 'PATCH', path }) };
}

/** Reads the resource a 202's Location points at. */
export function getSubscriptionAt(client: PartnerCenterClient, ctx: CallContext, location: string): Promise<UpstreamSubscription> {
  return getParsed(client, ctx, subscriptionSchema, location);
}
