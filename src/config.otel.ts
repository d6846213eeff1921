// The standard OpenTelemetry settings the gateway honours for tracing
// (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/ and
// .../protocol/exporter/), validated with the others and reported in the same list. The SDK is
// then given explicit values, so what runs is what this file read. Tracing is on only when an
// OTLP endpoint is set: a gateway without these settings creates no span and exports nothing.
import { z } from 'zod';
import type { TracingSettings } from './config.types.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const endpoint = optional(z.url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL' }));
// gRPC needs another exporter (and native-free but heavy dependencies); OTLP/HTTP is what every collector also speaks.
const protocol = optional(
  z.preprocess(lower, z.enum(['http/protobuf', 'http/json'], { message: 'expected http/protobuf or http/json (grpc is not supported: use the collector\'s OTLP/HTTP port, 4318)' })),
);
const compression = optional(z.preprocess(lower, z.enum(['gzip', 'none'])));

/**
 * A W3C-baggage-like list, "k1=v1,k2=v2" with percent-encoded values, as the OTLP header and
 * resource settings are written. The message never quotes the value: headers carry API keys.
 */
const keyValues = optional(
  z.string().transform((raw, ctx) => {
    const out: Record<string, string> = {};
    for (const item of raw.split(',')) {
      if (item.trim() === '') continue;
      const at = item.indexOf('=');
      const key = at > 0 ? item.slice(0, at).trim() : '';
      let value: string;
      try {
        value = decodeURIComponent(item.slice(at + 1).trim());
      } catch {
        value = '';
        ctx.addIssue({ code: 'custom', message: `the value of "${key}" is not percent-encoded correctly` });
      }
      if (key === '') {
        ctx.addIssue({ code: 'custom', message: 'expected key=value pairs separated by commas' });
        return z.NEVER;
      }
      out[key] = value;
    }
    return out;
  }),
);

const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;

export const otelEnv = {
  OTEL_SDK_DISABLED: z.preprocess((v) => lower(blankToUndefined(v)), z.enum(['true', 'false']).default('false')),
  // Only OTLP export is built in; 'none' turns tracing off like an unset endpoint.
  OTEL_TRACES_EXPORTER: z.preprocess((v) => lower(blankToUndefined(v)), z.enum(['otlp', 'none'], { message: 'expected otlp or none' }).default('otlp')),
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint,
  OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol,
  OTEL_EXPORTER_OTLP_HEADERS: keyValues,
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: keyValues,
  OTEL_EXPORTER_OTLP_TIMEOUT: optional(int(1, 600_000)),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: optional(int(1, 600_000)),
  OTEL_EXPORTER_OTLP_COMPRESSION: compression,
  OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: compression,
  OTEL_SERVICE_NAME: optional(z.string().trim().min(1)),
  OTEL_RESOURCE_ATTRIBUTES: keyValues,
  OTEL_TRACES_SAMPLER: z.preprocess((v) => lower(blankToUndefined(v)), z.enum(SAMPLERS).default('parentbased_always_on')),
  OTEL_TRACES_SAMPLER_ARG: optional(z.coerce.number().min(0).max(1)),
  OTEL_BSP_SCHEDULE_DELAY: int(0, 600_000).default(5_000),
  OTEL_BSP_EXPORT_TIMEOUT: int(1, 600_000).default(30_000),
  OTEL_BSP_MAX_QUEUE_SIZE: int(1, 1_000_000).default(2_048),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: int(1, 1_000_000).default(512),
} as const;

type OtelValues = { -readonly [K in keyof typeof otelEnv]: z.output<(typeof otelEnv)[K]> };

export const DEFAULT_SERVICE_NAME = 'partner-center-gateway';

/** The traces URL: the signal's own endpoint as it is, or the general one with /v1/traces appended. */
function tracesUrl(e: Partial<OtelValues>): string | undefined {
  if (e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!e.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}

/** Problems that relate OTEL_* settings to each other. */
export function otelProblems(e: Partial<OtelValues>): string[] {
  const problems: string[] = [];
  const { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: batch, OTEL_BSP_MAX_QUEUE_SIZE: queue } = e;
  if (batch !== undefined && queue !== undefined && batch > queue) {
    problems.push(`OTEL_BSP_MAX_EXPORT_BATCH_SIZE: must not exceed OTEL_BSP_MAX_QUEUE_SIZE (${batch} > ${queue})`);
  }
  return problems;
}

/** The tracing settings, or undefined when tracing is off (no endpoint, disabled, or exporter none). */
export function tracingSettings(e: OtelValues): TracingSettings | undefined {
  const url = tracesUrl(e);
  if (!url || e.OTEL_SDK_DISABLED === 'true' || e.OTEL_TRACES_EXPORTER === 'none') return undefined;
  const resource = e.OTEL_RESOURCE_ATTRIBUTES ?? {};
  const ratio = e.OTEL_TRACES_SAMPLER_ARG ?? 1;
  return {
    url,
    protocol: e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? e.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    // The signal's own headers win over the general ones, key by key (the spec's precedence).
    headers: { ...e.OTEL_EXPORTER_OTLP_HEADERS, ...e.OTEL_EXPORTER_OTLP_TRACES_HEADERS },
    timeoutMs: e.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? e.OTEL_EXPORTER_OTLP_TIMEOUT ?? 10_000,
    compression: e.OTEL_EXPORTER_OTLP_TRACES_COMPRESSION ?? e.OTEL_EXPORTER_OTLP_COMPRESSION ?? 'none',
    serviceName: e.OTEL_SERVICE_NAME ?? resource['service.name'] ?? DEFAULT_SERVICE_NAME,
    resourceAttributes: resource,
    sampler: { name: e.OTEL_TRACES_SAMPLER, ratio },
    batch: {
      scheduleDelayMs: e.OTEL_BSP_SCHEDULE_DELAY,
      exportTimeoutMs: e.OTEL_BSP_EXPORT_TIMEOUT,
      maxQueueSize: e.OTEL_BSP_MAX_QUEUE_SIZE,
      maxExportBatchSize: e.OTEL_BSP_MAX_EXPORT_BATCH_SIZE,
    },
  };
}
