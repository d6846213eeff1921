// In-process copies of the entries a SharedCache last read from, or wrote to, a store outside this
// process (Redis), so that a fresh entry is served without a round trip and a JSON parse (28 of
// them for a warm catalog page). A copy is only ever served while fresh by its own fetch time, the
// same time every replica judges the Redis entry by: it goes stale when that entry does, and a
// replica that refreshes the entry does so only once it is stale, so no copy hides a refresh. What
// it can hide is an entry replaced early by another replica (after a cache clear there, or an
// eviction in Redis): then this replica serves its copy, younger than the TTL, until the TTL ends.
import { LRUCache } from 'lru-cache';
import type { CacheEntry } from './cache-entry.js';

export class LocalCopies {
  private readonly copies: LRUCache<string, CacheEntry<unknown>>;

  /** `ttlMs`: a copy past it can no longer be served fresh, so it is dropped. */
  constructor(maxEntries: number, ttlMs: number) {
    this.copies = new LRUCache({ max: maxEntries, ttl: Math.max(1, ttlMs), ttlAutopurge: false });
  }

  get(key: string): CacheEntry<unknown> | undefined {
    return this.copies.get(key);
  }

  note(key: string, entry: CacheEntry<unknown>): void {
    this.copies.set(key, entry);
  }

  clear(): void {
    this.copies.clear();
  }
}
