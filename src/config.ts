// The only module that reads process.env. Every setting is validated at once so that an operator
// sees every problem in one report instead of fixing them one restart at a time.
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const ratio = z.coerce.number().min(0).max(1);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().min(1).optional());

const envSchema = z.object({
  PORT: int(0, 65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  PARTNER_CENTER_BASE_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  PARTNER_CENTER_LOCALE: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'expected a locale such as en-US').default('en-US'),
  UPSTREAM_CONNECTIONS: int(1, 512).default(32),
  UPSTREAM_CONNECT_TIMEOUT_MS: int(100, 120_000).default(5_000),
  UPSTREAM_HEADERS_TIMEOUT_MS: int(100, 600_000).default(30_000),
  UPSTREAM_BODY_TIMEOUT_MS: int(100, 600_000).default(30_000),
  UPSTREAM_DEADLINE_MS: int(100, 600_000).default(60_000),
  UPSTREAM_MAX_ATTEMPTS: int(1, 10).default(4),
  UPSTREAM_RETRY_BASE_MS: int(1, 60_000).default(200),
  UPSTREAM_RETRY_MAX_DELAY_MS: int(1, 600_000).default(5_000),
  UPSTREAM_RETRY_AFTER_CAP_S: int(0, 3_600).default(30),
  UPSTREAM_POLL_MAX_MS: int(0, 600_000).default(15_000),
  ORDER_STATUS_POLL_MS: int(100, 600_000).default(2_000),
  ORDER_STATUS_POLL_MAX_MS: int(100, 3_600_000).default(30_000),
  CORS_ORIGINS: optionalString,
  PERSISTED_DOCUMENTS: optionalString,
  PERSISTED_DOCUMENTS_ONLY: z.enum(['true', 'false']).default('false'),
  CATALOG_CACHE_TTL_S: int(0, 86_400).default(900),
  CATALOG_CACHE_MAX_ENTRIES: int(1, 1_000_000).default(5_000),
  IDEMPOTENCY_TTL_S: int(60, 30 * 86_400).default(86_400),
  RECENT_ORDERS_TTL_S: int(0, 86_400).default(1_800),
  STATE_MAX_ENTRIES: int(100, 10_000_000).default(100_000),
  MAX_QUERY_DEPTH: int(1, 100).default(12),
  MAX_QUERY_TOKENS: int(100, 100_000).default(2_000),
  MAX_QUERY_ALIASES: int(1, 1_000).default(30),
  MAX_REQUEST_BYTES: int(1_024, 10_000_000).default(100_000),
  SHUTDOWN_GRACE_MS: int(0, 120_000).default(10_000),
  AZURE_TENANT_ID: optionalString,
  AZURE_CLIENT_ID: optionalString,
  AZURE_CLIENT_SECRET: optionalString,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalString,
  AZURE_AUTHORITY_HOST: z.url({ protocol: /^https$/ }).default('https://login.microsoftonline.com'),
  AZURE_TOKEN_REFRESH_MARGIN_S: int(0, 3_600).default(300),
  PARTNER_CENTER_AUTH_MODE: z.enum(['app', 'user']).default('app'),
  AUTH_AUDIENCE: optionalString,
  AUTH_ALLOWED_TENANTS: optionalString,
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_PORT: int(0, 65535).default(0),
  SANDBOX_SEED: int(0, 2 ** 31 - 1).default(1),
  SANDBOX_LATENCY_MS: int(0, 60_000).default(0),
  SANDBOX_JITTER_MS: int(0, 60_000).default(0),
  SANDBOX_RATE_429: ratio.default(0),
  SANDBOX_RETRY_AFTER_S: int(0, 3_600).default(1),
  SANDBOX_RATE_5XX: ratio.default(0),
  SANDBOX_RATE_DROP: ratio.default(0),
  SANDBOX_ORDER_COMPLETION_MS: int(0, 3_600_000).default(5_000),
  SANDBOX_ORDER_LIST_DELAY_MS: int(0, 3_600_000).default(30_000),
  SANDBOX_SUBSCRIPTION_PATCH_DELAY_MS: int(0, 3_600_000).default(0),
  SANDBOX_AUTH_JWKS_URI: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  SANDBOX_AUTH_CA_PATH: optionalString,
});

export interface SandboxFaultSettings {
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly rate429: number;
  readonly retryAfterSeconds: number;
  readonly rate5xx: number;
  readonly rateDrop: number;
}

export interface SandboxCommerceSettings {
  /** How long a new order stays pending before it completes and its subscriptions turn active. */
  readonly orderCompletionMs: number;
  /** How long a new order is missing from the customer's order list (Partner Center: up to 15 minutes). */
  readonly orderListDelayMs: number;
  /** When above 0, subscription changes answer 202 Accepted and apply after this long. */
  readonly subscriptionPatchDelayMs: number;
}

