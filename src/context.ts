// Per-request context: who is asking (later: the viewer), the correlation id of this GraphQL
// operation, the upstream client and the shared catalog cache. Loaders hang off this object
// through Pothos' context caches, so they live exactly as long as one request.
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { CallContext, PartnerCenterClient } from './upstream/client.js';
import type { CallTrace } from './upstream/observer.js';
import type { SharedCache } from './state/shared-cache.js';
import { StaleCatalogReads } from './state/stale-catalog.js';
import type { ServedEntries } from './state/served-entries.js';
import type { IdempotencyKeeper } from './state/idempotency.js';
import type { StatusPollers } from './state/status-poller.js';
import type { RecentOrders } from './state/recent-orders.js';
import type { UpstreamOrder } from './upstream/orders.js';
import { identityScope, type CallerIdentity } from './auth/identity.js';
import type { CursorSigner, ScopedCursorSigner } from './schema/cursor-signer.js';

export interface GatewayServices {
  /** Partner tenant (or upstream) this process serves; every cache key of customer data starts with it. */
  partnerScope: string;
  upstream: PartnerCenterClient;
  catalogCache: SharedCache;
  idempotency: IdempotencyKeeper;
  recentOrders: RecentOrders<UpstreamOrder>;
  logger: Logger;
  defaultLocale: string;
  /** How long a 202 Accepted change is followed before it is reported pending. */
  pollMaxMs: number;
  /** One poller per watched order (orderStatusChanged). */
  orderPollers: StatusPollers;
  orderPollMs: { initial: number; max: number };
  /** Signs and checks the cursors of upstream-paged connections. */
  cursorSigner: CursorSigner;
}

export interface GatewayContext {
  /** Cache-key prefix for customer data: partner scope plus, later, the caller's identity. */
  scope: string;
  services: GatewayServices;
  correlationId: string;
  locale: string;
  /** What every upstream call of this request carries. */
  call: CallContext;
  upstream: PartnerCenterClient;
  catalogCache: SharedCache;
  logger: Logger;
  /** Cursors issued to this caller, and only this caller's, verify. */
  cursors: ScopedCursorSigner;
  /** Catalog reads of this operation served stale because Partner Center failed (extensions.catalog). */
  staleCatalog: StaleCatalogReads;
  /** Set by the catalog result cache while an operation it may keep runs: what it was served from memory. */
  catalogServed?: ServedEntries;
}

export function createContext(
  services: GatewayServices,
  req: { correlationId: string; locale?: string | undefined; signal?: AbortSignal | undefined; identity?: CallerIdentity | undefined; trace?: CallTrace | undefined },
): GatewayContext {
  const locale = req.locale ?? services.defaultLocale;
  // Every line of the operation carries its correlation id and, when it has one, its W3C trace id.
  const logger = services.logger.child(req.trace ? { correlationId: req.correlationId, traceId: req.trace.traceId } : { correlationId: req.correlationId });
  // Idempotency outcomes, recent orders and cursors are kept per caller: one caller's never reach another.
  const scope = `${services.partnerScope}:${identityScope(req.identity)}`;
  return {
    scope,
    services,
    correlationId: req.correlationId,
    locale,
    call: withLazySignal({ correlationId: req.correlationId, locale, logger, ...(req.identity ? { identity: req.identity } : {}), ...(req.trace ? { trace: req.trace } : {}) }, req.signal),
    upstream: services.upstream,
    catalogCache: services.catalogCache,
    logger,
    cursors: services.cursorSigner.forScope(scope),
    staleCatalog: new StaleCatalogReads(),
  };
}

/**
 * The call context with the operation's signal, made when a call first reads it: a request answered
 * from the catalog cache makes no upstream call, and an AbortController with its listener for each
 * request was ~2 % of the warm browse's CPU. One signal serves all the operation's calls; each call
 * listens to it, and an operation may fan out to dozens of calls, which is expected and not a leak.
 */
function withLazySignal(call: Omit<CallContext, 'signal'>, source: AbortSignal | undefined): CallContext {
  if (!source) return call;
  let signal: AbortSignal | undefined;
  // Enumerable, so a copy of the call ({ ...ctx.call }) carries the signal as a plain one did.
  return Object.defineProperty(call, 'signal', { enumerable: true, get: () => (signal ??= operationSignal(source)) });
}

function operationSignal(source: AbortSignal): AbortSignal {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (source.aborted) controller.abort(source.reason);
  else source.addEventListener('abort', () => controller.abort(source.reason), { once: true });
  return controller.signal;
}
