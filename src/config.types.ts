// The shape of the gateway's validated, frozen settings. src/config.ts builds it from the
// environment; everything else reads it. The simulator's settings are its own (src/sandbox/settings.ts).
import type { LOG_LEVELS } from './config.env.js';

export interface UpstreamSettings {
  /** API root without the version segment, e.g. https://api.partnercenter.microsoft.com */
  readonly baseUrl: string;
  readonly locale: string;
  readonly connections: number;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly deadlineMs: number;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryMaxDelayMs: number;
  readonly retryAfterCapSeconds: number;
  /** How long a change answered 202 Accepted is followed before the gateway reports it pending. */
  readonly pollMaxMs: number;
}

export interface AzureCredentials {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly certificatePath?: string;
  /** e.g. https://login.microsoftonline.com, or another authority trusted as a known authority. */
  readonly authorityHost: string;
  /** app: one app-only token for every call; user: each caller's token exchanged on behalf of the user. */
  readonly mode: 'app' | 'user';
  /** Tokens are renewed this long before they expire. */
  readonly refreshMarginSeconds: number;
}

/** Who may call the gateway (outside sandbox and open mode). */
export interface CallerAuthSettings {
  /** Accepted `aud` values of callers' tokens. */
  readonly audiences: readonly string[];
  /** Tenants whose users may call; the partner tenant by default. */
  readonly allowedTenants: readonly string[];
  /** Least time between two fetches of the authority's key set (an unknown key id triggers one). */
  readonly jwksCooldownMs: number;
}

export interface HttpSettings {
  /** Origins allowed by CORS; empty: no cross-origin access. */
  readonly corsOrigins: readonly string[];
  /** A persisted-documents manifest (hash → document), as codegen's client preset writes it. */
  readonly persistedDocumentsPath?: string;
  /** Accept only the documents of that manifest. */
  readonly persistedDocumentsOnly: boolean;
  /** Answer introspection queries (GRAPHQL_INTROSPECTION, default true). */
  readonly introspection: boolean;
  /** HMAC key for connection cursors (CURSOR_SIGNING_KEY); unset: a random key per process. */
  readonly cursorSigningKey?: string;
}

export interface RedisSettings {
  /** redis:// or rediss:// URL, credentials included (never logged). */
  readonly url: string;
  /** Namespaced and versioned, e.g. "pcgw:v1:"; every key starts with it. */
  readonly keyPrefix: string;
  /** A command slower than this counts as Redis trouble: the feature falls back. */
  readonly commandTimeoutMs: number;
}

/** Prometheus metrics at /metrics (METRICS_*). */
export interface MetricsSettings {
  /** Serve /metrics and count; false: no registry, no counting, /metrics answers 404. */
  readonly enabled: boolean;
  /** Set: /metrics wants `Authorization: Bearer <token>`. A secret: never logged. */
  readonly token?: string;
  /** Distinct GraphQL operation names kept as label values; names seen after these count as "__other". */
  readonly maxOperationNames: number;
  /** Customer tenants (lower-case GUIDs) whose upstream calls get their own `customer` label value. */
  readonly customerLabels: readonly string[];
}

/** OpenTelemetry tracing (the standard OTEL_* settings); absent: tracing is off. */
export interface TracingSettings {
  /** OTLP/HTTP traces URL, e.g. http://collector:4318/v1/traces. */
  readonly url: string;
  readonly protocol: 'http/protobuf' | 'http/json';
  /** Sent with every export (API keys): never logged. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly compression: 'gzip' | 'none';
  readonly serviceName: string;
  readonly resourceAttributes: Readonly<Record<string, string>>;
  readonly sampler: {
    readonly name: 'always_on' | 'always_off' | 'traceidratio' | 'parentbased_always_on' | 'parentbased_always_off' | 'parentbased_traceidratio';
    /** For the ratio samplers: the share of new traces recorded (0 to 1). */
    readonly ratio: number;
  };
  readonly batch: { readonly scheduleDelayMs: number; readonly exportTimeoutMs: number; readonly maxQueueSize: number; readonly maxExportBatchSize: number };
}

export interface ObservabilitySettings {
  readonly metrics: MetricsSettings;
  readonly tracing?: TracingSettings;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** 'sandbox': the embedded simulator is started and used; 'remote': PARTNER_CENTER_BASE_URL or the real API. */
  readonly mode: 'sandbox' | 'remote';
  /** Present when Azure credentials are configured: callers must then bring a valid bearer token. */
  readonly callers?: CallerAuthSettings;
  /** Present in remote mode; in sandbox mode the URL is only known once the sandbox listens. */
  readonly upstream: Omit<UpstreamSettings, 'baseUrl'> & { readonly baseUrl?: string };
  readonly azure?: AzureCredentials;
  readonly catalogCache: {
    readonly ttlSeconds: number;
    readonly maxEntries: number;
    /** Past the TTL an entry is served while one background refresh runs, for this long. */
    readonly staleWhileRevalidateSeconds: number;
    /** When Partner Center fails, the last good entry is served up to this age. */
    readonly staleIfErrorSeconds: number;
  };
  /** Present when REDIS_URL is set: state shared by every replica. */
  readonly redis?: RedisSettings;
  /** Fleet-wide upstream request budget, per minute; 0 means none. */
  readonly budget: { readonly partnerPerMinute: number; readonly customerPerMinute: number };
  /** Shared state that is not a cache: idempotency outcomes and read-your-writes orders. */
  readonly state: { readonly idempotencyTtlSeconds: number; readonly recentOrdersTtlSeconds: number; readonly maxEntries: number };
  readonly limits: {
    readonly maxDepth: number;
    readonly maxTokens: number;
    readonly maxAliases: number;
    readonly maxRequestBytes: number;
  };
  readonly shutdownGraceMs: number;
  /** Worker processes serving the port (node:cluster, src/cluster.ts); 1: this process alone. */
  readonly workers: number;
  /** orderStatusChanged polls Partner Center from this interval, backing off to the maximum. */
  readonly orderStatusPoll: { readonly initialMs: number; readonly maxMs: number; /** The fleet-wide lease of one poller. */ readonly leaseMs: number };
  readonly http: HttpSettings;
  readonly observability: ObservabilitySettings;
}
