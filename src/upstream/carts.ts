// Carts (reference §2.3, sample 6.4/6.5): create, read, replace line items, check out. Writes may
// carry a pinned MS-RequestId so that the service de-duplicates a repeated call.
import { z } from 'zod';
import type { CallContext, PartnerCenterClient } from './client.js';
import { getParsed, parseResponse } from './parse.js';
import { billingCycle, lenientInt, optionalIsoDate, optionalText, type BillingCycle } from './wire.js';
import { orderSchema } from './orders.js';

const cartErrorSchema = z.object({
  errorCode: z.union([z.number(), z.string()]).transform((c) => (typeof c === 'number' ? c : Number.isNaN(Number(c)) ? 0 : Number(c))),
  errorDescription: z.string().nullish().transform((d) => d ?? ''),
});

export const cartLineItemSchema = z.object({
  id: lenientInt,
  catalogItemId: z.string().min(1),
  quantity: lenientInt,
  billingCycle,
  termDuration: optionalText,
  friendlyName: optionalText,
  currencyCode: optionalText,
  orderGroup: optionalText,
  promotionId: optionalText,
  error: cartErrorSchema.nullish().transform((e) => e ?? undefined),
});
export type UpstreamCartLineItem = z.output<typeof cartLineItemSchema>;

export const cartSchema = z.object({
  id: z.string().min(1),
  creationTimestamp: optionalIsoDate,
  lastModifiedTimestamp: optionalIsoDate,
  expirationTimestamp: optionalIsoDate,
  status: z.string().nullish().transform((s) => s ?? 'Active'),
  lineItems: z
    .array(cartLineItemSchema)
    .nullish()
    .transform((l) => l ?? []),
});
export type UpstreamCart = z.output<typeof cartSchema>;

const checkoutSchema = z.object({
  orders: z
    .array(orderSchema)
    .nullish()
    .transform((o) => o ?? []),
  orderErrors: z
    .array(z.object({ orderGroupId: z.union([z.string(), z.number()]).transform(String), code: lenientInt, description: z.string() }))
    .nullish()
    .transform((e) => e ?? []),
});
export type UpstreamCheckoutResult = z.output<typeof checkoutSchema>;

/** What the gateway sends for a line item; the service fills currency, order group and errors. */
export interface CartLineItemRequest {
  id: number;
  catalogItemId: string;
  quantity: number;
  billingCycle: BillingCycle;
  termDuration?: string | undefined;
  friendlyName?: string | undefined;
  promotionId?: string | undefined;
}

const path = (customerId: string, cartId?: string) =>
  `/customers/${encodeURIComponent(customerId)}/carts${cartId === undefined ? '' : `/${encodeURIComponent(cartId)}`}`;

const wireLineItem = (l: CartLineItemRequest) => ({ ...l, provisioningContext: {} });

export async function createCart(client: PartnerCenterClient, ctx: CallContext, customerId: string, lineItems: CartLineItemRequest[], requestId?: string): Promise<UpstreamCart> {
  const p = path(customerId);
  const res = await client.request(ctx, { method: 'POST', path: p, body: { lineItems: lineItems.map(wireLineItem) }, ...(requestId ? { requestId } : {}) });
  return parseResponse(cartSchema, res, ctx, { method: 'POST', path: p });
}

export function getCart(client: PartnerCenterClient, ctx: CallContext, customerId: string, cartId: string): Promise<UpstreamCart> {
  return getParsed(client, ctx, cartSchema, path(customerId, cartId));
}

/** PUT replaces the cart's line items (reference §2.3 "Update"). */
export async function replaceCartLineItems(
  client: PartnerCenterClient,
  ctx: CallContext,
  customerId: string,
  cart: UpstreamCart,
  lineItems: CartLineItemRequest[],
  requestId?: string,
): Promise<UpstreamCart> {
  const p = path(customerId, cart.id);
  const body = { id: cart.id, status: cart.status, lineItems: lineItems.map(wireLineItem) };
  const res = await client.request(ctx, { method: 'PUT', path: p, body, ...(requestId ? { requestId } : {}) });
  return parseResponse(cartSchema, res, ctx, { method: 'PUT', path: p });
}

/** Checkout has no body (the service ignores one). The MS-RequestId makes a repeat return the first result. */
export async function checkoutCart(client: PartnerCenterClient, ctx: CallContext, customerId: string, cartId: string, requestId: string): Promise<UpstreamCheckoutResult> {
  const p = `${path(customerId, cartId)}/checkout`;
  const res = await client.request(ctx, { method: 'POST', path: p, requestId });
  return parseResponse(checkoutSchema, res, ctx, { method: 'POST', path: p });
}

