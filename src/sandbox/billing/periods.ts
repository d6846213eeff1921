// Terms and billing periods of a subscription (reference §5 rule 7): a term of `termMonths` starts
// at the purchase, the next one the day after it ends (renewal); within a term, a billing period
// of `periodMonths` starts on the same day of the month as the term. End dates are inclusive
// midnights, as commitmentEndDate is (reference §1.5).
import { DAY_MS, inclusiveEnd } from '../dates.js';

export interface BillingPeriod {
  /** The purchase moment for the first period, midnight for the later ones. */
  readonly start: number;
  /** The period's last day, midnight. */
  readonly end: number;
  readonly termStart: number;
  readonly termEnd: number;
  /** 0 for the first term; later terms are renewals. */
  readonly termIndex: number;
  /** 0 for the first period of its term. */
  readonly index: number;
}

/** Every billing period that starts before `until`, oldest first. */
export function billingPeriods(createdAt: number, termMonths: number, periodMonths: number, until: number): BillingPeriod[] {
  if (termMonths < 1 || periodMonths < 1) throw new RangeError('terms and billing periods last at least a month');
  if (!Number.isFinite(until)) throw new RangeError('billingPeriods needs a finite end');
  const periods: BillingPeriod[] = [];
  for (let termStart = createdAt, termIndex = 0; termStart < until; termIndex++) {
    const termEnd = inclusiveEnd(termStart, termMonths);
    for (let index = 0; ; index++) {
      const start = index === 0 ? termStart : inclusiveEnd(termStart, index * periodMonths) + DAY_MS;
      if (start > termEnd || start >= until) break;
      const end = Math.min(inclusiveEnd(termStart, (index + 1) * periodMonths), termEnd);
      periods.push({ start, end, termStart, termEnd, termIndex, index });
    }
    termStart = termEnd + DAY_MS;
  }
  return periods;
}

/** The period in which `at` falls. */
export function periodAt(periods: readonly BillingPeriod[], at: number): BillingPeriod | undefined {
  return periods.find((p) => p.start <= at && at < p.end + DAY_MS);
}

/** The share of a period still ahead at `at`: 1 at its start, near 0 on its last moment. */
export function remainingShare(p: BillingPeriod, at: number): number {
  const endExclusive = p.end + DAY_MS;
  return (endExclusive - at) / (endExclusive - p.start);
}
