// OpenTelemetry tracing with the official SDK (@opentelemetry/sdk-trace 2.x, which runs on Node 20)
// and an OTLP/HTTP exporter, configured from the standard OTEL_* settings (src/config.otel.ts).
//
// The spans are made by hand around the gateway's own code (the operation, the resolvers that
// call Partner Center, each upstream attempt): nothing is monkey-patched, so nothing has to load
// before the instrumented modules (no --import preload), and each gateway gets its own provider
// and tracer instead of the process-wide globals, so several gateways in one process (tests,
// benchmarks) each export their own spans. Off (no endpoint): this module is never called and
// no span object is ever made.
import { diag, DiagLogLevel, type Tracer } from '@opentelemetry/api';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import type { Logger } from 'pino';
import type { TracingSettings } from '../config.js';

export const INSTRUMENTATION_NAME = 'partner-center-gateway';

export interface Tracing {
  readonly tracer: Tracer;
  /** Exports what is queued (tests; shutdown calls it too). */
  forceFlush(): Promise<void>;
  /** Exports what is left and stops; called once, by the gateway's close(). */
  shutdown(): Promise<void>;
}

function sampler({ name, ratio }: TracingSettings['sampler']): Sampler {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/** Where spans go, for the start-up log: the URL without credentials or query (headers are never logged). */
export function exportTarget(settings: TracingSettings): string {
  const u = new URL(settings.url);
  return `${u.protocol}//${u.host}${u.pathname} (${settings.protocol})`;
}

let diagnosticsLogger: Logger | undefined;

export function startTracing(settings: TracingSettings, logger: Logger): Tracing {
  // The SDK reports export failures (collector down, refused) through its diagnostics channel,
  // which is process-wide: route it to the first gateway's log, at warn, once.
  if (!diagnosticsLogger) {
    diagnosticsLogger = logger.child({ component: 'opentelemetry' });
    const log = diagnosticsLogger;
    const line = (level: 'error' | 'warn' | 'info' | 'debug') => (message: string) => log[level](message);
    diag.setLogger({ error: line('error'), warn: line('warn'), info: line('info'), debug: line('debug'), verbose: line('debug') }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  }
  const exporterOptions = {
    url: settings.url,
    headers: { ...settings.headers },
    timeoutMillis: settings.timeoutMs,
    compression: settings.compression === 'gzip' ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE,
  };
  const exporter = settings.protocol === 'http/json' ? new JsonExporter(exporterOptions) : new ProtobufExporter(exporterOptions);
  const provider = new TracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ ...settings.resourceAttributes, 'service.name': settings.serviceName })),
    sampler: sampler(settings.sampler),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter,
        scheduledDelayMillis: settings.batch.scheduleDelayMs,
        exportTimeoutMillis: settings.batch.exportTimeoutMs,
        maxQueueSize: settings.batch.maxQueueSize,
        maxExportBatchSize: settings.batch.maxExportBatchSize,
      }),
    ],
  });
  let stopped: Promise<void> | undefined;
  return {
    tracer: provider.getTracer(INSTRUMENTATION_NAME),
    forceFlush: () => provider.forceFlush(),
    shutdown: () => (stopped ??= provider.shutdown()),
  };
}
