// One trace per GraphQL operation: a SERVER span from the moment the request is parsed until its
// response (or, for a subscription, until its stream ends), named "<type> <name>" as the
// OpenTelemetry GraphQL conventions say, child of the caller's traceparent when one came. The
// resolvers that call Partner Center get spans under it (src/observability/resolver-spans.ts).
// It runs after caller authentication, so refused callers leave no trace. Attributes name the
// operation, its correlation id and the error codes of its result: never the document, the
// variables or a header.
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import { SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { Plugin } from 'graphql-yoga';
import { bindContextTrace, callerContext, RequestTrace, requestTraceOf, setRequestTrace } from '../observability/request-trace.js';
import { instrumentResolvers } from '../observability/resolver-spans.js';
import { correlationIdOf } from './correlation.js';

function isStream(result: unknown): boolean {
  return typeof result === 'object' && result !== null && Symbol.asyncIterator in result;
}

export function useOperationTracing(tracer: Tracer): Plugin {
  const named = (args: { document: DocumentNode; operationName?: string | null | undefined; contextValue: unknown }) => {
    const request = (args.contextValue as { request?: Request }).request;
    const t = request ? requestTraceOf(request) : undefined;
    if (!t?.span) return;
    const op = getOperationAST(args.document, args.operationName);
    const type = op?.operation ?? 'query';
    const name = op?.name?.value;
    t.span.updateName(name ? `${type} ${name}` : type);
    t.span.setAttribute('graphql.operation.type', type);
    if (name) t.span.setAttribute('graphql.operation.name', name);
    if (typeof args.contextValue === 'object' && args.contextValue !== null) bindContextTrace(args.contextValue, t);
  };
  /** A stream's span ends with the stream: its response went out when the stream started. */
  const endWithStream = (contextValue: unknown) => ({
    onEnd() {
      const request = (contextValue as { request?: Request }).request;
      if (request) requestTraceOf(request)?.end();
    },
  });
  return {
    onSchemaChange({ schema }) {
      instrumentResolvers(schema);
    },
    onRequestParse({ request, url }) {
      const parent = callerContext(request.headers);
      const span = tracer.startSpan(
        'GraphQL Operation',
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': url.pathname, 'partner_center.correlation_id': correlationIdOf(request) } },
        parent,
      );
      setRequestTrace(request, new RequestTrace(span.spanContext().traceId, trace.setSpan(parent, span), span, tracer));
    },
    onExecute({ args }) {
      named(args);
      return {
        onExecuteDone: ({ result }) => (isStream(result) ? endWithStream(args.contextValue) : undefined),
      };
    },
    onSubscribe({ args }) {
      named(args);
      return {
        onSubscribeResult: ({ result }) => (isStream(result) ? endWithStream(args.contextValue) : undefined),
      };
    },
    onResultProcess({ request, result }) {
      const t = requestTraceOf(request);
      if (!t?.span) return;
      if (isStream(result)) {
        t.streaming = true;
        return;
      }
      const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
      const codes = results.flatMap((r) => r.errors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN'));
      if (codes.length > 0) {
        t.span.setAttribute('graphql.error.codes', [...new Set(codes)]);
        t.span.setStatus({ code: SpanStatusCode.ERROR, message: codes[0] });
      }
    },
    onResponse({ request, response }) {
      const t = requestTraceOf(request);
      if (!t?.span) return;
      t.span.setAttribute('http.response.status_code', response.status);
      if (!t.streaming) t.end();
    },
  };
}
