// A read-through cache across requests with single flight: concurrent misses for one key share one
// load, so a cold start under load costs one upstream call per key, not one per request.
import type { CacheStore } from './store.js';

export interface CacheStats {
  hits: number;
  misses: number;
}

export class SharedCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  constructor(
    private readonly store: CacheStore,
    private readonly ttlMs: number,
  ) {}

  async getOrLoad<T>(key: string, load: () => Promise<T>): Promise<T> {
    const cached = await this.store.get(key);
    if (cached !== undefined) {
      this.stats.hits += 1;
      return cached as T;
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;
    this.stats.misses += 1;
    const p = (async () => {
      try {
        const value = await load();
        await this.store.set(key, value, this.ttlMs);
        return value;
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, p);
    return p;
  }

  clear(): Promise<void> {
    return this.store.clear();
  }
}
