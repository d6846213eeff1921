// Billing cycles. Responses write them as lower snake_case enums (`one_time`); requests may use
// any casing or the .NET member names (`OneTime`), and availability terms spell them PascalCase
// (`Monthly`); reference §1.5 and §2.3.
import type { TermBillingCycle } from './catalog.js';

export const BILLING_CYCLES = ['monthly', 'annual', 'triennial', 'biennial', 'one_time', 'none'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

const squash = (value: string): string => value.replace(/[_\s-]/g, '').toLowerCase();

/** `monthly`, `Monthly`, `one_time`, `OneTime` and `ONE_TIME` all read as their wire form. */
export function parseBillingCycle(raw: string): BillingCycle | undefined {
  const key = squash(raw);
  return BILLING_CYCLES.find((c) => squash(c) === key);
}

export function termHasCycle(term: TermBillingCycle, cycle: BillingCycle): boolean {
  return squash(term) === squash(cycle);
}

/** Months in one billing period; one-time and trial (`none`) cycles bill once for the whole term. */
export function billingPeriodMonths(cycle: BillingCycle): number | undefined {
  const months: Partial<Record<BillingCycle, number>> = { monthly: 1, annual: 12, biennial: 24, triennial: 36 };
  return months[cycle];
}
