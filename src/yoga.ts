// Builds the GraphQL server from a config: schema, context, plugins, limits, masking, GraphiQL.
// Exported on its own so tests call yoga.fetch without a socket; server.ts only listens.
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createContext, type GatewayContext, type GatewayServices } from './context.js';
import { subgraphSchema } from './schema/index.js';
import { isPublicCatalogQuery } from './schema/catalog/public-query.js';
import { PartnerCenterClient, type ClientOptions } from './upstream/client.js';
import { createUpstreamBudget } from './upstream/budget.js';
import { SharedCache } from './state/shared-cache.js';
import { createSharedState } from './state/shared-state.js';
import { IdempotencyKeeper } from './state/idempotency.js';
import { RecentOrders } from './state/recent-orders.js';
import { StatusPollers } from './state/status-poller.js';
import { correlationIdOf, useCorrelationId } from './plugins/correlation.js';
import { useExactEndpoints } from './plugins/endpoints.js';
import { useOperationLog } from './plugins/operation-log.js';
import { useCatalogResultCache } from './plugins/catalog-result-cache.js';
import { useRequestBodyLimit } from './plugins/body-limit.js';
import { useReadiness } from './plugins/readiness.js';
import { useStaleCatalogMarker } from './plugins/stale-catalog-marker.js';
import { maskError } from './plugins/mask-error.js';
import { EXAMPLE_QUERY } from './graphiql.js';
import { createMsalClient } from './auth/msal.js';
import { appOnlyTokens, onBehalfOfTokens } from './auth/upstream-tokens.js';
import { CallerAuthenticator } from './auth/caller-auth.js';
import { callerIdentityOf, useCallerAuth } from './plugins/caller-auth.js';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { CSRF_HEADER, corsOptions } from './plugins/cors.js';
import { usePersistedDocuments } from './plugins/persisted-documents.js';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { CursorSigner } from './schema/cursor-signer.js';
import { createObservability, type Observability } from './observability/setup.js';
import { requestTraceOf } from './observability/request-trace.js';

export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  services: GatewayServices;
  /** Metrics and tracing (METRICS_*, OTEL_*). */
  observability: Observability;
  /** Marks the gateway not ready (so /ready answers 503 while draining) */
  drain(): void;
  close(): Promise<void>;
}

export interface GatewayOptions {
  config: Config;
  /** Resolved upstream root: the configured URL, or the embedded sandbox's. */
  baseUrl: string;
  logger: Logger;
  client?: Partial<ClientOptions>;
}

const LOCALE = /^[a-z]{2}-[A-Z]{2}$/;
const GRAPHQL_PATH = '/graphql';
const HEALTH_PATH = '/health';
const READY_PATH = '/ready';

