// Counts GraphQL operations for /metrics: by name (bounded: OperationLabels), type and outcome,
// with their duration, the error codes of their results, and the subscription streams open. The
// outcome is read from the result the caller gets (after masking): ok (no errors), error (errors,
// partial data included), rejected (never executed: parse, validation, limits, CSRF, trusted
// documents only). It runs after caller authentication: a refused caller is no operation.
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from '../observability/metrics.js';
import { errorCodeLabel } from '../observability/operation-label.js';

interface Seen {
  started: number;
  operation: string;
  type: string;
  executed: boolean;
}

function isStream(result: unknown): boolean {
  return typeof result === 'object' && result !== null && Symbol.asyncIterator in result;
}

export function useOperationMetrics(metrics: GatewayMetrics): Plugin {
  const seen = new WeakMap<Request, Seen>();
  const executing = (args: { document: DocumentNode; operationName?: string | null | undefined; contextValue: unknown }) => {
    const request = (args.contextValue as { request?: Request }).request;
    const s = request ? seen.get(request) : undefined;
    if (!s) return;
    const op = getOperationAST(args.document, args.operationName);
    s.type = op?.operation ?? 'unknown';
    s.operation = metrics.operationNames.of(op?.name?.value ?? args.operationName);
    s.executed = true;
  };
  return {
    onParams({ request, params }) {
      seen.set(request, { started: performance.now(), operation: metrics.operationNames.of(params.operationName), type: 'unknown', executed: false });
    },
    onValidate({ params, context }) {
      return ({ valid }) => {
        if (valid) return;
        // Refused by validation: name it after the document, as an executed operation would be.
        const request = (context as { request?: Request }).request;
        const s = request ? seen.get(request) : undefined;
        const name = getOperationAST(params.documentAST, (context as { params?: { operationName?: string } }).params?.operationName)?.name?.value;
        if (s && name) s.operation = metrics.operationNames.of(name);
      };
    },
    onExecute({ args }) {
      executing(args);
    },
    onSubscribe({ args }) {
      executing(args);
      return {
        onSubscribeResult({ result }) {
          if (!isStream(result)) return undefined;
          metrics.subscriptionsActive.inc();
          return { onEnd: () => metrics.subscriptionsActive.dec() };
        },
      };
    },
    onResultProcess({ request, result }) {
      const s = seen.get(request);
      if (!s) return;
      seen.delete(request);
      const labels = { operation: s.operation, type: s.type };
      // A stream counts once, when it starts; its duration is its watchers', not the gateway's.
      if (isStream(result)) {
        metrics.operations.inc({ ...labels, outcome: 'ok' });
        return;
      }
      // Not a stream (checked above): one result, or a batch of them.
      const errors = ((Array.isArray(result) ? result : [result]) as ExecutionResult[]).flatMap((r) => r.errors ?? []);
      for (const e of errors) metrics.errors.inc({ code: errorCodeLabel(e.extensions?.code) });
      metrics.operations.inc({ ...labels, outcome: !s.executed ? 'rejected' : errors.length > 0 ? 'error' : 'ok' });
      if (s.type !== 'subscription') metrics.operationDuration.observe(labels, (performance.now() - s.started) / 1000);
    },
  };
}
