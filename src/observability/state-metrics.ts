// Metrics read from the state classes when Prometheus scrapes: they keep plain counters (stats)
// and sizes, and the collect callbacks copy them into the registry. Nothing is counted twice and
// the hot paths pay one integer increment each, whether metrics are on or not.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { CacheStats } from '../state/shared-cache.js';
import type { IdempotencyStats } from '../state/idempotency.js';
import type { TokenStats } from '../auth/token-cache.js';

export interface StateSources {
  catalogCache: { readonly stats: Readonly<CacheStats>; readonly loading: number };
  idempotency: { readonly stats: Readonly<IdempotencyStats> };
  orderPollers: { readonly active: number; readonly polling: number; readonly watchers: number };
  /** Absent in sandbox and open mode: no token is requested. */
  tokens?: { readonly stats: Readonly<TokenStats> } | undefined;
}

/** A counter whose value is kept elsewhere: each scrape sets it from `read`. */
function mirrored<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[], read: () => [Partial<Record<L, string>>, number][]): void {
  new Counter<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.inc(labels, value);
    },
  });
}

function gauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

export function registerStateMetrics(registry: Registry, s: StateSources): void {
  const cache = () => s.catalogCache.stats;
  mirrored(registry, 'pcgw_catalog_cache_reads_total', 'Catalog cache reads: hit (served from the cache: fresh, or stale while a refresh runs) or miss (waited for a load, this replica\'s or another\'s).', ['result'], () => [
    [{ result: 'hit' }, cache().hits],
    [{ result: 'miss' }, cache().misses],
  ]);
  mirrored(registry, 'pcgw_catalog_cache_stale_served_total', 'Catalog reads answered with a stale copy because Partner Center failed (stale-if-error; marked in extensions.catalog).', [], () => [[{}, cache().staleOnError]]);
  mirrored(registry, 'pcgw_catalog_cache_revalidations_total', 'Background refreshes of stale catalog entries this replica started (stale-while-revalidate).', [], () => [[{}, cache().revalidations]]);
  gauge(registry, 'pcgw_catalog_cache_loading', 'Catalog keys this replica is loading, refreshing or waiting on another replica for.', () => s.catalogCache.loading);

  const checkouts = () => s.idempotency.stats;
  mirrored(
    registry,
    'pcgw_checkout_idempotency_total',
    'Checkouts with an idempotency key by result: executed (sent upstream), replayed (the kept outcome returned), joined (shared a checkout in flight here), conflict (key reused for another cart).',
    ['result'],
    () => [
      [{ result: 'executed' }, checkouts().executed],
      [{ result: 'replayed' }, checkouts().replayed],
      [{ result: 'joined' }, checkouts().joined],
      [{ result: 'conflict' }, checkouts().conflicts],
    ],
  );

  gauge(registry, 'pcgw_order_status_watched', 'Orders watched through orderStatusChanged on this replica.', () => s.orderPollers.active);
  gauge(registry, 'pcgw_order_status_polling', 'Watched orders this replica polls Partner Center for itself (with Redis, one replica polls each order).', () => s.orderPollers.polling);
  gauge(registry, 'pcgw_order_status_watchers', 'orderStatusChanged streams (SSE watchers) this replica serves.', () => s.orderPollers.watchers);

  const tokens = s.tokens;
  mirrored(registry, 'pcgw_upstream_token_requests_total', 'Token requests to Entra ID (client credentials or on-behalf-of) by outcome; cached tokens are not counted.', ['outcome'], () =>
    tokens
      ? [
          [{ outcome: 'ok' }, tokens.stats.succeeded],
          [{ outcome: 'error' }, tokens.stats.failed],
        ]
      : [],
  );
}
