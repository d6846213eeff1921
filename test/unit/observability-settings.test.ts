// The observability settings (METRICS_*, the standard OTEL_*) and the rules that keep label values
// bounded: route templates and operation names.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { routeTemplate } from '../../src/observability/route-template.js';
import { OperationLabels, errorCodeLabel } from '../../src/observability/operation-label.js';

const tracing = (env: Record<string, string>) => {
  const r = loadConfig(env);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config.observability.tracing;
};
const problems = (env: Record<string, string>) => {
  const r = loadConfig(env);
  return r.ok ? [] : r.problems;
};

describe('tracing settings', () => {
  it('is off unless an OTLP endpoint is set, and off again when disabled or exporter none', () => {
    expect(tracing({})).toBeUndefined();
    expect(tracing({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_SAMPLER: 'always_on' })).toBeUndefined();
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });

  it('reads the endpoint, protocol, headers, resource and sampler as the specification says', () => {
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toMatchObject({
      url: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      headers: {},
      timeoutMs: 10_000,
      compression: 'none',
      serviceName: 'partner-center-gateway',
      sampler: { name: 'parentbased_always_on', ratio: 1 },
      batch: { scheduleDelayMs: 5_000, exportTimeoutMs: 30_000, maxQueueSize: 2_048, maxExportBatchSize: 512 },
    });
    expect(
      tracing({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.test/otlp/v1/traces',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'HTTP/JSON',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=general,x-team=a%20b',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'api-key=traces',
        OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '2500',
        OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
        OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-resource,deployment.environment=prod',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      }),
    ).toMatchObject({
      url: 'https://traces.example.test/otlp/v1/traces',
      protocol: 'http/json',
      headers: { 'api-key': 'traces', 'x-team': 'a b' },
      timeoutMs: 2_500,
      compression: 'gzip',
      serviceName: 'from-resource',
      resourceAttributes: { 'deployment.environment': 'prod' },
      sampler: { name: 'parentbased_traceidratio', ratio: 0.25 },
    });
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SERVICE_NAME: 'named', OTEL_RESOURCE_ATTRIBUTES: 'service.name=other' })?.serviceName).toBe('named');
  });

  it('reports wrong values with the others, never quoting the OTLP headers', () => {
    const found = problems({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic%ZZsecret',
      OTEL_TRACES_SAMPLER: 'sometimes',
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_BSP_MAX_QUEUE_SIZE: '10',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '20',
      PORT: 'x',
    });
    expect(found.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_EXPORTER', 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 'PORT']),
    );
    expect(found.join('\n')).toMatch(/grpc is not supported/);
    expect(found.join('\n')).not.toContain('secret');
  });
});

describe('metrics settings', () => {
  it('are on by default, with a bounded set of operation names and no customer label', () => {
    const r = loadConfig({});
    expect(r.ok && r.config.observability.metrics).toEqual({ enabled: true, maxOperationNames: 200, customerLabels: [] });
  });

  it('take a scraper token and customer tenants to label, and never echo the token', () => {
    const tenant = '6F0B6C8E-1C3A-4B7E-9A55-2F1D3C4B5A69';
    const r = loadConfig({ METRICS_TOKEN: 'a-long-enough-scraper-token', METRICS_CUSTOMER_LABELS: tenant, METRICS_ENABLED: 'false' });
    expect(r.ok && r.config.observability.metrics).toEqual({ enabled: false, token: 'a-long-enough-scraper-token', maxOperationNames: 200, customerLabels: [tenant.toLowerCase()] });
    const bad = problems({ METRICS_TOKEN: 'short-secret', METRICS_CUSTOMER_LABELS: 'contoso' });
    expect(bad.map((p) => p.split(':')[0])).toEqual(['METRICS_TOKEN', 'METRICS_CUSTOMER_LABELS']);
    expect(bad.join('\n')).not.toContain('short-secret');
  });
});

describe('label values', () => {
  it('turn upstream paths into route templates: resource names stay, everything else is an id', () => {
    expect(routeTemplate('/products')).toBe('/products');
    expect(routeTemplate('/products/CFQ7TTC0LH18/skus/0001/availabilities')).toBe('/products/{id}/skus/{id}/availabilities');
    expect(routeTemplate('/customers/3f2a6a1e-4f1b-4f5a-9c2d-0a1b2c3d4e5f/carts/abc/checkout')).toBe('/customers/{id}/carts/{id}/checkout');
    expect(routeTemplate('/customers/x/orders/y/provisioningstatus')).toBe('/customers/{id}/orders/{id}/provisioningstatus');
    expect(routeTemplate('/invoices/unbilled/lineitems')).toBe('/invoices/unbilled/lineitems');
    expect(routeTemplate('/Customers/x/Subscriptions')).toBe('/customers/{id}/subscriptions');
    // An unexpected word is an id too, so no path can add a series of its own.
    expect(routeTemplate('/customers/x/somethingnew/y')).toBe('/customers/{id}/{id}/{id}');
    expect(routeTemplate('/a/b/c/d/e/f/g/h/i/j')).toBe('/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/…');
  });

  it('keep the first operation names, and count the rest as __other', () => {
    const names = new OperationLabels(2);
    expect([names.of('A'), names.of('B'), names.of('C'), names.of('A'), names.of(undefined), names.of('bad name'), names.of('x'.repeat(65))]).toEqual([
      'A',
      'B',
      '__other',
      'A',
      '__anonymous',
      '__other',
      '__other',
    ]);
    expect([errorCodeLabel('THROTTLED'), errorCodeLabel('made up by a caller'), errorCodeLabel(undefined)]).toEqual(['THROTTLED', 'OTHER', 'OTHER']);
  });
});
