// Read-your-writes for orders. Partner Center lists a new order only after up to 15 minutes; orders
// placed through the gateway are kept here for longer than that and merged into the customer's list,
// so a storefront sees its order at once and never twice.
//
// Without Redis they live in this process's memory. With Redis (REDIS_URL) they live in one hash per
// caller scope and customer (recent-orders-redis.ts), so an order placed through one replica is
// listed at once by every other. Redis down or slow: an add goes to this process's memory (and is
// written to Redis when it answers again, redis-outage.ts), and a list shows Redis' orders when it
// can plus this process's own, so a replica always lists what it placed itself.
import type { Logger } from 'pino';
import { MemoryStore } from './memory-store.js';
import type { RedisConnection } from './redis.js';
import { RedisOutage } from './redis-outage.js';
import { RecentOrdersRedis, type KeptOrder } from './recent-orders-redis.js';
import type { CacheStore } from './store.js';

export interface RecentOrder {
  id: string;
  creationDate?: string | undefined;
}

export interface FleetRecentOrdersOptions {
  /** The shared Redis (REDIS_URL); absent: this process alone. */
  redis?: RedisConnection | undefined;
  logger: Logger;
  /** Bound of the memory holding the orders added while Redis was away. */
  localEntries: number;
  /** The clock of the orders' ends of life (tests move it). */
  now?: () => number;
}

interface Fleet {
  redis: RecentOrdersRedis;
  outage: RedisOutage;
}

export class RecentOrders<T extends RecentOrder> {
  /** Without Redis: every recent order. With Redis: only those added while Redis was away. */
  private readonly local: CacheStore;
  private readonly fleet: Fleet | undefined;
  private readonly now: () => number;
  /** Local adds for one customer run one after another: each reads the list and writes it back. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    store: CacheStore,
    private readonly ttlMs: number,
    options?: FleetRecentOrdersOptions,
  ) {
    this.now = options?.now ?? Date.now;
    if (options?.redis) {
      // Not the shared FallbackStore: once Redis is back it reads Redis only, and would no longer
      // list what this process kept alone.
      this.local = new MemoryStore(options.localEntries);
      const logger = options.logger.child({ component: 'recent-orders' });
      this.fleet = { redis: new RecentOrdersRedis(options.redis, this.now), outage: new RedisOutage(options.redis, logger, options.localEntries) };
    } else {
      this.local = store;
      this.fleet = undefined;
    }
  }

  /** What the fleet side is doing about Redis (tests and diagnostics). */
  get outage(): RedisOutage | undefined {
    return this.fleet?.outage;
  }

  private localKey(scope: string, customerId: string): string {
    return `recent-orders:${encodeURIComponent(scope)}:${customerId.toLowerCase()}`;
  }

  /** Never fails: read-your-writes is a courtesy on top of an order that is already placed. */
  async add(scope: string, customerId: string, orders: readonly T[]): Promise<void> {
    if (orders.length === 0 || this.ttlMs <= 0) return;
    const keptUntil = this.now() + this.ttlMs;
    const entries = orders.map((order) => ({ keptUntil, order }));
    if (this.fleet) {
      const { redis, outage } = this.fleet;
      const key = redis.key(scope, customerId);
      try {
        await redis.add(key, entries);
        outage.answered();
        return;
      } catch (err) {
        outage.failed(err);
        outage.later(`${key}:${orders.map((o) => o.id).join(',')}`, () => redis.add(key, entries));
      }
    }
    await this.addLocal(this.localKey(scope, customerId), entries);
  }

  async list(scope: string, customerId: string): Promise<T[]> {
    const local = await this.listLocal(this.localKey(scope, customerId));
    if (!this.fleet) return local;
    const { redis, outage } = this.fleet;
    let shared: T[] = [];
    try {
      // The values are this class's own JSON under a versioned key: orders as they were added.
      shared = (await redis.list(redis.key(scope, customerId))) as T[];
      outage.answered();
    } catch (err) {
      outage.failed(err);
    }
    const ids = new Set(shared.map((o) => o.id));
    return [...shared, ...local.filter((o) => !ids.has(o.id))];
  }

  private async listLocal(key: string): Promise<T[]> {
    const now = this.now();
    const kept = ((await this.local.get(key)) as KeptOrder<T>[] | undefined) ?? [];
    return kept.filter((e) => e.keptUntil > now).map((e) => e.order);
  }

  private async addLocal(key: string, entries: readonly KeptOrder<T>[]): Promise<void> {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(async () => {
      const now = this.now();
      const ids = new Set(entries.map((e) => e.order.id));
      const kept = ((await this.local.get(key)) as KeptOrder<T>[] | undefined) ?? [];
      const next = [...kept.filter((e) => e.keptUntil > now && !ids.has(e.order.id)), ...entries];
      await this.local.set(key, next, Math.max(...next.map((e) => e.keptUntil)) - now);
    });
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    try {
      await run;
    } finally {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }
}

/** The upstream list plus recent orders it does not show yet; the upstream copy wins, newest first. */
export function mergeOrders<T extends RecentOrder>(upstream: readonly T[], recent: readonly T[]): T[] {
  const seen = new Set(upstream.map((o) => o.id));
  const merged = [...upstream, ...recent.filter((o) => !seen.has(o.id))];
  return merged.sort((a, b) => (b.creationDate ?? '').localeCompare(a.creationDate ?? '') || a.id.localeCompare(b.id));
}
