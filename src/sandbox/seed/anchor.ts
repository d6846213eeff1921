// The fixed moment the seeded history is written against. History is data, not a function of the
// clock: the same seed serves byte-identical subscriptions, orders and invoices whenever it runs,
// and the sandbox does not renew or expire seeded subscriptions as its clock moves past the anchor.
import { DAY_MS } from '../dates.js';

export const HISTORY_ANCHOR_MS = Date.UTC(2026, 5, 1);

/** Seeded orders are in the order list whatever the clock says: the sandbox's world starts with them. */
export const HISTORY_LISTED_AT = Number.NEGATIVE_INFINITY;

/** Monthly OneTime invoices for this many billing months, the newest ending before the anchor's month. */
export const BILLED_MONTHS = 12;

const anchor = new Date(HISTORY_ANCHOR_MS);

/**
 * Billing month `i` (0 = oldest) starts on this day. The newest (i = 11) is the month before the
 * month before the anchor, so its invoice, issued early in the next month, predates the anchor,
 * and the anchor's previous month is still unbilled.
 */
export function billedMonthStart(i: number): number {
  return Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - BILLED_MONTHS - 1 + i, 1);
}

/** The last day (midnight) of billing month `i`. */
export function billedMonthEnd(i: number): number {
  return billedMonthStart(i + 1) - DAY_MS;
}
