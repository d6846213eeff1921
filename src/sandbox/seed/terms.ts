// Availability terms. Each (duration, billingCycle) pair is its own term with its own id, as in the
// real response quoted in reference §2.1; every term advertises the one-day full refund (P1D).
import type { Random } from '../random.js';
import { LOWER_ALNUM } from '../random.js';
import type { TermBillingCycle, TermRecord } from '../model/catalog.js';

type Duration = TermRecord['duration'];

const DESCRIPTIONS: Readonly<Record<Duration, string>> = {
  P1M: 'One-Month commitment for monthly billing',
  P1Y: 'One-Year commitment for monthly/yearly billing',
  P3Y: 'Three-Year commitment for monthly/yearly/triennial billing',
};

const STANDARD: ReadonlyArray<readonly [Duration, TermBillingCycle]> = [
  ['P1M', 'Monthly'],
  ['P1Y', 'Monthly'],
  ['P1Y', 'Annual'],
];
const TRIENNIAL: ReadonlyArray<readonly [Duration, TermBillingCycle]> = [
  ['P3Y', 'Annual'],
  ['P3Y', 'Triennial'],
];

export type TermPlan = 'standard' | 'triennial' | 'trial';

export function buildTerms(random: Random, plan: TermPlan): TermRecord[] {
  if (plan === 'trial') {
    return [term(random.chars(LOWER_ALNUM, 12), 'P1M', 'None', 'One-Month trial')];
  }
  const pairs = plan === 'triennial' ? [...STANDARD, ...TRIENNIAL] : STANDARD;
  return pairs.map(([duration, cycle]) => term(random.chars(LOWER_ALNUM, 12), duration, cycle, DESCRIPTIONS[duration]));
}

function term(id: string, duration: Duration, billingCycle: TermBillingCycle, description: string): TermRecord {
  return {
    id,
    duration,
    description,
    billingCycle,
    cancellationPolicies: [{ refundOptions: [{ sequenceId: 0, type: 'Full', expiresAfter: 'P1D' }] }],
  };
}
