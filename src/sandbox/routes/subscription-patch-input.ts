// Reading a subscription PATCH body (reference §1.5, §2.5 "PATCH semantics"): the body is the full
// Subscription resource, read case-insensitively (`Attributes.Etag` from the .NET SDK works like
// `attributes.etag`). Only the properties the service acts on are read; the rest of the resource
// (dates, refundOptions, links...) is the caller's echo of a GET and is ignored. A property of the
// wrong type is refused whole with 400 800002 and nothing changes.
import { invalidInput } from '../errors.js';
import { entry, isObject, prop } from '../json-read.js';
import type { JsonObject } from '../json-read.js';
import { parseBillingCycle } from '../model/billing-cycle.js';
import type { BillingCycle } from '../model/billing-cycle.js';
import type { ScheduledNextTermInstructions, SubscriptionStatus } from '../model/subscription.js';

/** Undocumented upstream; the portal's limit for subscription nicknames. */
export const MAX_FRIENDLY_NAME = 100;

const STATUSES: readonly SubscriptionStatus[] = ['none', 'active', 'suspended', 'deleted', 'expired', 'pending', 'disabled'];

export interface SubscriptionPatchInput {
  readonly etag?: string;
  readonly quantity?: number;
  readonly autoRenewEnabled?: boolean;
  readonly friendlyName?: string;
  readonly status?: SubscriptionStatus;
  /** Present when the body has the property; a null value clears the schedule. */
  readonly scheduledNextTermInstructions?: { readonly value: ScheduledNextTermInstructions | null };
  readonly offerId?: string;
  readonly billingCycle?: BillingCycle;
  readonly termDuration?: string;
}

export function parseSubscriptionPatch(body: unknown): SubscriptionPatchInput {
  if (!isObject(body)) throw invalidInput('the body must be a subscription object.');
  const attributes = prop(body, 'attributes');
  if (attributes !== undefined && !isObject(attributes)) throw invalidInput('attributes must be an object.');
  const etag = attributes === undefined ? undefined : optionalString(attributes, 'etag', 'attributes.etag');
  const quantity = prop(body, 'quantity');
  if (quantity !== undefined && !(typeof quantity === 'number' && Number.isSafeInteger(quantity))) {
    throw invalidInput(`quantity must be an integer; got ${JSON.stringify(quantity)}.`);
  }
  const autoRenewEnabled = prop(body, 'autoRenewEnabled');
  if (autoRenewEnabled !== undefined && typeof autoRenewEnabled !== 'boolean') throw invalidInput('autoRenewEnabled must be true or false.');
  const friendlyName = optionalString(body, 'friendlyName', 'friendlyName')?.trim();
  if (friendlyName !== undefined && (friendlyName.length === 0 || friendlyName.length > MAX_FRIENDLY_NAME)) {
    throw invalidInput(`friendlyName must be 1 to ${MAX_FRIENDLY_NAME} characters long.`);
  }
  const rawStatus = optionalString(body, 'status', 'status');
  const status = rawStatus === undefined ? undefined : STATUSES.find((s) => s === rawStatus.toLowerCase());
  if (rawStatus !== undefined && !status) throw invalidInput(`status '${rawStatus}' is not a subscription status.`);
  const rawCycle = optionalString(body, 'billingCycle', 'billingCycle');
  const billingCycle = rawCycle === undefined ? undefined : parseBillingCycle(rawCycle);
  if (rawCycle !== undefined && !billingCycle) throw invalidInput(`billingCycle '${rawCycle}' is not a billing cycle.`);
  const scheduled = entry(body, 'scheduledNextTermInstructions');
  const offerId = optionalString(body, 'offerId', 'offerId');
  const termDuration = optionalString(body, 'termDuration', 'termDuration');
  return {
    ...(etag !== undefined ? { etag } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(autoRenewEnabled !== undefined ? { autoRenewEnabled } : {}),
    ...(friendlyName !== undefined ? { friendlyName } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(scheduled !== undefined ? { scheduledNextTermInstructions: { value: parseScheduled(scheduled.value) } } : {}),
    ...(offerId !== undefined ? { offerId } : {}),
    ...(billingCycle !== undefined ? { billingCycle } : {}),
    ...(termDuration !== undefined ? { termDuration } : {}),
  };
}

/**
 * The documented shape only (sample §6.7): the sandbox does not check the product against the
 * catalog, since the docs' own sample schedules a software product it does not sell.
 */
function parseScheduled(value: unknown): ScheduledNextTermInstructions | null {
  if (value === null) return null;
  const at = 'scheduledNextTermInstructions';
  if (!isObject(value)) throw invalidInput(`${at} must be an object or null.`);
  const product = prop(value, 'product');
  if (!isObject(product)) throw invalidInput(`${at}.product is required.`);
  const quantity = prop(value, 'quantity');
  if (!(typeof quantity === 'number' && Number.isSafeInteger(quantity) && quantity > 0)) throw invalidInput(`${at}.quantity must be a positive integer.`);
  const text = (obj: JsonObject, name: string): string => {
    const v = optionalString(obj, name, `${at}.product.${name}`);
    if (v === undefined || v.trim() === '') throw invalidInput(`${at}.product.${name} is required.`);
    return v.trim();
  };
  const promotionId = optionalString(product, 'promotionId', `${at}.product.promotionId`);
  const customTermEndDate = optionalString(value, 'customTermEndDate', `${at}.customTermEndDate`);
  if (customTermEndDate !== undefined && Number.isNaN(Date.parse(customTermEndDate))) throw invalidInput(`${at}.customTermEndDate must be a date.`);
  return {
    product: {
      productId: text(product, 'productId'),
      skuId: text(product, 'skuId'),
      availabilityId: text(product, 'availabilityId'),
      // Echoed as sent: the docs' sample sends "Annual" here (reference §1.5).
      billingCycle: text(product, 'billingCycle'),
      termDuration: text(product, 'termDuration'),
      ...(promotionId ? { promotionId } : {}),
    },
    quantity,
    ...(customTermEndDate !== undefined ? { customTermEndDate } : {}),
  };
}

function optionalString(obj: JsonObject, name: string, path: string): string | undefined {
  const value = prop(obj, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidInput(`${path} must be a string.`);
  return value;
}
