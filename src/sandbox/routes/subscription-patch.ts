// PATCH /customers/{c}/subscriptions/{s} (reference §2.5 "PATCH semantics", §5 rules 6-9): the body
// is the full resource; what differs from the stored one is checked (subscription-rules.ts) and
// applied. With `subscriptionPatchDelayMs` above 0 a valid change is accepted with 202 and shows
// that much later on the clock, applied when the store is next read (no timers). Repeats with the
// same MS-RequestId are answered from the pipeline's idempotency ledger.
import { ApiError, FaultCode } from '../errors.js';
import { ok } from '../request.js';
import type { Reply, RequestContext } from '../request.js';
import { requireCustomer, requireSubscription } from './commerce-lookup.js';
import { parseSubscriptionPatch } from './subscription-patch-input.js';
import { applyChange, isEmptyPlan, planChange } from './subscription-rules.js';
import { subscriptionPath, subscriptionView } from './subscription-view.js';

export function updateSubscription(ctx: RequestContext): Reply {
  const s = requireSubscription(ctx, requireCustomer(ctx));
  const input = parseSubscriptionPatch(ctx.body);
  const { commerce, catalog } = ctx.store;
  if (commerce.hasPendingChange(s)) {
    // A second change while one is being processed: 409 like the other "in progress" answers
    // (800060, 800064), with the docs' "not ready" code; no dedicated code is documented.
    throw new ApiError(409, FaultCode.subscriptionNotReady, 'Subscription is not ready to be updated');
  }
  // The docs' samples always send the etag (reference §1.3, §5 rule 9); a body without one is
  // accepted as "last writer wins", as the service's optimistic check only applies when given.
  if (input.etag !== undefined && input.etag !== s.etag) throw new ApiError(400, FaultCode.etagInvalid, 'Etag is no longer valid');
  const sku = catalog.sku(s.productId, s.skuId);
  if (!sku) throw new Error(`subscription ${s.id} names unknown SKU ${s.productId}:${s.skuId}`);
  const now = ctx.store.clock.now().getTime();
  const plan = planChange(s, input, sku, now);
  // Nothing differs: nothing to do, and the etag stays.
  if (isEmptyPlan(plan)) return ok(subscriptionView(s, now));
  const delayMs = commerce.settings.subscriptionPatchDelayMs;
  if (delayMs > 0) {
    commerce.schedule(s, now + delayMs, (at) => applyChange(s, plan, at));
    // The docs say "poll the Location" and show no body (reference §2.5): an empty body, so a
    // client cannot mistake the unchanged resource for the result.
    return { status: 202, headers: { Location: subscriptionPath(s) } };
  }
  applyChange(s, plan, now);
  commerce.touch(s);
  return ok(subscriptionView(s, now));
}
