// One way to change a subscription, whatever the change: read the current resource, check what can
// be checked without the clock (state, seat range), apply the change to the full resource, PATCH it,
// follow a 202 until the change shows (bounded), retry once with a fresh read on a stale etag, and
// turn Partner Center's refusals into errors a frontend can act on. Time windows (cancellation,
// seat decrease) are left to Partner Center, whose clock decides; its answer is mapped with the
// deadline and refundable seats read from the resource.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayContext } from '../../context.js';
import { PartnerCenterError } from '../../upstream/errors.js';
import {
  getSubscriptionAt,
  getSubscriptionForUpdate,
  patchSubscription,
  type SubscriptionForUpdate,
  type SubscriptionStatus,
  type UpstreamSubscription,
} from '../../upstream/subscriptions.js';
import { ConflictError, ValidationError } from '../../errors/gateway-errors.js';
import { toMutationError } from '../../errors/mutation-errors.js';
import { asNotFound } from '../../errors/not-found.js';
import { CancellationWindowClosedError, ChangePendingError, InvalidSubscriptionStateError, SeatDecreaseNotAllowedError } from '../../errors/subscription-errors.js';
import { SkuRef } from '../catalog/refs.js';
import { joinKey } from '../node.js';
import { catalogKeyOf, type SubscriptionShape } from './subscription.type.js';

export interface SubscriptionChange {
  /** What the change does, for messages. */
  label: string;
  /** States the change may start from. */
  from: readonly SubscriptionStatus[];
  /** The fields to set on the full resource. */
  fields: { quantity?: number; autoRenewEnabled?: boolean; friendlyName?: string; status?: 'active' | 'suspended' | 'deleted' };
}

const STATE_CODES = new Set([2001, 2011, 800081, 800082, 800091, 800095, 800096]);

function isApplied(sub: UpstreamSubscription, fields: SubscriptionChange['fields']): boolean {
  return (
    (fields.quantity === undefined || sub.quantity === fields.quantity) &&
    (fields.autoRenewEnabled === undefined || sub.autoRenewEnabled === fields.autoRenewEnabled) &&
    (fields.friendlyName === undefined || sub.friendlyName === fields.friendlyName) &&
    (fields.status === undefined || sub.status === fields.status)
  );
}

async function read(ctx: GatewayContext, customerId: string, subscriptionId: string): Promise<SubscriptionForUpdate> {
  try {
    return await getSubscriptionForUpdate(ctx.upstream, ctx.call, customerId, subscriptionId);
  } catch (err) {
    throw asNotFound(err, `Subscription ${subscriptionId} of customer ${customerId} was not found.`);
  }
}

async function checkSeats(ctx: GatewayContext, customerId: string, sub: UpstreamSubscription, quantity: number): Promise<void> {
  const key = await catalogKeyOf(ctx, { ...sub, customerId });
  if (!key) return;
  const sku = await SkuRef.getDataloader(ctx).load(joinKey(key.productId, key.skuId, key.country));
  if (quantity < sku.minimumQuantity || quantity > sku.maximumQuantity) {
    throw new ValidationError(`quantity must be between ${sku.minimumQuantity} and ${sku.maximumQuantity} for ${sku.title}.`, [
      { path: 'quantity', message: `must be between ${sku.minimumQuantity} and ${sku.maximumQuantity}; got ${quantity}` },
    ]);
  }
}

function mapRefusal(err: unknown, current: SubscriptionForUpdate): unknown {
  if (!(err instanceof PartnerCenterError) || (err.kind !== 'BAD_INPUT' && err.kind !== 'FORBIDDEN' && err.kind !== 'CONFLICT')) return toMutationError(err);
  const code = Number(err.code);
  const sub = current.parsed;
  // The parsed view, not the raw body: Partner Center may send the count as a string ("3").
  if (code === 800090) return new SeatDecreaseNotAllowedError(err.description, sub.refundableQuantity?.totalQuantity ?? 0);
  if (code === 900117) {
    return new CancellationWindowClosedError(`The cancellation window closed at ${sub.cancellationAllowedUntilDate ?? 'an unknown time'}: ${err.description}`, sub.cancellationAllowedUntilDate);
  }
  if (code === 2002) return new ValidationError(err.description, [{ path: 'quantity', message: err.description }], code);
  if (STATE_CODES.has(code)) return new InvalidSubscriptionStateError(err.description, sub.status);
  return toMutationError(err);
}

/** Follows a 202 Accepted until the change shows, with backoff, at most `pollMaxMs`. */
async function follow(ctx: GatewayContext, location: string, change: SubscriptionChange): Promise<UpstreamSubscription> {
  const until = Date.now() + ctx.services.pollMaxMs;
  for (let wait = 200; ; wait = Math.min(wait * 2, 2_000)) {
    const sub = await getSubscriptionAt(ctx.upstream, ctx.call, location);
    if (isApplied(sub, change.fields)) return sub;
    if (Date.now() + wait > until) throw new ChangePendingError(`Partner Center accepted the change (${change.label}) but has not applied it yet; read the subscription again later.`);
    await sleep(wait, undefined, ctx.call.signal ? { signal: ctx.call.signal } : undefined);
  }
}

export async function changeSubscription(ctx: GatewayContext, customerId: string, subscriptionId: string, change: SubscriptionChange): Promise<SubscriptionShape> {
  // One MS-RequestId per logical change: the client's own retries of the PATCH reuse it.
  const requestId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const current = await read(ctx, customerId, subscriptionId);
    const sub = current.parsed;
    if (isApplied(sub, change.fields)) return { ...sub, customerId };
    if (!change.from.includes(sub.status)) {
      throw new InvalidSubscriptionStateError(`A ${sub.status} subscription cannot be changed this way (${change.label}).`, sub.status);
    }
    if (change.fields.quantity !== undefined) await checkSeats(ctx, customerId, sub, change.fields.quantity);
    try {
      const outcome = await patchSubscription(ctx.upstream, ctx.call, customerId, subscriptionId, { ...current.raw, ...change.fields }, attempt === 1 ? requestId : randomUUID());
      const updated = outcome.kind === 'done' ? outcome.subscription : await follow(ctx, outcome.location, change);
      return { ...updated, customerId };
    } catch (err) {
      // A stale etag means someone else changed it in between: read again and retry once.
      if (err instanceof PartnerCenterError && Number(err.code) === 2055) {
        if (attempt === 1) continue;
        throw new ConflictError('The subscription keeps changing under this request (stale etag); read it again and retry.', 'CONFLICT', 2055);
      }
      throw mapRefusal(err, current);
    }
  }
}
