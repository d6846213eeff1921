// Per-request context: who is asking (later: the viewer), the correlation id of this GraphQL
// operation, the upstream client and the shared catalog cache. Loaders hang off this object
// through Pothos' context caches, so they live exactly as long as one request.
import type { Logger } from 'pino';
import type { CallContext, PartnerCenterClient } from './upstream/client.js';
import type { SharedCache } from './cache/shared-cache.js';

export interface GatewayServices {
  upstream: PartnerCenterClient;
  catalogCache: SharedCache;
  logger: Logger;
  defaultLocale: string;
}

export interface GatewayContext {
  correlationId: string;
  locale: string;
  /** What every upstream call of this request carries. */
  call: CallContext;
  upstream: PartnerCenterClient;
  catalogCache: SharedCache;
  logger: Logger;
}

export function createContext(services: GatewayServices, req: { correlationId: string; locale?: string | undefined; signal?: AbortSignal | undefined }): GatewayContext {
  const locale = req.locale ?? services.defaultLocale;
  const logger = services.logger.child({ correlationId: req.correlationId });
  return {
    correlationId: req.correlationId,
    locale,
    call: { correlationId: req.correlationId, locale, logger, ...(req.signal ? { signal: req.signal } : {}) },
    upstream: services.upstream,
    catalogCache: services.catalogCache,
    logger,
  };
}
