// The gateway's observability from its settings: the metrics registry and /metrics (METRICS_*),
// tracing (OTEL_*), the observer the upstream transport reports to, and the yoga plugins. What is
// off costs nothing: metrics off makes no registry and counts nothing; tracing off makes no span,
// and only passes a caller's traceparent on to Partner Center.
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { ObservabilitySettings } from '../config.js';
import type { UpstreamObserver } from '../upstream/observer.js';
import { METRICS_PATH, useMetricsEndpoint } from '../plugins/metrics-endpoint.js';
import { useOperationMetrics } from '../plugins/operation-metrics.js';
import { useOperationTracing } from '../plugins/operation-tracing.js';
import { GatewayMetrics } from './metrics.js';
import { traceContextPassThrough } from './request-trace.js';
import { registerStateMetrics, type StateSources } from './state-metrics.js';
import { exportTarget, startTracing, type Tracing } from './tracing.js';
import { upstreamMetrics } from './upstream-metrics.js';
import { combineObservers } from './upstream-observer.js';
import { upstreamTracing } from './upstream-tracing.js';

export interface Observability {
  /** Present when metrics are on. */
  readonly metrics: GatewayMetrics | undefined;
  /** Present when tracing is on. */
  readonly tracing: Tracing | undefined;
  /** Paths served besides the GraphQL ones (for the exact-endpoint rule). */
  readonly paths: readonly string[];
  /** Plugins answering before caller authentication (onRequest): /metrics. */
  readonly endpointPlugins: readonly Plugin[];
  /** Plugins around each operation, after caller authentication. */
  readonly operationPlugins: readonly Plugin[];
  readonly upstreamObserver: UpstreamObserver | undefined;
  /** Reads the state classes' counters and sizes at each scrape. */
  watchState(sources: StateSources): void;
  /** Exports the spans still queued. */
  close(): Promise<void>;
}

export function createObservability(settings: ObservabilitySettings, { baseUrl, logger }: { baseUrl: string; logger: Logger }): Observability {
  const metrics = settings.metrics.enabled ? new GatewayMetrics(settings.metrics) : undefined;
  const tracing = settings.tracing ? startTracing(settings.tracing, logger) : undefined;
  if (settings.tracing) logger.info({ tracing: { export: exportTarget(settings.tracing), sampler: settings.tracing.sampler.name, service: settings.tracing.serviceName } }, 'tracing on');
  const observers: UpstreamObserver[] = [
    ...(metrics ? [upstreamMetrics(metrics)] : []),
    tracing ? upstreamTracing(baseUrl) : traceContextPassThrough(),
  ];
  return {
    metrics,
    tracing,
    paths: metrics ? [METRICS_PATH] : [],
    endpointPlugins: metrics ? [useMetricsEndpoint(metrics, logger, settings.metrics.token)] : [],
    operationPlugins: [...(tracing ? [useOperationTracing(tracing.tracer)] : []), ...(metrics ? [useOperationMetrics(metrics)] : [])],
    upstreamObserver: combineObservers(observers),
    watchState: (sources) => {
      if (metrics) registerStateMetrics(metrics.registry, sources);
    },
    close: async () => {
      await tracing?.shutdown();
    },
  };
}