export interface SandboxSettings {
  readonly host: string;
  readonly port: number;
  readonly seed: number;
  readonly faults: SandboxFaultSettings;
  readonly commerce: SandboxCommerceSettings;
  /** When set, the sandbox demands bearer tokens that verify against this JWKS, like the real service. */
  readonly auth?: { readonly jwksUri: string; readonly caPath?: string };
}

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
  readonly catalogCache: { readonly ttlSeconds: number; readonly maxEntries: number };
  /** Shared state that is not a cache: idempotency outcomes and read-your-writes orders. */
  readonly state: { readonly idempotencyTtlSeconds: number; readonly recentOrdersTtlSeconds: number; readonly maxEntries: number };
  readonly limits: {
    readonly maxDepth: number;
    readonly maxTokens: number;
    readonly maxAliases: number;
    readonly maxRequestBytes: number;
  };
  readonly shutdownGraceMs: number;
  readonly sandbox: SandboxSettings;
  /** orderStatusChanged polls Partner Center from this interval, backing off to the maximum. */
  readonly orderStatusPoll: { readonly initialMs: number; readonly maxMs: number };
  readonly http: {
    /** Origins allowed by CORS; empty: no cross-origin access. */
    readonly corsOrigins: readonly string[];
    /** A persisted-documents manifest (hash → document), as codegen's client preset writes it. */
    readonly persistedDocumentsPath?: string;
    /** Accept only the documents of that manifest. */
    readonly persistedDocumentsOnly: boolean;
  };
}

