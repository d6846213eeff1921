// Line items are checked against the catalog before any write: the availability must be sold in
// the customer's country and purchasable, the quantity within the SKU's range, and the
// (termDuration, billingCycle) one of the availability's terms. Problems come back together as
// field errors with their input path (lineItems.1.quantity); nothing is sent upstream.
import type { GatewayContext } from '../../context.js';
import type { BillingCycle } from '../../upstream/wire.js';
import { CATALOG_ITEM_ID_EXAMPLE, parseCatalogItemId } from '../../ids.js';
import type { FieldError } from '../../errors/gateway-errors.js';
import { isNotFound } from '../../errors/not-found.js';
import { AvailabilityRef, SkuRef } from '../catalog/refs.js';
import { joinKey } from '../node.js';

export interface LineItemInput {
  catalogItemId: string;
  quantity: number;
  billingCycle: BillingCycle;
  termDuration?: string | null | undefined;
  friendlyName?: string | null | undefined;
  promotionId?: string | null | undefined;
}

export const MAX_LINE_ITEMS = 50;
const DURATION = /^P\d{1,2}[DMY]$/;

/** Checks that need no catalog: shapes and ranges. */
function shapeErrors(item: LineItemInput, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!parseCatalogItemId(item.catalogItemId)) {
    errors.push({ path: `${path}.catalogItemId`, message: `must be productId:skuId:availabilityId, e.g. ${CATALOG_ITEM_ID_EXAMPLE}` });
  }
  if (!Number.isInteger(item.quantity) || item.quantity < 1) errors.push({ path: `${path}.quantity`, message: `must be a whole number of at least 1; got ${item.quantity}` });
  if (item.termDuration != null && !DURATION.test(item.termDuration)) errors.push({ path: `${path}.termDuration`, message: 'must be an ISO-8601 duration such as P1M, P1Y or P3Y' });
  if (item.friendlyName != null && item.friendlyName.length > 100) errors.push({ path: `${path}.friendlyName`, message: 'must be at most 100 characters' });
  if (item.promotionId != null && !/^[A-Za-z0-9:-]{1,100}$/.test(item.promotionId)) errors.push({ path: `${path}.promotionId`, message: 'is not a promotion id' });
  return errors;
}

const fmtCycle = (b: string) => b.toUpperCase();

async function catalogErrors(ctx: GatewayContext, country: string, item: LineItemInput, path: string): Promise<FieldError[]> {
  const p = parseCatalogItemId(item.catalogItemId);
  if (!p) return [];
  const notFound = (e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e));
  // Availability and SKU are independent loads: both start now (and are shared with other items).
  const [availability, sku] = await Promise.all([
    AvailabilityRef.getDataloader(ctx).load(joinKey(p.productId, p.skuId, p.availabilityId, country)).catch(notFound),
    SkuRef.getDataloader(ctx).load(joinKey(p.productId, p.skuId, country)).catch(notFound),
  ]);
  if (!availability || !sku) return [{ path: `${path}.catalogItemId`, message: `${item.catalogItemId} is not sold in ${country}, the customer's country` }];
  const errors: FieldError[] = [];
  if (!availability.isPurchasable) errors.push({ path: `${path}.catalogItemId`, message: `${item.catalogItemId} cannot be purchased at the moment` });
  if (Number.isInteger(item.quantity) && (item.quantity < sku.minimumQuantity || item.quantity > sku.maximumQuantity)) {
    errors.push({ path: `${path}.quantity`, message: `must be between ${sku.minimumQuantity} and ${sku.maximumQuantity} for ${sku.title}; got ${item.quantity}` });
  }
  const offered = availability.terms.map((t) => `${t.duration} ${fmtCycle(t.billingCycle)}`);
  const match = availability.terms.some((t) => t.billingCycle === item.billingCycle && (item.termDuration == null || t.duration === item.termDuration));
  if (availability.terms.length > 0 && (!match || item.termDuration == null)) {
    const what = item.termDuration == null ? 'termDuration is required' : `${item.termDuration} ${fmtCycle(item.billingCycle)} is not offered`;
    errors.push({ path: `${path}.termDuration`, message: `${what}; this availability offers ${[...new Set(offered)].join(', ')}` });
  }
  return errors;
}

/** Field errors for `items` at `path` (e.g. "lineItems"), in input order; empty when all is well. */
export async function validateLineItems(ctx: GatewayContext, country: string, items: readonly LineItemInput[], path: string): Promise<FieldError[]> {
  if (items.length === 0) return [{ path, message: 'a cart needs at least one line item' }];
  if (items.length > MAX_LINE_ITEMS) return [{ path, message: `a cart takes at most ${MAX_LINE_ITEMS} line items; got ${items.length}` }];
  const shapes = items.map((item, i) => shapeErrors(item, `${path}.${i}`));
  const catalog = await Promise.all(items.map((item, i) => (shapes[i]?.length ? [] : catalogErrors(ctx, country, item, `${path}.${i}`))));
  return items.flatMap((_, i) => [...(shapes[i] ?? []), ...(catalog[i] ?? [])]);
}

/** Field errors of one line item at `path` (e.g. "lineItem"). */
export async function validateLineItem(ctx: GatewayContext, country: string, item: LineItemInput, path: string): Promise<FieldError[]> {
  const shape = shapeErrors(item, path);
  return shape.length > 0 ? shape : catalogErrors(ctx, country, item, path);
}
