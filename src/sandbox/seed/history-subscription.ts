// One seeded subscription, bought in the past, as of the history anchor: its current term (renewed
// as often as it took to reach the anchor, unless it expired or was cancelled), its refund windows
// (each renewal opens a new one, reference §5 rule 6) and its seat history.
import { durationMonths, inclusiveEnd } from '../dates.js';
import { billingPeriodMonths } from '../model/billing-cycle.js';
import type { BillingCycle } from '../model/billing-cycle.js';
import type { CatalogItem } from '../model/catalog.js';
import { FULL_REFUND_MS, REFUND_WINDOW_MS } from '../model/seats.js';
import type { SeatChange, SeatChunk, SubscriptionRecord } from '../model/subscription.js';
import { subscriptionEtag } from '../model/subscription.js';
import { billingPeriods } from '../billing/periods.js';

export interface HistoryDraft {
  readonly id: string;
  readonly customerId: string;
  readonly country: string;
  readonly orderId: string;
  readonly item: CatalogItem;
  readonly termDuration: string;
  readonly billingCycle: BillingCycle;
  readonly purchasedAt: number;
  /** Seats bought with the order. */
  readonly quantity: number;
  /** Seats added later, oldest first. */
  readonly additions: readonly SeatChange[];
  readonly status: 'active' | 'suspended' | 'expired' | 'deleted';
  readonly autoRenewEnabled: boolean;
  /** For a deleted subscription: when it was cancelled, inside its first window. */
  readonly cancelledAt?: number;
}

export function historySubscription(seed: number, d: HistoryDraft, anchor: number): SubscriptionRecord {
  const termMonths = durationMonths(d.termDuration) ?? 1;
  const periodMonths = billingPeriodMonths(d.billingCycle) ?? termMonths;
  // The moment whose term and billing period the record shows: the cancellation, the last day of
  // an expired subscription's only term, or the anchor.
  const seen = d.status === 'deleted' ? (d.cancelledAt ?? d.purchasedAt) : d.status === 'expired' ? inclusiveEnd(d.purchasedAt, termMonths) : anchor;
  const current = billingPeriods(d.purchasedAt, termMonths, periodMonths, seen + 1).at(-1);
  if (!current) throw new Error(`history subscription ${d.id} has no billing period`);
  const seatChanges: SeatChange[] = [{ at: d.purchasedAt, delta: d.quantity }, ...d.additions];
  const quantity = seatChanges.reduce((sum, c) => sum + c.delta, 0);
  const termStart = current.termStart;
  const cancelled = d.status === 'deleted';
  return {
    id: d.id,
    customerId: d.customerId,
    orderId: d.orderId,
    country: d.country,
    productId: d.item.product.id,
    skuId: d.item.sku.id,
    availabilityId: d.item.availability.id,
    offerName: d.item.product.title,
    productType: d.item.product.productType,
    publisherName: d.item.product.publisherName,
    isTrial: false,
    createdAt: d.purchasedAt,
    friendlyName: d.item.sku.title,
    quantity,
    effectiveStartAt: termStart,
    commitmentEndAt: current.termEnd,
    // A renewal opens a new 7-day window (reference §5 rule 6).
    cancellationAllowedUntilAt: termStart + REFUND_WINDOW_MS,
    billingCycleEndAt: current.end,
    status: d.status,
    autoRenewEnabled: d.autoRenewEnabled,
    billingCycle: d.billingCycle,
    termDuration: d.termDuration,
    refundOptions: cancelled
      ? []
      : [
          { type: 'Full', expiresAt: termStart + FULL_REFUND_MS },
          { type: 'Partial', expiresAt: termStart + REFUND_WINDOW_MS },
        ],
    seatChunks: cancelled ? [] : seatChunks(seatChanges, termStart),
    seatChanges,
    ...(d.cancelledAt !== undefined ? { cancelledAt: d.cancelledAt } : {}),
    scheduledNextTermInstructions: null,
    version: 0,
    etag: subscriptionEtag(seed, d.id, 0),
  };
}

/** The seats held when the term began share its window; each later addition has its own. */
function seatChunks(changes: readonly SeatChange[], termStart: number): SeatChunk[] {
  const atStart = changes.filter((c) => c.at <= termStart).reduce((sum, c) => sum + c.delta, 0);
  const later = changes.filter((c) => c.at > termStart).map((c) => ({ quantity: c.delta, allowedUntilAt: c.at + REFUND_WINDOW_MS }));
  return [{ quantity: atStart, allowedUntilAt: termStart + REFUND_WINDOW_MS }, ...later];
}
