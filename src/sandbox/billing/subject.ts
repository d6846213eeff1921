// What billing needs to know about a subscription, copied from its record: billed invoices are
// computed from copies taken when the sandbox starts, so later changes (which happen "now" on the
// clock) never rewrite an invoice that was already issued.
import { DAY_MS, durationMonths } from '../dates.js';
import type { BillingCycle } from '../model/billing-cycle.js';
import type { SeatChange, SubscriptionRecord } from '../model/subscription.js';

export interface BillingSubject {
  readonly subscriptionId: string;
  readonly customerId: string;
  readonly country: string;
  readonly currencyCode: string;
  readonly orderId: string;
  readonly orderCreatedAt: number;
  readonly productId: string;
  readonly skuId: string;
  readonly availabilityId: string;
  readonly friendlyName: string;
  readonly promotionId?: string;
  readonly createdAt: number;
  readonly billingCycle: BillingCycle;
  readonly termDuration: string;
  readonly termMonths: number;
  readonly seatChanges: readonly SeatChange[];
  readonly cancelledAt?: number;
  /** Nothing is charged from here on: after the cancellation, or after a last term that does not renew. */
  readonly endsAt: number;
}

export function billingSubject(s: SubscriptionRecord, order: { readonly createdAt: number; readonly currency: { readonly code: string } }): BillingSubject {
  const renews = s.autoRenewEnabled && s.status !== 'expired' && s.status !== 'deleted';
  return {
    subscriptionId: s.id,
    customerId: s.customerId,
    country: s.country,
    currencyCode: order.currency.code,
    orderId: s.orderId,
    orderCreatedAt: order.createdAt,
    productId: s.productId,
    skuId: s.skuId,
    availabilityId: s.availabilityId,
    friendlyName: s.friendlyName,
    ...(s.promotionId !== undefined ? { promotionId: s.promotionId } : {}),
    createdAt: s.createdAt,
    billingCycle: s.billingCycle,
    termDuration: s.termDuration,
    termMonths: durationMonths(s.termDuration) ?? 0,
    seatChanges: [...s.seatChanges],
    ...(s.cancelledAt !== undefined ? { cancelledAt: s.cancelledAt } : {}),
    // The moment of the cancellation itself still counts (its refund line is charged then).
    endsAt: s.cancelledAt !== undefined ? s.cancelledAt + 1 : renews ? Number.POSITIVE_INFINITY : s.commitmentEndAt + DAY_MS,
  };
}

/** Seats held at `at`, counting the changes made at that moment. */
export function seatsAt(subject: BillingSubject, at: number): number {
  return subject.seatChanges.reduce((sum, c) => (c.at <= at ? sum + c.delta : sum), 0);
}

/**
 * Seats a period starting at `at` is charged for: those held before it (a change at that very
 * moment is charged on its own line), plus the purchase itself for the first period.
 */
export function seatsBefore(subject: BillingSubject, at: number): number {
  return subject.seatChanges.reduce((sum, c) => (c.at < at || c.at === subject.createdAt ? sum + c.delta : sum), 0);
}
