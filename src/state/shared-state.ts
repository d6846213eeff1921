// Where the gateway's state lives: this process's memory by default, Redis when REDIS_URL is set
// (then every replica sees the same idempotency outcomes, recent orders and catalog). Catalog and
// state are separate stores so catalog churn cannot evict an idempotency outcome.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { FallbackStore } from './fallback-store.js';
import { MemoryStore } from './memory-store.js';
import { RedisConnection } from './redis.js';
import { RedisStore } from './redis-store.js';
import type { CacheStore } from './store.js';

export interface SharedState {
  /** Present when REDIS_URL is set. */
  redis?: RedisConnection;
  catalogStore: CacheStore;
  stateStore: CacheStore;
  /** What /ready reports about shared state. */
  status(): { redis: 'up' | 'down' | 'off' };
  close(): Promise<void>;
}

export function createSharedState(config: Pick<Config, 'redis' | 'catalogCache' | 'state'>, logger: Logger): SharedState {
  const catalogMemory = new MemoryStore(config.catalogCache.maxEntries);
  const stateMemory = new MemoryStore(config.state.maxEntries);
  if (!config.redis) {
    return { catalogStore: catalogMemory, stateStore: stateMemory, status: () => ({ redis: 'off' }), close: async () => undefined };
  }
  const redis = new RedisConnection(config.redis, logger.child({ component: 'redis' }));
  return {
    redis,
    catalogStore: new FallbackStore(new RedisStore(redis, 'catalog'), catalogMemory, logger, 'catalog'),
    stateStore: new FallbackStore(new RedisStore(redis, 'state'), stateMemory, logger, 'state'),
    status: () => ({ redis: redis.healthy ? 'up' : 'down' }),
    close: () => redis.close(),
  };
}
