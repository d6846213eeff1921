// The sandbox's public contract. Other parts of the project (the gateway's tests, the embedded
// sandbox in src/server.ts) code against these shapes, so they change only additively.
import type { Logger } from 'pino';
import type { CartResource } from './model/cart.js';
import type { InvoiceResource } from './model/invoice.js';
import type { OrderResource } from './model/order.js';
import type { SubscriptionResource } from './model/subscription.js';

/** Random faults at these rates on every API request (SANDBOX_LATENCY_MS, SANDBOX_RATE_429, ...). */
export interface SandboxFaultSettings {
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly rate429: number;
  readonly retryAfterSeconds: number;
  readonly rate5xx: number;
  readonly rateDrop: number;
}

/** The commerce knobs, from the settings (src/sandbox/settings.ts) or the sandbox's own API (setCommerce, PUT /_sandbox/commerce). */
export interface SandboxCommerceSettings {
  /** How long a new order stays pending before it completes and its subscriptions turn active. */
  readonly orderCompletionMs: number;
  /** How long a new order is missing from the customer's order list (Partner Center: up to 15 minutes). */
  readonly orderListDelayMs: number;
  /**
   * 0 (the default): a valid subscription PATCH answers 200 with the changed subscription. Above
   * 0: it answers 202 Accepted with a Location, and the change shows this long later on the clock
   * (reference §2.5 "PATCH responses").
   */
  readonly subscriptionPatchDelayMs: number;
}

/** Time source for business rules (cart expiry, refund windows) so tests can move time. */
export interface Clock {
  now(): Date;
}

/** The sandbox's clock: an offset over the injected (or wall) clock, so time keeps flowing. */
export interface SandboxClock extends Clock {
  /** Moves time forward by `ms` (>= 0). */
  advance(ms: number): void;
  /** Makes the clock read `date` now; it keeps flowing from there. */
  set(date: Date | string): void;
  /** Back to following the injected clock, or the wall clock. */
  reset(): void;
}

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Seeds every generated id and choice; the same seed always serves byte-identical data. Default 1. */
  seed?: number;
  faults?: Partial<SandboxFaultSettings>;
  /** Order timing. Default: orders complete after 5 s and are listed after 30 s. */
  commerce?: Partial<SandboxCommerceSettings>;
  /** Default: a silent logger. */
  logger?: Logger;
  /** Default: the wall clock. Sandbox.clock moves time over it either way. */
  clock?: Clock;
  /** When set, API requests must carry a valid bearer token (reference §1.2). Default: any or none. */
  auth?: SandboxAuthOptions;
}

/**
 * How the sandbox checks tokens: each API request (not the admin endpoints) must carry
 * `Authorization: Bearer <jwt>` signed by a key of the JWKS, for the audience, not expired.
 */
export interface SandboxAuthOptions {
  /** e.g. an Entra ID tenant's https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys. */
  jwksUri: string;
  /** PEM certificate(s) trusted for the JWKS host instead of the system CAs (a self-signed test authority). */
  ca?: string;
  /** Default https://api.partnercenter.microsoft.com. */
  audience?: string;
  /** Accepted `iss` values. Default: any issuer on the JWKS host (any tenant of that authority). */
  issuers?: string[];
}

/** Who a verified token says is calling; never the token itself. */
export interface RecordedIdentity {
  /** From `idtyp`; without it, a token with `scp` is a user's, any other an app's. */
  idtyp: 'app' | 'user';
  oid?: string;
  upn?: string;
  tid?: string;
  appid?: string;
}

export interface ScriptedFault {
  /** A route key such as 'GET /v1/products/{productId}/skus'; omitted matches any API request. */
  route?: string;
  /**
   * 'status' answers with `status` before processing; 'drop' closes the connection before
   * processing; 'delay' holds the request, then processes it; 'dropAfter' processes the request
   * (state changes, idempotency record stored), then closes the connection without an answer;
   * 'orderGroupError' fails order group `orderGroup` in the next checkout that places orders.
   */
  kind: 'status' | 'drop' | 'delay' | 'dropAfter' | 'orderGroupError';
  /** For 'status': 429 answers with the gateway throttle body, 5xx and others with an ApiFault. */
  status?: number;
  retryAfterSeconds?: number;
  /** For 'delay': hold the response this long, then answer normally. Default 1000. */
  delayMs?: number;
  /** How many matching requests this fault answers. Default 1. */
  times?: number;
  /** For 'orderGroupError' (required): the cart orderGroup ("0", "1", ...) whose order fails. */
  orderGroup?: string;
  /** For 'orderGroupError': the OrderError code. Default 800069. */
  code?: number;
  /** For 'orderGroupError': default 'Order failed Risk Management check'. */
  description?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The route key, or 'unmatched'. */
  route: string;
  /** Lower-case names; the authorization value is replaced by '[redacted]'. */
  headers: Record<string, string>;
  /** 0 when the connection was dropped. */
  status: number;
  at: string;
  /** The verified caller, when the sandbox checks tokens (SandboxOptions.auth) and the token verified. */
  identity?: RecordedIdentity;
}

/**
 * What the sandbox holds, rendered as the by-id GET routes would render it at this moment,
 * including orders not yet in the order list. Each call returns fresh copies.
 */
export interface SandboxState {
  carts(customerId: string): readonly CartResource[];
  orders(customerId: string): readonly OrderResource[];
  subscriptions(customerId: string): readonly SubscriptionResource[];
  /** Every invoice as GET /invoices/{id} renders it, newest first. */
  invoices(): readonly InvoiceResource[];
}

export interface Sandbox {
  /** API root, e.g. 'http://127.0.0.1:43123'; resources live under /v1. */
  readonly url: string;
  readonly port: number;
  /** The clock every time-dependent rule reads; advance or set it to move the simulated time. */
  readonly clock: SandboxClock;
  counters(): Record<string, number>;
  count(route: string): number;
  totalRequests(): number;
  requests(): readonly RecordedRequest[];
  setFaults(faults: Partial<SandboxFaultSettings>): void;
  script(fault: ScriptedFault): void;
  /** Validates, then merges; applies to orders placed afterwards. */
  setCommerce(settings: Partial<SandboxCommerceSettings>): void;
  commerceSettings(): SandboxCommerceSettings;
  state(): SandboxState;
  resetCounters(): void;
  close(): Promise<void>;
}
