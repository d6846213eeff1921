// A real OTLP/HTTP receiver on loopback, for tests: it accepts what an OpenTelemetry collector's
// OTLP/HTTP endpoint accepts for traces (POST /v1/traces, the JSON encoding of
// ExportTraceServiceRequest: https://opentelemetry.io/docs/specs/otlp/#otlphttp), answers as the
// collector does, and keeps the spans it received, flattened, for assertions. It also keeps every
// request's headers (the exporter's OTEL_EXPORTER_OTLP_HEADERS arrive there).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type AnyValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean; arrayValue?: { values?: AnyValue[] } };
type KeyValue = { key: string; value: AnyValue };
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: KeyValue[];
  events?: { name: string; attributes?: KeyValue[] }[];
  status?: { code?: number; message?: string };
}
interface ExportTraceServiceRequest {
  resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[] }[];
}

export type Attribute = string | number | boolean | Attribute[];

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Undefined for a root span. */
  parentSpanId: string | undefined;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, Attribute>;
  events: { name: string; attributes: Record<string, Attribute> }[];
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  resource: Record<string, Attribute>;
  scope: string | undefined;
}

export interface OtlpReceiver {
  /** The base endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT wants it (the exporter appends /v1/traces). */
  url: string;
  spans(): ReceivedSpan[];
  requestHeaders(): IncomingHttpHeaders[];
  clear(): void;
  close(): Promise<void>;
}

export const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;
export const STATUS_ERROR = 2;

function valueOf(v: AnyValue): Attribute {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(valueOf);
  return '';
}

function attributesOf(list: KeyValue[] | undefined): Record<string, Attribute> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));
}

function flatten(body: ExportTraceServiceRequest): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((rs) =>
    (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        traceId: s.traceId,
        spanId: s.spanId,
        parentSpanId: s.parentSpanId ? s.parentSpanId : undefined,
        name: s.name,
        kind: s.kind,
        startNs: BigInt(s.startTimeUnixNano),
        endNs: BigInt(s.endTimeUnixNano),
        attributes: attributesOf(s.attributes),
        events: (s.events ?? []).map((e) => ({ name: e.name, attributes: attributesOf(e.attributes) })),
        statusCode: s.status?.code ?? 0,
        resource: attributesOf(rs.resource?.attributes),
        scope: ss.scope?.name,
      })),
    ),
  );
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  let received: ReceivedSpan[] = [];
  let headers: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') return void res.writeHead(404).end();
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        // This receiver decodes the JSON encoding only; the gateway's tests set OTEL_EXPORTER_OTLP_PROTOCOL=http/json.
        return void res.writeHead(415, { 'content-type': 'application/json' }).end('{"code":3,"message":"only application/json"}');
      }
      try {
        received = received.concat(flatten(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportTraceServiceRequest));
      } catch {
        return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":3,"message":"unreadable request"}');
      }
      headers.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"partialSuccess":{}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans: () => [...received],
    requestHeaders: () => [...headers],
    clear: () => {
      received = [];
      headers = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
