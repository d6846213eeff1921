// The gateway's environment settings, one schema per setting (see config.fields.ts for why). The
// SANDBOX_* settings belong to the simulator: src/sandbox/settings.ts.
import { z } from 'zod';
import { isGuid } from './ids.js';
import { otelEnv } from './config.otel.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().min(1).optional());
const flag = (fallback: 'true' | 'false') => z.enum(['true', 'false']).default(fallback);

export const gatewayEnv = {
  PORT: int(0, 65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  PARTNER_CENTER_BASE_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  PARTNER_CENTER_LOCALE: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'expected a locale such as en-US').default('en-US'),
  UPSTREAM_CONNECTIONS: int(1, 512).default(32),
  UPSTREAM_CONNECT_TIMEOUT_MS: int(100, 120_000).default(5_000),
  // A hanging upstream must not hold a frontend for long: the deadline bounds a call with its retries.
  UPSTREAM_HEADERS_TIMEOUT_MS: int(100, 600_000).default(10_000),
  UPSTREAM_BODY_TIMEOUT_MS: int(100, 600_000).default(10_000),
  UPSTREAM_DEADLINE_MS: int(100, 600_000).default(15_000),
  UPSTREAM_MAX_ATTEMPTS: int(1, 10).default(4),
  UPSTREAM_RETRY_BASE_MS: int(1, 60_000).default(200),
  UPSTREAM_RETRY_MAX_DELAY_MS: int(1, 600_000).default(5_000),
  UPSTREAM_RETRY_AFTER_CAP_S: int(0, 3_600).default(30),
  UPSTREAM_POLL_MAX_MS: int(0, 600_000).default(15_000),
  ORDER_STATUS_POLL_MS: int(100, 600_000).default(2_000),
  ORDER_STATUS_POLL_MAX_MS: int(100, 3_600_000).default(30_000),
  CORS_ORIGINS: optionalString,
  PERSISTED_DOCUMENTS: optionalString,
  PERSISTED_DOCUMENTS_ONLY: flag('false'),
  GRAPHQL_INTROSPECTION: flag('true'),
  // HMAC key of connection cursors; shared by every replica so a cursor from one is valid on another.
  CURSOR_SIGNING_KEY: z.preprocess(blankToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  CATALOG_CACHE_TTL_S: int(0, 86_400).default(900),
  CATALOG_CACHE_MAX_ENTRIES: int(1, 1_000_000).default(5_000),
  // Past its TTL a catalog entry is still served while one refresh runs in the background...
  CATALOG_STALE_WHILE_REVALIDATE_S: int(0, 7 * 86_400).default(3_600),
  // ...and, when Partner Center fails (5xx, timeout, throttling), up to this age.
  CATALOG_STALE_IF_ERROR_S: int(0, 30 * 86_400).default(86_400),
  // Shared state for many replicas; unset keeps everything in this process's memory.
  REDIS_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^rediss?$/ }).optional()),
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and - only (1 to 32)').default('pcgw'),
  REDIS_COMMAND_TIMEOUT_MS: int(10, 60_000).default(500),
  // Fleet-wide upstream budget (requests per minute; 0: no budget). Partner Center documents 500 per
  // minute per tenant for the Order, Subscription and Customer resources.
  UPSTREAM_BUDGET_PARTNER_PER_MIN: int(0, 1_000_000).default(3_000),
  UPSTREAM_BUDGET_CUSTOMER_PER_MIN: int(0, 1_000_000).default(500),
  ORDER_STATUS_POLL_LEASE_MS: int(1_000, 600_000).default(10_000),
  IDEMPOTENCY_TTL_S: int(60, 30 * 86_400).default(86_400),
  RECENT_ORDERS_TTL_S: int(0, 86_400).default(1_800),
  STATE_MAX_ENTRIES: int(100, 10_000_000).default(100_000),
  MAX_QUERY_DEPTH: int(1, 100).default(12),
  MAX_QUERY_TOKENS: int(100, 100_000).default(2_000),
  MAX_QUERY_ALIASES: int(1, 1_000).default(30),
  MAX_REQUEST_BYTES: int(1_024, 10_000_000).default(100_000),
  SHUTDOWN_GRACE_MS: int(0, 120_000).default(10_000),
  // Gateway processes on this host (node:cluster): 0 or 1 runs this process alone, auto one per core.
  GATEWAY_WORKERS: z.union([z.literal('auto'), int(0, 256)], { error: 'expected auto or a number of workers from 0 to 256' }).default(0),
  AZURE_TENANT_ID: z.preprocess(blankToUndefined, z.string().trim().refine(isGuid, 'must be the partner tenant id (a GUID)').optional()),
  AZURE_CLIENT_ID: optionalString,
  AZURE_CLIENT_SECRET: optionalString,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalString,
  AZURE_AUTHORITY_HOST: z.url({ protocol: /^https$/ }).default('https://login.microsoftonline.com'),
  AZURE_TOKEN_REFRESH_MARGIN_S: int(0, 3_600).default(300),
  PARTNER_CENTER_AUTH_MODE: z.enum(['app', 'user']).default('app'),
  AUTH_AUDIENCE: optionalString,
  AUTH_ALLOWED_TENANTS: optionalString,
  AUTH_JWKS_COOLDOWN_MS: int(0, 3_600_000).default(5_000),
  // Prometheus metrics at /metrics on the gateway's port, answered before caller authentication.
  METRICS_ENABLED: flag('true'),
  // Set: /metrics wants this bearer token (the scraper's credentials; never logged nor echoed).
  METRICS_TOKEN: z.preprocess(blankToUndefined, z.string().trim().min(16, 'must be at least 16 characters').optional()),
  // Label values stay bounded: this many distinct operation names, the rest count as "__other".
  METRICS_MAX_OPERATION_NAMES: int(0, 10_000).default(200),
  // Customer tenants whose upstream calls are labelled with their id (bounded by this list).
  METRICS_CUSTOMER_LABELS: optionalString,
  // Tracing: the standard OTEL_* settings (src/config.otel.ts).
  ...otelEnv,
} as const;

export type GatewayEnv = typeof gatewayEnv;

export const AZURE_CREDENTIAL_NAMES = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH'] as const;
