// Admission of one attempt by the budget: a spent bucket or a paused scope is waited out when the
// wait fits what is left of the call's deadline (abortable by the caller), and otherwise refused
// at once as THROTTLED with retryAfter, without calling Partner Center: the caller learns when to
// come back instead of spending its deadline on a call that would end in a 429.
import { setTimeout as sleep } from 'node:timers/promises';
import { PartnerCenterError } from './errors.js';
import type { BudgetScope, BudgetVerdict, UpstreamBudget } from './budget.js';

export interface Admission {
  customerId: string | undefined;
  /** When the call's deadline passes (Date.now() clock). */
  deadlineAt: number;
  /** Time an attempt needs at the least: a wait that leaves less than this cannot be worth it. */
  minAttemptMs: number;
  /** The call's signal: its caller and its deadline. */
  signal: AbortSignal;
  base: { requestId: string; correlationId: string; method: string; path: string };
  /** Told of each wait and of a refusal (metrics, tracing). */
  observe?: (event: { scope: BudgetScope; reason: 'spent' | 'paused'; waitMs: number; refused: boolean }) => void;
}

/**
 * Resolves once the budget admits the attempt. Rejects with THROTTLED (the wait does not fit the
 * deadline), or with what `stopped` makes of an abort during a wait (TIMEOUT or CANCELLED).
 */
export async function admit(budget: UpstreamBudget, call: Admission, stopped: (cause: unknown) => PartnerCenterError): Promise<void> {
  for (;;) {
    const verdict = await budget.take(call.customerId);
    if (verdict.admitted) return;
    const refused = verdict.waitMs > call.deadlineAt - Date.now() - call.minAttemptMs;
    call.observe?.({ scope: verdict.scope, reason: verdict.reason, waitMs: verdict.waitMs, refused });
    if (refused) throw throttled(budget, verdict, call);
    try {
      await sleep(verdict.waitMs, undefined, { signal: call.signal });
    } catch (err) {
      throw stopped(err);
    }
  }
}

function throttled(budget: UpstreamBudget, verdict: Exclude<BudgetVerdict, { admitted: true }>, call: Admission): PartnerCenterError {
  const retryAfter = Math.max(1, Math.ceil(verdict.waitMs / 1000));
  const whose = verdict.scope === 'partner' ? 'the partner' : `customer ${call.customerId ?? ''}`;
  const description =
    verdict.reason === 'spent'
      ? `The gateway's budget of Partner Center calls for ${whose} (${budget.perWindow(verdict.scope)} per ${budget.windowSeconds} s, shared by every replica) is spent; retry after ${retryAfter} s.`
      : `Partner Center throttled calls for ${whose} (Retry-After); every replica holds them back for ${retryAfter} s more.`;
  // No status: Partner Center was not called. retryable: the caller may come back after retryAfter.
  return new PartnerCenterError({ ...call.base, kind: 'THROTTLED', description, retryable: true, retryAfter, attempts: 0 });
}
