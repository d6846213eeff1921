// The only code that speaks HTTP to Partner Center. One undici Pool with keep-alive; every call
// carries the documented headers (https://learn.microsoft.com/partner-center/developer/headers):
// MS-CorrelationId (one per GraphQL operation), MS-RequestId (one per logical call, the same on each
// retry of it: the service uses it to de-duplicate writes), X-Locale.
import { randomUUID } from 'node:crypto';
import { Pool, type Dispatcher } from 'undici';
import { handleWhen, retry, DelegateBackoff } from 'cockatiel';
import type { Logger } from 'pino';
import type { CallerIdentity } from '../auth/identity.js';
import { PartnerCenterError, kindForStatus, parseFaultBody, parseRetryAfter, type PartnerCenterErrorKind } from './errors.js';
import { classifyNetworkError, isRetryable, type HttpMethod } from './retry-rules.js';
import { admit } from './budget-admit.js';
import { customerOfPath } from './budget-scope.js';
import type { UpstreamBudget } from './budget.js';
import type { BudgetEvent, CallTrace, UpstreamObserver } from './observer.js';

/** Below this much time left before the deadline, no new attempt is started. */
const MIN_ATTEMPT_MS = 10;

export interface CallContext {
  correlationId: string;
  /** The caller, when the gateway authenticates callers; app+user mode acts on their behalf. */
  identity?: CallerIdentity;
  locale: string;
  /** Aborted when the GraphQL request goes away; in-flight calls and retry waits stop. */
  signal?: AbortSignal;
  logger?: Logger;
  /** The operation's trace (W3C trace context), for the observer: it sends it on as traceparent. */
  trace?: CallTrace;
}

export interface TransportSettings {
  baseUrl: string;
  connections: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  deadlineMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxDelayMs: number;
  retryAfterCapSeconds: number;
}

export interface RequestOptions {
  method: HttpMethod;
  /** Path relative to the API version root ('/products'), or a link uri with or without '/v1'. */
  path: string;
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  headers?: Readonly<Record<string, string>>;
  body?: unknown;
  /** Pin the MS-RequestId, e.g. one derived from a client idempotency key. */
  requestId?: string;
}

export interface UpstreamResponse {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: unknown;
  requestId: string;
}

export interface CallEvent {
  method: string;
  path: string;
  status: number | undefined;
  attempt: number;
  durationMs: number;
  requestId: string;
  correlationId: string;
}

export interface ClientOptions extends TransportSettings {
  /** Inject a dispatcher (undici MockAgent in tests); by default a Pool on the base URL's origin. */
  dispatcher?: Dispatcher;
  /** Returns the bearer token for a call, or undefined when the upstream needs none (sandbox). */
  getToken?: (ctx: CallContext) => Promise<string | undefined>;
  /** Partner Center refused the token (401): the token source should forget it. */
  onUnauthorized?: (ctx: CallContext) => void;
  onCall?: (event: CallEvent) => void;
  userAgent?: string;
  random?: () => number;
  /**
   * The fleet-wide budget (src/upstream/budget.ts): every attempt takes its points first, and a
   * 429 with Retry-After pauses its scope. None: no budget, no pauses. The client closes it.
   */
  budget?: UpstreamBudget | undefined;
  /** Metrics and tracing (src/observability): told of attempts, retry waits, budget waits and call ends. */
  observer?: UpstreamObserver | undefined;
}

export class PartnerCenterClient {
  private readonly origin: string;
  private readonly prefix: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly random: () => number;

  constructor(private readonly options: ClientOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    // A base URL may carry a path prefix (a reverse proxy); the version segment is always ours to add.
    this.prefix = `${url.pathname.replace(/\/+$/, '')}/v1`;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Pool(this.origin, {
        connections: options.connections,
        keepAliveTimeout: 30_000,
        connect: { timeout: options.connectTimeoutMs },
        headersTimeout: options.headersTimeoutMs,
        bodyTimeout: options.bodyTimeoutMs,
      });
    this.random = options.random ?? Math.random;
  }

  /** Resolves a service link ('/customers?size=40', '/v1/customers', an absolute URL) to a request path. */
  resolvePath(path: string, query?: RequestOptions['query']): string {
    let p = path;
    if (/^https?:\/\//i.test(p)) {
      const u = new URL(p);
      if (u.origin !== this.origin) throw new Error(`Refusing to follow a link to another origin: ${u.origin}`);
      p = `${u.pathname}${u.search}`;
    }
    if (!p.startsWith('/')) p = `/${p}`;
    // Links inside response bodies leave out /v1 (a few old samples keep it): accept both.
    const full = p.startsWith(`${this.prefix}/`) || p === this.prefix ? p : p.startsWith('/v1/') ? `${this.prefix.slice(0, -3)}${p}` : `${this.prefix}${p}`;
    if (!query) return full;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.append(k, String(v));
    const qs = params.toString();
    if (qs === '') return full;
    return `${full}${full.includes('?') ? '&' : '?'}${qs}`;
  }

