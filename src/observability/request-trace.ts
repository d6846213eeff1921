// The W3C trace context of one GraphQL request. A caller (a federated router, a frontend) may send
// `traceparent` (and `tracestate`); the operation continues that trace, its log lines carry the
// trace id, and every Partner Center attempt sends a traceparent of the same trace next to
// MS-CorrelationId.
//   Tracing on:  the operation span is a child of the caller's span (or a new root); upstream
//                attempts send their own span ids (upstream-tracing.ts).
//   Tracing off: no span is made; the caller's traceparent and tracestate are passed upstream as
//                they came (what a proxy that does not trace does), and the trace id is logged.
//                Without a caller's traceparent there is no trace, and nothing is sent or logged.
import { ROOT_CONTEXT, trace, type Context, type Span, type TextMapGetter, type TextMapSetter, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { CallTrace, UpstreamObserver } from '../upstream/observer.js';

const propagator = new W3CTraceContextPropagator();
const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};
const recordSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

export class RequestTrace implements CallTrace {
  /** Set once the result is a stream (SSE): the span ends with the stream, not with the response. */
  streaming = false;

  constructor(
    readonly traceId: string,
    /** What child spans (and the traceparent sent upstream) descend from. */
    readonly context: Context,
    /** The operation's span and the gateway's tracer, when tracing is on. */
    readonly span?: Span,
    readonly tracer?: Tracer,
  ) {}

  private ended = false;

  /** Ends the operation's span, once (a stream's end and its response may both try). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.span?.end();
  }

  /** Whether this operation's spans are recorded (sampled); unsampled ones only propagate. */
  get recording(): boolean {
    return this.span?.isRecording() ?? false;
  }
}

/** The caller's trace context from `traceparent`/`tracestate`; ROOT_CONTEXT when absent or malformed. */
export function callerContext(headers: Headers): Context {
  return propagator.extract(ROOT_CONTEXT, headers, headerGetter);
}

/** `traceparent` (and `tracestate`) for a context, as sent upstream. */
export function traceHeaders(context: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, recordSetter);
  return carrier;
}

const byRequest = new WeakMap<Request, RequestTrace | null>();
const byContext = new WeakMap<object, RequestTrace>();

export function setRequestTrace(request: Request, requestTrace: RequestTrace): void {
  byRequest.set(request, requestTrace);
}

/**
 * The request's trace: the one the tracing plugin started, or (tracing off) the caller's trace
 * context passed through; undefined when tracing is off and the caller sent none.
 */
export function requestTraceOf(request: Request): RequestTrace | undefined {
  let found = byRequest.get(request);
  if (found === undefined) {
    const caller = callerContext(request.headers);
    const spanContext = trace.getSpanContext(caller);
    found = spanContext ? new RequestTrace(spanContext.traceId, caller) : null;
    byRequest.set(request, found);
  }
  return found ?? undefined;
}

/** Links the GraphQL context object of an execution to its trace (for the resolver spans). */
export function bindContextTrace(contextValue: object, requestTrace: RequestTrace): void {
  byContext.set(contextValue, requestTrace);
}

export function contextTraceOf(contextValue: unknown): RequestTrace | undefined {
  return typeof contextValue === 'object' && contextValue !== null ? byContext.get(contextValue) : undefined;
}

/** The trace of an upstream call, when its operation has one. */
export function callTraceOf(callTrace: CallTrace | undefined): RequestTrace | undefined {
  return callTrace instanceof RequestTrace ? callTrace : undefined;
}

/** Tracing off: each attempt carries the caller's traceparent and tracestate unchanged. */
export function traceContextPassThrough(): UpstreamObserver {
  return {
    attempt: (ctx) => {
      const t = callTraceOf(ctx.trace);
      if (!t) return undefined;
      return { headers: traceHeaders(t.context), end: () => undefined };
    },
  };
}
