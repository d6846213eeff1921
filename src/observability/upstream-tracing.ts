// A CLIENT span per Partner Center attempt, child of the resolver that caused it (or of the
// operation, for calls outside a resolver: order-status polls), with the HTTP client attributes of
// the OpenTelemetry semantic conventions. The attempt sends a traceparent naming its own span, so
// Partner Center (and anything between) sees the operation's trace. Retry and budget waits are
// events on the parent span. Attributes hold the route template, the status, the MS-RequestId and
// the correlation id: never a header value, a token or a body.
import { SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { UpstreamObserver } from '../upstream/observer.js';
import { callTraceOf, traceHeaders, type RequestTrace } from './request-trace.js';
import { resolverOf } from './resolver-spans.js';
import { routeTemplate } from './route-template.js';

/** The context an upstream attempt (or wait) of this request descends from. */
function parentOf(request: RequestTrace): Context {
  return resolverOf(request)?.spanContext() ?? request.context;
}

function parentSpan(request: RequestTrace): Span | undefined {
  return request.recording ? trace.getSpan(parentOf(request)) : undefined;
}

export function upstreamTracing(baseUrl: string): UpstreamObserver {
  const origin = new URL(baseUrl);
  const server = { 'server.address': origin.hostname, 'server.port': Number(origin.port || (origin.protocol === 'https:' ? 443 : 80)) };
  return {
    attempt: (ctx, start) => {
      const request = callTraceOf(ctx.trace);
      if (!request) return undefined;
      // Not recorded (not sampled, or tracing off for this request): the caller's context goes on as it is.
      if (!request.tracer || !request.recording) return { headers: traceHeaders(request.context), end: () => undefined };
      const route = routeTemplate(start.apiPath);
      const span = request.tracer.startSpan(
        `${start.method} ${route}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'http.request.method': start.method,
            'url.template': route,
            ...server,
            ...(start.attempt > 1 ? { 'http.request.resend_count': start.attempt - 1 } : {}),
            'partner_center.request_id': start.requestId,
            'partner_center.correlation_id': start.correlationId,
          },
        },
        parentOf(request),
      );
      return {
        headers: traceHeaders(trace.setSpan(request.context, span)),
        end: ({ status, failure }) => {
          if (status !== undefined) span.setAttribute('http.response.status_code', status);
          // For a client span every 4xx and 5xx is an error (semantic conventions), and so is no answer.
          if (failure !== undefined || (status !== undefined && status >= 400)) {
            span.setAttribute('error.type', failure ?? String(status));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          span.end();
        },
      };
    },
    retry: (ctx, wait) => {
      const request = callTraceOf(ctx.trace);
      if (!request) return;
      parentSpan(request)?.addEvent('partner center retry wait', {
        'url.template': routeTemplate(wait.apiPath),
        'retry.reason': wait.reason,
        'retry.delay_ms': wait.delayMs,
        'retry.source': wait.retryAfter ? 'retry_after' : 'backoff',
      });
    },
    budget: (ctx, event) => {
      const request = callTraceOf(ctx.trace);
      if (!request) return;
      parentSpan(request)?.addEvent(event.refused ? 'upstream budget refused' : 'upstream budget wait', {
        'url.template': routeTemplate(event.apiPath),
        'budget.scope': event.scope,
        'budget.reason': event.reason,
        'budget.wait_ms': event.waitMs,
      });
    },
  };
}
