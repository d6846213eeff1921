// The sandbox's settings (SANDBOX_*), and the sandbox's only reader of process.env. They live here,
// not in the gateway's config, so the simulator stays a separate program: a production gateway
// neither validates nor loads it. The gateway asks for them only in sandbox mode.
import { z } from 'zod';
import { parseFields, type Env } from './env-fields.js';
import type { SandboxCommerceSettings, SandboxFaultSettings } from './types.js';

export { formatSettingsProblems } from './env-fields.js';

export interface SandboxSettings {
  readonly host: string;
  readonly port: number;
  readonly seed: number;
  readonly faults: SandboxFaultSettings;
  readonly commerce: SandboxCommerceSettings;
  /** When set, the sandbox demands bearer tokens that verify against this JWKS, like the real service. */
  readonly auth?: { readonly jwksUri: string; readonly caPath?: string };
}

export type SandboxSettingsResult = { ok: true; settings: SandboxSettings } | { ok: false; problems: string[] };

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const ratio = z.coerce.number().min(0).max(1);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const sandboxEnv = {
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
  SANDBOX_AUTH_CA_PATH: z.preprocess(blankToUndefined, z.string().trim().min(1).optional()),
} as const;

// Only `npm run sandbox` reads LOG_LEVEL here; embedded in the gateway, the sandbox logs through the gateway's logger.
const standaloneEnv = { LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') } as const;

export type SandboxLogLevel = z.output<(typeof standaloneEnv)['LOG_LEVEL']>;

export function loadSandboxSettings(env: Env = process.env): SandboxSettingsResult {
  const fields = parseFields(sandboxEnv, env);
  if (!fields.ok) return fields;
  const e = fields.values;
  const settings: SandboxSettings = {
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
  };
  return { ok: true, settings: deepFreeze(settings) };
}

/** The settings with no SANDBOX_* set. */
export function defaultSandboxSettings(): SandboxSettings {
  const r = loadSandboxSettings({});
  if (!r.ok) throw new Error(`the sandbox's defaults are invalid: ${r.problems.join('; ')}`);
  return r.settings;
}

export type StandaloneSettingsResult =
  | { ok: true; settings: SandboxSettings; logLevel: SandboxLogLevel }
  | { ok: false; problems: string[] };

/** The settings of `npm run sandbox`: the sandbox's own plus the log level; every problem at once. */
export function loadStandaloneSettings(env: Env = process.env): StandaloneSettingsResult {
  const own = loadSandboxSettings(env);
  const logging = parseFields(standaloneEnv, env);
  if (!own.ok || !logging.ok) return { ok: false, problems: [...(own.ok ? [] : own.problems), ...(logging.ok ? [] : logging.problems)] };
  return { ok: true, settings: own.settings, logLevel: logging.values.LOG_LEVEL };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