  async request(ctx: CallContext, opts: RequestOptions): Promise<UpstreamResponse> {
    const requestId = opts.requestId ?? randomUUID();
    const path = this.resolvePath(opts.path, opts.query);
    const pathOnly = path.split('?')[0] ?? path;
    const deadline = AbortSignal.timeout(this.options.deadlineMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, deadline]) : deadline;
    const deadlineAt = Date.now() + this.options.deadlineMs;
    const { retryAfterCapSeconds, retryBaseMs, retryMaxDelayMs, observer } = this.options;
    const apiPath = this.apiPathOf(pathOnly);
    const callStarted = observer?.call ? performance.now() : 0;

    const policy = retry(
      handleWhen((err) => {
        if (!(err instanceof PartnerCenterError) || signal.aborted) return false;
        if (!isRetryable(opts.method, err)) return false;
        // Honour Retry-After only while it fits the cap and the call's deadline; otherwise the
        // caller gets THROTTLED with retryAfter and decides.
        const waitMs = (err.retryAfter ?? 0) * 1000;
        return err.retryAfter === undefined || (err.retryAfter <= retryAfterCapSeconds && Date.now() + waitMs < deadlineAt);
      }),
      {
        maxAttempts: this.options.maxAttempts - 1,
        backoff: new DelegateBackoff((context) => {
          const err = 'error' in context.result ? context.result.error : undefined;
          // cockatiel 3 does not cut a backoff wait short when the signal aborts, so no wait may
          // run past the deadline: the call then ends as TIMEOUT at the deadline, not after it.
          const left = Math.max(0, deadlineAt - Date.now());
          const byRetryAfter = err instanceof PartnerCenterError && err.retryAfter !== undefined;
          // Full jitter (AWS architecture blog): spreads retries of many callers apart.
          const ceiling = Math.min(retryMaxDelayMs, retryBaseMs * 2 ** (context.attempt - 1));
          const delayMs = Math.min(left, byRetryAfter ? (err.retryAfter ?? 0) * 1000 : Math.round(this.random() * ceiling));
          if (err instanceof PartnerCenterError) observer?.retry?.(ctx, { method: opts.method, apiPath, attempt, reason: err.kind, delayMs, retryAfter: byRetryAfter });
          return delayMs;
        }),
      },
    );