export function createGateway({ config, baseUrl, logger, client }: GatewayOptions): Gateway {
  const { azure, callers } = config;
  const msal = azure ? createMsalClient(azure, logger) : undefined;
  const tokens = msal && azure ? (azure.mode === 'user' ? onBehalfOfTokens(msal, azure.refreshMarginSeconds) : appOnlyTokens(msal, azure.refreshMarginSeconds)) : undefined;
  const authenticator = azure && callers ? new CallerAuthenticator(azure.authorityHost, callers) : undefined;
  const shared = createSharedState(config, logger);
  // The partner this process serves: every budget and customer-data key starts with it.
  const partnerScope = config.azure?.tenantId ?? new URL(baseUrl).host;
  const observability = createObservability(config.observability, { baseUrl, logger });
  const upstream = new PartnerCenterClient({
    ...config.upstream,
    baseUrl,
    ...(tokens ? { getToken: (ctx) => tokens.getToken(ctx), onUnauthorized: (ctx) => tokens.invalidate(ctx) } : {}),
    // The fleet-wide budget of Partner Center calls, shared through Redis when it is configured.
    // The embedded sandbox (sandbox mode) is no Partner Center to protect: no budget there.
    budget:
      config.mode === 'sandbox'
        ? undefined
        : createUpstreamBudget({ ...config.budget, partnerScope, redis: shared.redis, logger: logger.child({ component: 'upstream-budget' }) }),
    observer: observability.upstreamObserver,
    ...client,
  });
  const catalogCache = new SharedCache(shared.catalogStore, { ...config.catalogCache, loadTimeoutMs: config.upstream.deadlineMs, redis: shared.redis, logger: logger.child({ component: 'catalog-cache' }) });
  const state = shared.stateStore;
  const services: GatewayServices = {
    partnerScope,
    upstream,
    catalogCache,
    idempotency: new IdempotencyKeeper(state, config.state.idempotencyTtlSeconds * 1000, { redis: shared.redis, logger, waitMs: config.upstream.deadlineMs, localEntries: config.state.maxEntries }),
    recentOrders: new RecentOrders(state, config.state.recentOrdersTtlSeconds * 1000, { redis: shared.redis, logger, localEntries: config.state.maxEntries }),
    logger,
    defaultLocale: config.upstream.locale,
    pollMaxMs: config.upstream.pollMaxMs,
    orderPollers: new StatusPollers(shared.redis, { leaseMs: config.orderStatusPoll.leaseMs, namespace: 'order-status', logger: logger.child({ component: 'order-status' }) }),
    orderPollMs: { initial: config.orderStatusPoll.initialMs, max: config.orderStatusPoll.maxMs },
    cursorSigner: new CursorSigner(config.http.cursorSigningKey),
  };
  observability.watchState({ catalogCache, idempotency: services.idempotency, orderPollers: services.orderPollers, tokens });
  let ready = true;

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    // The subgraph schema is the public one plus _service and _entities, so one endpoint serves
    // clients and a federation router alike, through the same auth, limits, masking and loaders.
    schema: subgraphSchema,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: HEALTH_PATH,
    landingPage: false,
    graphiql: { title: 'Partner Center GraphQL gateway', defaultQuery: EXAMPLE_QUERY, defaultHeaders: JSON.stringify({ 'X-Locale': 'en-US' }, null, 2) },
    // GraphiQL from the package's own bundle: nothing is loaded from a CDN. The bundle is ~30 MiB of
    // source text in memory once imported (a sixth of the idle RSS), so it is imported on the first
    // page view, not at start.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    logging: {
      debug: (...a: unknown[]) => logger.debug({ yoga: a.map(String) }),
      info: (...a: unknown[]) => logger.info({ yoga: a.map(String) }),
      warn: (...a: unknown[]) => logger.warn({ yoga: a.map(String) }),
      error: (...a: unknown[]) => logger.error({ yoga: a.map(String) }),
    },
    context: ({ request }) => {
      const lang = request.headers.get('x-locale') ?? undefined;
      return createContext(services, {
        identity: callerIdentityOf(request),
        correlationId: correlationIdOf(request),
        trace: requestTraceOf(request),
        locale: lang && LOCALE.test(lang) ? lang : undefined,
        signal: request.signal,
      });
    },
    maskedErrors: { maskError },
    // The body limit is useRequestBodyLimit's (below): yoga's counts every body through a stream
    // pipeline, which costs a fifth of the warm throughput; ours counts only what Node's HTTP
    // parser has not already bounded.
    maxRequestBodySize: false,
    // CORS only for the configured origins (none: same-origin only).
    cors: config.http.corsOrigins.length === 0 ? false : corsOptions(config.http.corsOrigins),
    plugins: [
      useExactEndpoints([GRAPHQL_PATH, HEALTH_PATH, READY_PATH, ...observability.paths]),
      // /metrics is answered here, before caller authentication: a scraper has no caller token.
      ...observability.endpointPlugins,
      ...(authenticator ? [useCallerAuth(authenticator, logger)] : []),
      // Operation metrics and spans, for authenticated callers only.
      ...observability.operationPlugins,
      ...(config.http.introspection ? [] : [useDisableIntrospection()]),
      // A cross-site page cannot send a "simple" request (a GET or a form POST) that runs an
      // operation: those need this header, which browsers only send after a CORS preflight.
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      ...(config.http.persistedDocumentsPath ? [usePersistedDocuments(config.http.persistedDocumentsPath, config.http.persistedDocumentsOnly)] : []),
      EnvelopArmorPlugin({
        maxDepth: { n: config.limits.maxDepth },
        maxTokens: { n: config.limits.maxTokens },
        maxAliases: { n: config.limits.maxAliases },
        costLimit: { maxCost: 20_000 },
        maxDirectives: { n: 20 },
      }),
      useCorrelationId(),
      useStaleCatalogMarker(),
      useOperationLog(),
      // Last of the onExecute plugins: a reused result ends that chain. A storefront asks a handful
      // of catalog queries per market and locale; 256 kept results hold them with room to spare.
      useCatalogResultCache({ maxResults: 256, isPublic: isPublicCatalogQuery }),
      // Last of ours, as yoga places its own limit: it wraps whichever request parser was chosen.
      // An oversized body is refused with 413 before it is buffered whole or parsed.
      useRequestBodyLimit(config.limits.maxRequestBytes),
      // Redis trouble degrades the gateway but does not stop it serving (each feature falls back),
      // so /ready stays 200 and says so in its body; 503 only while draining.
      useReadiness(READY_PATH, () => (ready ? { ready: true, ...shared.status() } : undefined)),
    ],
  });

  return {
    yoga,
    services,
    observability,
    drain: () => {
      ready = false;
    },
    close: async () => {
      ready = false;
      await Promise.all([upstream.close(), shared.close()]);
      // After the upstream client: the spans of calls that ended while closing are exported too.
      await observability.close();
    },
  };
}
