// The catalog entries one operation was served from memory, in the order it read them, so that its
// result can be reused while every one of them is still the store's current, fresh entry
// (src/plugins/catalog-result-cache.ts, SharedCache.stillServes).
import type { CacheEntry } from './cache-entry.js';

export class ServedEntries {
  readonly keys: string[] = [];
  readonly entries: CacheEntry<unknown>[] = [];
  /** A read was not served from memory (a miss, a load, a stale copy): the result rests on more than these. */
  incomplete = false;

  add(key: string, entry: CacheEntry<unknown>): void {
    this.keys.push(key);
    this.entries.push(entry);
  }
}