export const PARTNER_CENTER_API_ROOT = 'https://api.partnercenter.microsoft.com';

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path.join('.');
      // The value is echoed only for non-secret settings.
      const raw = env[name];
      const shown = raw !== undefined && !/SECRET|PASSWORD|KEY/.test(name) ? ` (got ${JSON.stringify(raw)})` : '';
      problems.push(`${name}: ${issue.message}${shown}`);
    }
    return { ok: false, problems };
  }
  const e = parsed.data;

  const azureNames = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH'] as const;
  const anyAzure = azureNames.some((n) => e[n] !== undefined);
  let azure: AzureCredentials | undefined;
  if (anyAzure) {
    if (!e.AZURE_TENANT_ID) problems.push('AZURE_TENANT_ID: required when any AZURE_* credential is set');
    if (!e.AZURE_CLIENT_ID) problems.push('AZURE_CLIENT_ID: required when any AZURE_* credential is set');
    if (!e.AZURE_CLIENT_SECRET && !e.AZURE_CLIENT_CERTIFICATE_PATH) {
      problems.push('AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: one is required when any AZURE_* credential is set');
    }
    if (e.AZURE_CLIENT_SECRET && e.AZURE_CLIENT_CERTIFICATE_PATH) {
      problems.push('AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH: set one, not both');
    }
    if (e.AZURE_TENANT_ID && e.AZURE_CLIENT_ID) {
      azure = {
        tenantId: e.AZURE_TENANT_ID,
        clientId: e.AZURE_CLIENT_ID,
        ...(e.AZURE_CLIENT_SECRET ? { clientSecret: e.AZURE_CLIENT_SECRET } : {}),
        ...(e.AZURE_CLIENT_CERTIFICATE_PATH ? { certificatePath: e.AZURE_CLIENT_CERTIFICATE_PATH } : {}),
        authorityHost: e.AZURE_AUTHORITY_HOST.replace(/\/+$/, ''),
        mode: e.PARTNER_CENTER_AUTH_MODE,
        refreshMarginSeconds: e.AZURE_TOKEN_REFRESH_MARGIN_S,
      };
    }
  }
  const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
  if (e.AZURE_TENANT_ID && !GUID.test(e.AZURE_TENANT_ID)) problems.push('AZURE_TENANT_ID: must be the partner tenant id (a GUID)');
  const tenants = (e.AUTH_ALLOWED_TENANTS ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  for (const t of tenants) if (!GUID.test(t)) problems.push(`AUTH_ALLOWED_TENANTS: ${JSON.stringify(t)} is not a tenant id (GUID)`);
  if (!anyAzure && (e.AUTH_AUDIENCE || tenants.length > 0)) problems.push('AUTH_AUDIENCE / AUTH_ALLOWED_TENANTS: caller authentication needs the AZURE_* credentials of the partner tenant');
  const corsOrigins = (e.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of corsOrigins) if (o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o)) problems.push(`CORS_ORIGINS: ${JSON.stringify(o)} is not an origin such as https://shop.example.com`);
  if (e.PERSISTED_DOCUMENTS_ONLY === 'true' && !e.PERSISTED_DOCUMENTS) problems.push('PERSISTED_DOCUMENTS_ONLY: needs PERSISTED_DOCUMENTS, the manifest of the accepted documents');
  if (e.UPSTREAM_RETRY_BASE_MS > e.UPSTREAM_RETRY_MAX_DELAY_MS) {
    problems.push('UPSTREAM_RETRY_BASE_MS: must not exceed UPSTREAM_RETRY_MAX_DELAY_MS');
  }
  if (problems.length > 0) return { ok: false, problems };

  // No base URL and no credentials: nothing real to talk to, so serve the embedded sandbox.
  const mode = e.PARTNER_CENTER_BASE_URL === undefined && !anyAzure ? 'sandbox' : 'remote';
  const baseUrl = e.PARTNER_CENTER_BASE_URL ?? (mode === 'remote' ? PARTNER_CENTER_API_ROOT : undefined);

  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    mode,
    ...(azure
      ? {
          callers: {
            audiences: e.AUTH_AUDIENCE ? [e.AUTH_AUDIENCE] : [`api://${azure.clientId}`, azure.clientId],
            allowedTenants: tenants.length > 0 ? tenants : [azure.tenantId.toLowerCase()],
          },
        }
      : {}),
    upstream: {
      ...(baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : {}),
      locale: e.PARTNER_CENTER_LOCALE,
      connections: e.UPSTREAM_CONNECTIONS,
      connectTimeoutMs: e.UPSTREAM_CONNECT_TIMEOUT_MS,
      headersTimeoutMs: e.UPSTREAM_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: e.UPSTREAM_BODY_TIMEOUT_MS,
      deadlineMs: e.UPSTREAM_DEADLINE_MS,
      maxAttempts: e.UPSTREAM_MAX_ATTEMPTS,
      retryBaseMs: e.UPSTREAM_RETRY_BASE_MS,
      retryMaxDelayMs: e.UPSTREAM_RETRY_MAX_DELAY_MS,
      retryAfterCapSeconds: e.UPSTREAM_RETRY_AFTER_CAP_S,
      pollMaxMs: e.UPSTREAM_POLL_MAX_MS,
    },
    ...(azure ? { azure } : {}),
    catalogCache: { ttlSeconds: e.CATALOG_CACHE_TTL_S, maxEntries: e.CATALOG_CACHE_MAX_ENTRIES },
    state: { idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_S, recentOrdersTtlSeconds: e.RECENT_ORDERS_TTL_S, maxEntries: e.STATE_MAX_ENTRIES },
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxRequestBytes: e.MAX_REQUEST_BYTES,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    orderStatusPoll: { initialMs: e.ORDER_STATUS_POLL_MS, maxMs: Math.max(e.ORDER_STATUS_POLL_MS, e.ORDER_STATUS_POLL_MAX_MS) },
    http: {
      corsOrigins,
      ...(e.PERSISTED_DOCUMENTS ? { persistedDocumentsPath: e.PERSISTED_DOCUMENTS } : {}),
      persistedDocumentsOnly: e.PERSISTED_DOCUMENTS_ONLY === 'true',
    },
    sandbox: {
      host: e.SANDBOX_HOST,
      port: e.SANDBOX_PORT,
      seed: e.SANDBOX_SEED,
      faults: {
        latencyMs: e.SANDBOX_LATENCY_MS,
        jitterMs: e.SANDBOX_JITTER_MS,
        rate429: e.SANDBOX_RATE_429,
        retryAfterSeconds: e.SANDBOX_RETRY_AFTER_S,
        rate5xx: e.SANDBOX_RATE_5XX,
        rateDrop: e.SANDBOX_RATE_DROP,
      },
      commerce: {
        orderCompletionMs: e.SANDBOX_ORDER_COMPLETION_MS,
        orderListDelayMs: e.SANDBOX_ORDER_LIST_DELAY_MS,
        subscriptionPatchDelayMs: e.SANDBOX_SUBSCRIPTION_PATCH_DELAY_MS,
      },
      ...(e.SANDBOX_AUTH_JWKS_URI
        ? { auth: { jwksUri: e.SANDBOX_AUTH_JWKS_URI, ...(e.SANDBOX_AUTH_CA_PATH ? { caPath: e.SANDBOX_AUTH_CA_PATH } : {}) } }
        : {}),
    },
  };
  return { ok: true, config: deepFreeze(config) };
}

/** The operator-facing report for invalid settings: one block, every problem on its own line. */
export function formatConfigProblems(problems: readonly string[]): string {
  return [`Invalid settings (${problems.length}); nothing was started:`, ...problems.map((p) => `  - ${p}`)].join('\n');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
