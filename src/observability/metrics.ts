// The gateway's Prometheus metrics (prom-client), one registry per gateway: tests and the
// benchmark run several gateways in one process, and each must count only its own work.
// Label values are bounded by construction: operation names through OperationLabels, upstream
// routes as templates (route-template.ts), methods, statuses, attempts (at most
// UPSTREAM_MAX_ATTEMPTS), error kinds and codes from fixed sets; no ids, tokens or tenants,
// except the customer tenants an operator lists in METRICS_CUSTOMER_LABELS.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricsSettings } from '../config.js';
import { OperationLabels } from './operation-label.js';

/** Seconds: a warm read answers in milliseconds, a cold browse in a few round-trips, a checkout in seconds. */
const OPERATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: one Partner Center round-trip is tens to hundreds of milliseconds; a call with retries up to the deadline. */
const UPSTREAM_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
/** Seconds: backoff waits are milliseconds, Retry-After and budget waits whole seconds. */
const WAIT_BUCKETS = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly operationNames: OperationLabels;
  readonly customerLabels: ReadonlySet<string>;

  readonly operations: Counter<'operation' | 'type' | 'outcome'>;
  readonly operationDuration: Histogram<'operation' | 'type'>;
  readonly errors: Counter<'code'>;
  readonly subscriptionsActive: Gauge;

  readonly upstreamRequests: Counter<'route' | 'method' | 'status' | 'attempt' | 'customer'>;
  readonly upstreamRequestDuration: Histogram<'route' | 'method'>;
  readonly upstreamCalls: Counter<'route' | 'method' | 'outcome'>;
  readonly upstreamCallDuration: Histogram<'route' | 'method'>;
  readonly upstreamRetries: Counter<'route' | 'method' | 'reason'>;
  readonly upstreamRetryWait: Histogram<'source'>;
  readonly budgetWait: Histogram<'scope' | 'reason'>;
  readonly budgetRefusals: Counter<'scope' | 'reason' | 'customer'>;

  constructor(settings: Pick<MetricsSettings, 'maxOperationNames' | 'customerLabels'>) {
    const registers = [this.registry];
    this.operationNames = new OperationLabels(settings.maxOperationNames);
    this.customerLabels = new Set(settings.customerLabels);
    const customer = this.customerLabels.size > 0 ? (['customer'] as const) : [];

    this.operations = new Counter({
      name: 'pcgw_graphql_operations_total',
      help: 'GraphQL operations by name, type (query, mutation, subscription) and outcome: ok (no errors), error (errors in the result), rejected (not executed: parse, validation, limits, CSRF, trusted documents).',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.operationDuration = new Histogram({
      name: 'pcgw_graphql_operation_duration_seconds',
      help: 'Time from the request being read to its result, per operation (subscriptions excluded: they last as long as their watchers).',
      labelNames: ['operation', 'type'],
      buckets: OPERATION_BUCKETS,
      registers,
    });
    this.errors = new Counter({ name: 'pcgw_graphql_errors_total', help: 'GraphQL errors returned to callers, by extensions.code.', labelNames: ['code'], registers });
    this.subscriptionsActive = new Gauge({ name: 'pcgw_graphql_subscriptions_active', help: 'Subscription streams (SSE) open now.', registers });

    this.upstreamRequests = new Counter({
      name: 'pcgw_upstream_requests_total',
      help: 'HTTP requests to Partner Center (every attempt, retries included) by route template, method, status ("none": no answer) and attempt (1: first try).',
      labelNames: ['route', 'method', 'status', 'attempt', ...customer],
      registers,
    });
    this.upstreamRequestDuration = new Histogram({
      name: 'pcgw_upstream_request_duration_seconds',
      help: 'Duration of one HTTP attempt to Partner Center, headers and body.',
      labelNames: ['route', 'method'],
      buckets: UPSTREAM_BUCKETS,
      registers,
    });
    this.upstreamCalls = new Counter({
      name: 'pcgw_upstream_calls_total',
      help: 'Logical Partner Center calls (one MS-RequestId, however many attempts) by outcome: ok, or the error kind the caller got (throttled, timeout, ...).',
      labelNames: ['route', 'method', 'outcome'],
      registers,
    });
    this.upstreamCallDuration = new Histogram({
      name: 'pcgw_upstream_call_duration_seconds',
      help: 'Duration of a logical Partner Center call: attempts, retry waits and budget waits.',
      labelNames: ['route', 'method'],
      buckets: UPSTREAM_BUCKETS,
      registers,
    });
    this.upstreamRetries = new Counter({
      name: 'pcgw_upstream_retries_total',
      help: 'Attempts repeated, by the failure of the attempt before (throttled: a 429; server_error, unavailable, timeout, network).',
      labelNames: ['route', 'method', 'reason'],
      registers,
    });
    this.upstreamRetryWait = new Histogram({
      name: 'pcgw_upstream_retry_wait_seconds',
      help: 'Waits before a retry, as decided: source retry_after (Partner Center said how long) or backoff (exponential, full jitter).',
      labelNames: ['source'],
      buckets: WAIT_BUCKETS,
      registers,
    });
    this.budgetWait = new Histogram({
      name: 'pcgw_upstream_budget_wait_seconds',
      help: 'Waits for the fleet-wide upstream budget before an attempt: scope partner or customer; reason spent (window used up) or paused (a 429 with Retry-After).',
      labelNames: ['scope', 'reason'],
      buckets: WAIT_BUCKETS,
      registers,
    });
    this.budgetRefusals = new Counter({
      name: 'pcgw_upstream_budget_refusals_total',
      help: 'Calls answered THROTTLED by the gateway itself: the budget wait would not fit the deadline (Partner Center not called).',
      labelNames: ['scope', 'reason', ...customer],
      registers,
    });
    // Process CPU, memory, event-loop delay, GC: the standard names, so stock dashboards work.
    collectDefaultMetrics({ register: this.registry });
  }

  /** The `customer` label value of a call: its tenant when the operator listed it, else empty. */
  customerLabel(customerId: string | undefined): string {
    return customerId !== undefined && this.customerLabels.has(customerId) ? customerId : '';
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
