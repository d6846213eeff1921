// The money of one charge, in integer cents so that an invoice's total is exactly the sum of its
// lines' totalForCustomer, and the decimal strings reconciliation lines carry (sample §6.9 writes
// "16", "14.4", "720": no trailing zeros).
import { billingPeriodMonths } from '../model/billing-cycle.js';
import type { Charge } from './charges.js';
import { monthlyPriceCents, taxRate } from './prices.js';

export interface ChargeAmounts {
  /** Per seat, for a whole billing period. */
  readonly unitCents: number;
  /** Seats times the share of the period charged. */
  readonly billableQuantity: number;
  readonly subtotalCents: number;
  readonly taxCents: number;
  readonly totalCents: number;
}

export function chargeAmounts(c: Charge): ChargeAmounts {
  const s = c.subject;
  const months = billingPeriodMonths(s.billingCycle) ?? s.termMonths;
  const unitCents = monthlyPriceCents(s.productId, s.currencyCode, s.termDuration) * months;
  const billableQuantity = c.quantity * c.share;
  const subtotalCents = roundHalfAway(unitCents * billableQuantity);
  const taxCents = roundHalfAway(subtotalCents * taxRate(s.country));
  return { unitCents, billableQuantity, subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
}

/** 72000 → "720", 1440 → "14.4", -1599 → "-15.99". */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac === '' ? '' : `.${frac}`}`;
}

/** Up to six decimals, without trailing zeros: 50 → "50", 12.9032258 → "12.903226". */
export function decimalText(value: number): string {
  const text = value.toFixed(6).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** Rounds .5 away from zero, so a refund mirrors its charge to the cent. */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}
