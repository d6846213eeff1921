// The gateway's only reader of process.env (the simulator reads its own SANDBOX_* settings in
// src/sandbox/settings.ts). Every setting is validated on its own and every cross-field check runs
// on whatever parsed, so an operator sees every problem in one report instead of fixing them one
// restart at a time.
import { availableParallelism } from 'node:os';
import { AZURE_CREDENTIAL_NAMES, gatewayEnv, type GatewayEnv } from './config.env.js';
import { isSet, parseFields, type Env, type Fields } from './config.fields.js';
import type { AzureCredentials, Config } from './config.types.js';
import { isGuid } from './ids.js';
import { otelProblems, tracingSettings } from './config.otel.js';

export type { AzureCredentials, CallerAuthSettings, Config, HttpSettings, MetricsSettings, ObservabilitySettings, RedisSettings, TracingSettings, UpstreamSettings } from './config.types.js';

export const PARTNER_CENTER_API_ROOT = 'https://api.partnercenter.microsoft.com';

export type ConfigMode = Config['mode'];

/**
 * On failure, `mode` still says which mode the settings asked for, so the entry point knows
 * whether the sandbox's own settings matter too.
 */
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[]; mode: ConfigMode };

export function loadConfig(env: Env = process.env): ConfigResult {
  const fields = parseFields(gatewayEnv, env);
  const mode = modeOf(env);
  const problems = [...fields.problems, ...crossFieldProblems(fields, env)];
  const e = fields.all;
  if (problems.length > 0 || !e) return { ok: false, problems, mode };

  const azure = isAzureConfigured(env) && e.AZURE_TENANT_ID && e.AZURE_CLIENT_ID
    ? azureCredentials(e, e.AZURE_TENANT_ID, e.AZURE_CLIENT_ID)
    : undefined;
  const tenants = listOf(e.AUTH_ALLOWED_TENANTS).map((t) => t.toLowerCase());
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
            jwksCooldownMs: e.AUTH_JWKS_COOLDOWN_MS,
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
    catalogCache: {
      ttlSeconds: e.CATALOG_CACHE_TTL_S,
      maxEntries: e.CATALOG_CACHE_MAX_ENTRIES,
      staleWhileRevalidateSeconds: e.CATALOG_STALE_WHILE_REVALIDATE_S,
      staleIfErrorSeconds: e.CATALOG_STALE_IF_ERROR_S,
    },
    ...(e.REDIS_URL ? { redis: { url: e.REDIS_URL, keyPrefix: `${e.REDIS_KEY_PREFIX}:v1:`, commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS } } : {}),
    budget: { partnerPerMinute: e.UPSTREAM_BUDGET_PARTNER_PER_MIN, customerPerMinute: e.UPSTREAM_BUDGET_CUSTOMER_PER_MIN },
    state: { idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_S, recentOrdersTtlSeconds: e.RECENT_ORDERS_TTL_S, maxEntries: e.STATE_MAX_ENTRIES },
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxRequestBytes: e.MAX_REQUEST_BYTES,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    workers: e.GATEWAY_WORKERS === 'auto' ? availableParallelism() : Math.max(1, e.GATEWAY_WORKERS),
    orderStatusPoll: { initialMs: e.ORDER_STATUS_POLL_MS, maxMs: Math.max(e.ORDER_STATUS_POLL_MS, e.ORDER_STATUS_POLL_MAX_MS), leaseMs: e.ORDER_STATUS_POLL_LEASE_MS },
    http: {
      corsOrigins: listOf(e.CORS_ORIGINS),
      ...(e.PERSISTED_DOCUMENTS ? { persistedDocumentsPath: e.PERSISTED_DOCUMENTS } : {}),
      persistedDocumentsOnly: e.PERSISTED_DOCUMENTS_ONLY === 'true',
      introspection: e.GRAPHQL_INTROSPECTION === 'true',
      ...(e.CURSOR_SIGNING_KEY ? { cursorSigningKey: e.CURSOR_SIGNING_KEY } : {}),
    },
    observability: observabilitySettings(e),
  };
  return { ok: true, config: deepFreeze(config) };
}

/**
 * No base URL and no credentials: nothing real to talk to, so serve the embedded sandbox. Read
 * from the raw values, so it is known even when those values are wrong.
 */
function modeOf(env: Env): ConfigMode {
  return !isSet(env.PARTNER_CENTER_BASE_URL) && !isAzureConfigured(env) ? 'sandbox' : 'remote';
}

function isAzureConfigured(env: Env): boolean {
  return AZURE_CREDENTIAL_NAMES.some((n) => isSet(env[n]));
}

