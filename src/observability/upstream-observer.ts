// One observer for the transport out of several (metrics, tracing, trace-context pass-through).
// Only the hooks some observer has are set, so the transport skips the rest; with no observer at
// all the gateway passes none and the transport does no observing work.
import type { AttemptScope, UpstreamObserver } from '../upstream/observer.js';

export function combineObservers(observers: readonly UpstreamObserver[]): UpstreamObserver | undefined {
  if (observers.length === 0) return undefined;
  if (observers.length === 1) return observers[0];
  const attempts = observers.flatMap((o) => (o.attempt ? [o.attempt.bind(o)] : []));
  const retries = observers.flatMap((o) => (o.retry ? [o.retry.bind(o)] : []));
  const budgets = observers.flatMap((o) => (o.budget ? [o.budget.bind(o)] : []));
  const calls = observers.flatMap((o) => (o.call ? [o.call.bind(o)] : []));
  return {
    ...(attempts.length > 0
      ? {
          attempt: (ctx, start): AttemptScope | undefined => {
            const scopes = attempts.flatMap((a) => a(ctx, start) ?? []);
            if (scopes.length === 0) return undefined;
            const headers = Object.assign({}, ...scopes.map((s) => s.headers ?? {})) as Record<string, string>;
            return { headers, end: (result) => scopes.forEach((s) => s.end(result)) };
          },
        }
      : {}),
    ...(retries.length > 0 ? { retry: (ctx, wait) => retries.forEach((r) => r(ctx, wait)) } : {}),
    ...(budgets.length > 0 ? { budget: (ctx, event) => budgets.forEach((b) => b(ctx, event)) } : {}),
    ...(calls.length > 0 ? { call: (ctx, end) => calls.forEach((c) => c(ctx, end)) } : {}),
  } satisfies UpstreamObserver;
}
