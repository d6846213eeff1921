import { LRUCache } from 'lru-cache';
import type { CacheStore } from './store.js';

/** Bounded in-process store: least recently used entries go first, each entry has its own TTL. */
export class MemoryStore implements CacheStore {
  private readonly lru: LRUCache<string, { v: unknown }>;

  constructor(maxEntries: number) {
    // Values are wrapped so that a cached null/false is distinguishable from a miss.
    this.lru = new LRUCache({ max: maxEntries, ttlAutopurge: false });
  }

  async get(key: string): Promise<unknown> {
    return this.lru.get(key)?.v;
  }

  peek(key: string): unknown {
    return this.lru.get(key)?.v;
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    this.lru.set(key, { v: value }, { ttl: ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.lru.delete(key);
  }

  async clear(): Promise<void> {
    this.lru.clear();
  }
}