/** The checks that relate settings; each runs unless one of its inputs failed (already reported). */
function crossFieldProblems({ values: e, failed }: Fields<GatewayEnv>, env: Env): string[] {
  const problems: string[] = [];
  const parsed = (...names: (keyof GatewayEnv)[]) => names.every((n) => !failed.has(n));
  const anyAzure = isAzureConfigured(env);

  if (anyAzure) {
    const required = 'required when any AZURE_* credential is set';
    if (parsed('AZURE_TENANT_ID') && !e.AZURE_TENANT_ID) problems.push(`AZURE_TENANT_ID: ${required}`);
    if (parsed('AZURE_CLIENT_ID') && !e.AZURE_CLIENT_ID) problems.push(`AZURE_CLIENT_ID: ${required}`);
    if (parsed('AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH')) {
      if (!e.AZURE_CLIENT_SECRET && !e.AZURE_CLIENT_CERTIFICATE_PATH) {
        problems.push('AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: one is required when any AZURE_* credential is set');
      }
      if (e.AZURE_CLIENT_SECRET && e.AZURE_CLIENT_CERTIFICATE_PATH) {
        problems.push('AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH: set one, not both');
      }
    }
  }
  const tenants = listOf(e.AUTH_ALLOWED_TENANTS);
  for (const t of tenants) if (!isGuid(t)) problems.push(`AUTH_ALLOWED_TENANTS: ${JSON.stringify(t)} is not a tenant id (GUID)`);
  if (!anyAzure && (e.AUTH_AUDIENCE || tenants.length > 0)) {
    problems.push('AUTH_AUDIENCE / AUTH_ALLOWED_TENANTS: caller authentication needs the AZURE_* credentials of the partner tenant');
  }
  for (const o of listOf(e.CORS_ORIGINS)) {
    if (o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o)) problems.push(`CORS_ORIGINS: ${JSON.stringify(o)} is not an origin such as https://shop.example.com`);
  }
  if (parsed('PERSISTED_DOCUMENTS') && e.PERSISTED_DOCUMENTS_ONLY === 'true' && !e.PERSISTED_DOCUMENTS) {
    problems.push('PERSISTED_DOCUMENTS_ONLY: needs PERSISTED_DOCUMENTS, the manifest of the accepted documents');
  }
  for (const t of listOf(e.METRICS_CUSTOMER_LABELS)) if (!isGuid(t)) problems.push(`METRICS_CUSTOMER_LABELS: ${JSON.stringify(t)} is not a customer tenant id (GUID)`);
  problems.push(...otelProblems(e));
  const { UPSTREAM_RETRY_BASE_MS: base, UPSTREAM_RETRY_MAX_DELAY_MS: maxDelay, UPSTREAM_HEADERS_TIMEOUT_MS: headers, UPSTREAM_DEADLINE_MS: deadline } = e;
  if (base !== undefined && maxDelay !== undefined && base > maxDelay) {
    problems.push(`UPSTREAM_RETRY_BASE_MS: must not exceed UPSTREAM_RETRY_MAX_DELAY_MS (${base} > ${maxDelay})`);
  }
  // Waiting longer for headers than the whole call may take would only ever end in the deadline.
  if (headers !== undefined && deadline !== undefined && headers > deadline) {
    problems.push(`UPSTREAM_HEADERS_TIMEOUT_MS: must not exceed UPSTREAM_DEADLINE_MS (${headers} > ${deadline})`);
  }
  return problems;
}

function observabilitySettings(e: NonNullable<Fields<GatewayEnv>['all']>): Config['observability'] {
  const tracing = tracingSettings(e);
  return {
    metrics: {
      enabled: e.METRICS_ENABLED === 'true',
      ...(e.METRICS_TOKEN ? { token: e.METRICS_TOKEN } : {}),
      maxOperationNames: e.METRICS_MAX_OPERATION_NAMES,
      customerLabels: listOf(e.METRICS_CUSTOMER_LABELS).map((t) => t.toLowerCase()),
    },
    ...(tracing ? { tracing } : {}),
  };
}

function azureCredentials(e: NonNullable<Fields<GatewayEnv>['all']>, tenantId: string, clientId: string): AzureCredentials {
  return {
    tenantId,
    clientId,
    ...(e.AZURE_CLIENT_SECRET ? { clientSecret: e.AZURE_CLIENT_SECRET } : {}),
    ...(e.AZURE_CLIENT_CERTIFICATE_PATH ? { certificatePath: e.AZURE_CLIENT_CERTIFICATE_PATH } : {}),
    authorityHost: e.AZURE_AUTHORITY_HOST.replace(/\/+$/, ''),
    mode: e.PARTNER_CENTER_AUTH_MODE,
    refreshMarginSeconds: e.AZURE_TOKEN_REFRESH_MARGIN_S,
  };
}

/** A comma-separated setting as its trimmed, non-empty items. */
function listOf(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
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
