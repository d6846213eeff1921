// The charges a subscription causes (reference §2.6 "chargeType"): each billing period is charged
// at its start (`new` for the purchase, `renew` when a term renews, `cycleCharge` for the other
// periods of a term); a seat increase or decrease is charged or refunded for what is left of its
// period (`addQuantity`, `removeQuantity`); a cancellation refunds what is left of the period
// (`cancel`, the docs' name for a refund). Trials and one-time cycles charge nothing here.
import { billingPeriodMonths } from '../model/billing-cycle.js';
import { billingPeriods, periodAt, remainingShare } from './periods.js';
import { seatsAt, seatsBefore } from './subject.js';
import type { BillingSubject } from './subject.js';

export type ChargeType = 'new' | 'renew' | 'cycleCharge' | 'addQuantity' | 'removeQuantity' | 'cancel';

export interface Charge {
  readonly subject: BillingSubject;
  readonly type: ChargeType;
  /** When it was charged: it falls into the billing month of this moment. */
  readonly at: number;
  /** The charged period: from the period start (or the change), to the period's last day. */
  readonly start: number;
  readonly end: number;
  readonly termStart: number;
  readonly termEnd: number;
  /** Seats charged; negative for a refund. */
  readonly quantity: number;
  /** The share of the billing period charged: 1 for a whole period. */
  readonly share: number;
}

/** The subscription's charges with `from <= at < to`, oldest first. */
export function chargesBetween(subject: BillingSubject, from: number, to: number): Charge[] {
  const periodMonths = billingPeriodMonths(subject.billingCycle);
  if (periodMonths === undefined || subject.termMonths < 1) return [];
  const until = Math.min(to, subject.endsAt);
  if (until <= subject.createdAt) return [];
  const periods = billingPeriods(subject.createdAt, subject.termMonths, periodMonths, until);
  const charges: Charge[] = [];
  for (const p of periods) {
    if (p.start < from) continue;
    const type = p.index > 0 ? 'cycleCharge' : p.termIndex > 0 ? 'renew' : 'new';
    charges.push({ subject, type, at: p.start, start: p.start, end: p.end, termStart: p.termStart, termEnd: p.termEnd, quantity: seatsBefore(subject, p.start), share: 1 });
  }
  const changed = (at: number): boolean => at > subject.createdAt && at >= from && at < until;
  for (const c of subject.seatChanges) {
    const p = changed(c.at) ? periodAt(periods, c.at) : undefined;
    if (!p) continue;
    const type = c.delta > 0 ? 'addQuantity' : 'removeQuantity';
    charges.push({ subject, type, at: c.at, start: c.at, end: p.end, termStart: p.termStart, termEnd: p.termEnd, quantity: c.delta, share: remainingShare(p, c.at) });
  }
  const cancelledAt = subject.cancelledAt;
  const p = cancelledAt !== undefined && cancelledAt >= from && cancelledAt < to ? periodAt(periods, cancelledAt) : undefined;
  if (p && cancelledAt !== undefined) {
    const seats = seatsAt(subject, cancelledAt);
    charges.push({ subject, type: 'cancel', at: cancelledAt, start: cancelledAt, end: p.end, termStart: p.termStart, termEnd: p.termEnd, quantity: -seats, share: remainingShare(p, cancelledAt) });
  }
  return charges.sort(compareCharges);
}

/** Oldest first; ties by subscription and charge type, so every listing has one stable order. */
export function compareCharges(a: Charge, b: Charge): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.subject.subscriptionId !== b.subject.subscriptionId) return a.subject.subscriptionId < b.subject.subscriptionId ? -1 : 1;
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}
