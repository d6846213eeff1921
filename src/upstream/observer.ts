// What the transport tells whoever watches it (metrics, tracing) about its work, without knowing
// who listens: each attempt as it starts and ends (the listener may add headers to it, such as the
// W3C traceparent), each wait before a retry, each budget wait or refusal, and the end of each
// logical call. No listener: the transport does none of this work. Paths here are relative to the
// version root and carry no query string (queries may hold filters typed by users).
import type { CallContext } from './client.js';
import type { PartnerCenterErrorKind } from './errors.js';

export interface AttemptStart {
  method: string;
  /** '/customers/{customerId}/orders', ids as sent; the listener decides what to keep of them. */
  apiPath: string;
  /** 1 for the first attempt of a call, 2 for its first retry, ... */
  attempt: number;
  requestId: string;
  correlationId: string;
}

export interface AttemptEnd {
  /** The HTTP status; undefined when no answer arrived (dropped connection, timeout, abort). */
  status: number | undefined;
  durationMs: number;
  /** Set when the attempt failed without a usable answer: what kind of failure. */
  failure?: PartnerCenterErrorKind;
}

export interface AttemptScope {
  /** Headers to send with this attempt (e.g. traceparent); never credentials. */
  readonly headers?: Readonly<Record<string, string>>;
  end(result: AttemptEnd): void;
}

export interface RetryWait {
  method: string;
  apiPath: string;
  /** The attempt that failed and is about to be repeated. */
  attempt: number;
  /** Why it failed: THROTTLED (429), SERVER_ERROR, UNAVAILABLE, TIMEOUT, NETWORK, ... */
  reason: PartnerCenterErrorKind;
  /** How long the transport waits before the next attempt (as decided, not as measured). */
  delayMs: number;
  /** True when Partner Center's Retry-After set the wait; false for the jittered backoff. */
  retryAfter: boolean;
}

export interface BudgetEvent {
  method: string;
  apiPath: string;
  scope: 'partner' | 'customer';
  /** 'spent': the bucket of the window is empty; 'paused': a 429 with Retry-After paused the scope. */
  reason: 'spent' | 'paused';
  waitMs: number;
  /** True when the wait did not fit the deadline: the call ends THROTTLED without calling upstream. */
  refused: boolean;
}

export interface CallEnd {
  method: string;
  apiPath: string;
  /** Attempts sent upstream (0 when the budget refused the call before any). */
  attempts: number;
  durationMs: number;
  /** Undefined on success; otherwise the kind of the error the caller gets (OTHER: not Partner Center's, e.g. no token). */
  error?: PartnerCenterErrorKind | 'OTHER';
}

export interface UpstreamObserver {
  attempt?(ctx: CallContext, start: AttemptStart): AttemptScope | undefined;
  retry?(ctx: CallContext, wait: RetryWait): void;
  budget?(ctx: CallContext, event: BudgetEvent): void;
  call?(ctx: CallContext, end: CallEnd): void;
}

/**
 * The GraphQL operation's trace as its calls carry it (CallContext.trace). The transport reads
 * nothing of it; listeners find what they keep about the operation by this object's identity,
 * which survives copies of the CallContext ({ ...ctx.call }).
 */
export interface CallTrace {
  /** W3C trace id (32 hex digits), also written to the operation's log lines. */
  readonly traceId: string;
}