    let attempt = 0;
    try {
      const response = await policy.execute(async () => {
        // The deadline (or the caller) ended the call during a backoff wait: no further attempt.
        // A wait clamped to the deadline may wake a millisecond before the deadline's own timer,
        // and an attempt with almost no time left cannot get an answer, so that counts as ended.
        const base = { requestId, correlationId: ctx.correlationId, method: opts.method, path: pathOnly };
        if (signal.aborted || deadlineAt - Date.now() < MIN_ATTEMPT_MS) throw this.stopped(base, ctx, signal.reason);
        // Each attempt, retries included, costs the budget what it costs Partner Center.
        const { budget } = this.options;
        if (budget) {
          const observe = observer?.budget ? (e: Omit<BudgetEvent, 'method' | 'apiPath'>) => observer.budget?.(ctx, { method: opts.method, apiPath, ...e }) : undefined;
          await admit(budget, { customerId: this.customerOf(pathOnly), deadlineAt, minAttemptMs: MIN_ATTEMPT_MS, signal, base, ...(observe ? { observe } : {}) }, (cause) => this.stopped(base, ctx, cause));
        }
        attempt += 1;
        return this.attempt(ctx, opts, path, pathOnly, requestId, attempt, signal);
      }, signal);
      observer?.call?.(ctx, { method: opts.method, apiPath, attempts: attempt, durationMs: performance.now() - callStarted });
      return response;
    } catch (err) {
      if (err instanceof PartnerCenterError) err.attempts = attempt;
      const error = err instanceof PartnerCenterError ? err.kind : 'OTHER';
      observer?.call?.(ctx, { method: opts.method, apiPath, attempts: attempt, durationMs: performance.now() - callStarted, error });
      throw err;
    }
  }

  private async attempt(
    ctx: CallContext,
    opts: RequestOptions,
    path: string,
    pathOnly: string,
    requestId: string,
    attempt: number,
    signal: AbortSignal,
  ): Promise<UpstreamResponse> {
    const started = performance.now();
    const headers: Record<string, string> = {
      accept: 'application/json',
      'ms-correlationid': ctx.correlationId,
      'ms-requestid': requestId,
      'x-locale': ctx.locale,
      'ms-partnercenter-client': this.options.userAgent ?? 'partner-center-graphql-gateway',
      ...opts.headers,
    };
    const token = await this.options.getToken?.(ctx);
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const base = { requestId, correlationId: ctx.correlationId, method: opts.method, path: pathOnly };
    // Started once the token is in hand: the observer times (and traces) the HTTP exchange itself.
    const scope = this.options.observer?.attempt?.(ctx, { method: opts.method, apiPath: this.apiPathOf(pathOnly), attempt, requestId, correlationId: ctx.correlationId });
    if (scope?.headers) Object.assign(headers, scope.headers);
    // One debug line per attempt, answered or not; the context's logger carries the correlation and trace ids.
    const report = (status: number | undefined, failure?: PartnerCenterErrorKind) => {
      const durationMs = performance.now() - started;
      this.options.onCall?.({ ...base, status, attempt, durationMs });
      scope?.end({ status, durationMs, ...(failure ? { failure } : {}) });
      ctx.logger?.debug({ upstream: { ...base, status: status ?? null, attempt, durationMs: Math.round(durationMs), ...(failure ? { failure } : {}) } }, 'partner center call');
    };

    let res: Dispatcher.ResponseData;
    try {
      res = await this.dispatcher.request({ origin: this.origin, path, method: opts.method, headers, body: body ?? null, signal });
    } catch (err) {
      const error = this.networkError(err, base, signal, ctx);
      report(undefined, error.kind);
      throw error;
    }
    let text: string;
    try {
      text = await res.body.text();
    } catch (err) {
      const error = this.networkError(err, base, signal, ctx);
      report(res.statusCode, error.kind);
      throw error;
    }
    report(res.statusCode);
    const parsed = parseBody(text);
    if (res.statusCode >= 200 && res.statusCode < 300) {
      return { status: res.statusCode, headers: res.headers, body: parsed, requestId };
    }
    const fault = parseFaultBody(parsed, res.statusCode);
    const retryAfter = parseRetryAfter(res.headers['retry-after']);
    const kind = kindForStatus(res.statusCode);
    if (kind === 'UNAUTHORIZED') this.options.onUnauthorized?.(ctx);
    // Partner Center said when this scope may be called again: no replica calls it before then.
    if (res.statusCode === 429 && retryAfter !== undefined) await this.options.budget?.pause(this.customerOf(pathOnly), retryAfter * 1000);
    throw new PartnerCenterError({
      ...base,
      kind,
      status: res.statusCode,
      ...(fault.code === undefined ? {} : { code: fault.code }),
      description: fault.description,
      retryable: kind === 'THROTTLED' || kind === 'UNAVAILABLE' || kind === 'TIMEOUT' || kind === 'SERVER_ERROR',
      ...(retryAfter === undefined ? {} : { retryAfter }),
      attempts: attempt,
    });
  }

  private networkError(
    err: unknown,
    base: { requestId: string; correlationId: string; method: string; path: string },
    signal: AbortSignal,
    ctx: CallContext,
  ): PartnerCenterError {
    if (signal.aborted) return this.stopped(base, ctx, err);
    const { kind, description } = classifyNetworkError(err);
    return new PartnerCenterError({ ...base, kind, description, retryable: true, cause: err });
  }

  /** The call ended by its deadline (TIMEOUT) or by the caller going away (CANCELLED). */
  private stopped(base: { requestId: string; correlationId: string; method: string; path: string }, ctx: CallContext, cause: unknown): PartnerCenterError {
    const byCaller = ctx.signal?.aborted === true;
    return new PartnerCenterError({
      ...base,
      kind: byCaller ? 'CANCELLED' : 'TIMEOUT',
      description: byCaller ? 'The request was cancelled by the caller.' : `No answer within the ${this.options.deadlineMs} ms deadline.`,
      retryable: !byCaller,
      cause,
    });
  }

  /** A request path relative to the version root ('/v1/customers/x' → '/customers/x'), for observers. */
  private apiPathOf(pathOnly: string): string {
    return pathOnly.startsWith(`${this.prefix}/`) ? pathOnly.slice(this.prefix.length) : pathOnly;
  }

  /** The customer a request path names ('/v1/customers/{id}/...'): its calls count against its budget too. */
  private customerOf(pathOnly: string): string | undefined {
    return pathOnly.startsWith(`${this.prefix}/`) ? customerOfPath(pathOnly.slice(this.prefix.length)) : undefined;
  }

  async close(): Promise<void> {
    await Promise.all([this.ownsDispatcher ? this.dispatcher.close() : undefined, this.options.budget?.close()]);
  }
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
