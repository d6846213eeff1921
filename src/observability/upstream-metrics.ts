// Counts the transport's work into the gateway's metrics: every attempt (route template, method,
// status, attempt number), every retry and its wait, every budget wait or refusal, every logical
// call with its outcome. Routes are templates, so no id ever becomes a label value.
import type { UpstreamObserver } from '../upstream/observer.js';
import { customerOfPath } from '../upstream/budget-scope.js';
import type { GatewayMetrics } from './metrics.js';
import { routeTemplate } from './route-template.js';

/** Status label: the HTTP code, or "none" when no answer came (dropped connection, timeout). */
function statusLabel(status: number | undefined): string {
  return status !== undefined && status >= 100 && status <= 599 ? String(status) : 'none';
}

export function upstreamMetrics(m: GatewayMetrics): UpstreamObserver {
  const withCustomer = m.customerLabels.size > 0;
  const customerOf = (apiPath: string) => (withCustomer ? { customer: m.customerLabel(customerOfPath(apiPath)) } : {});
  return {
    attempt: (_ctx, start) => ({
      end: ({ status, durationMs }) => {
        const route = routeTemplate(start.apiPath);
        m.upstreamRequests.inc({ route, method: start.method, status: statusLabel(status), attempt: String(start.attempt), ...customerOf(start.apiPath) });
        m.upstreamRequestDuration.observe({ route, method: start.method }, durationMs / 1000);
      },
    }),
    retry: (_ctx, wait) => {
      m.upstreamRetries.inc({ route: routeTemplate(wait.apiPath), method: wait.method, reason: wait.reason.toLowerCase() });
      m.upstreamRetryWait.observe({ source: wait.retryAfter ? 'retry_after' : 'backoff' }, wait.delayMs / 1000);
    },
    budget: (_ctx, event) => {
      if (event.refused) m.budgetRefusals.inc({ scope: event.scope, reason: event.reason, ...customerOf(event.apiPath) });
      else m.budgetWait.observe({ scope: event.scope, reason: event.reason }, event.waitMs / 1000);
    },
    call: (_ctx, end) => {
      const route = routeTemplate(end.apiPath);
      m.upstreamCalls.inc({ route, method: end.method, outcome: end.error === undefined ? 'ok' : end.error.toLowerCase() });
      m.upstreamCallDuration.observe({ route, method: end.method }, end.durationMs / 1000);
    },
  };
}
