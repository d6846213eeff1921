// What the catalog cache stores: the value with the time it was fetched from Partner Center. Every
// replica tells fresh from stale by the entry itself; the store's TTL only bounds how long an entry
// is kept (long enough to serve it stale).
export interface CacheEntry<T> {
  /** Epoch milliseconds, on the clock of the replica that fetched it. */
  readonly fetchedAt: number;
  readonly value: T;
}

/** A stored value of another shape (an older gateway's bare value) counts as a miss, not as data. */
export function isCacheEntry(stored: unknown): stored is CacheEntry<unknown> {
  return typeof stored === 'object' && stored !== null && typeof (stored as { fetchedAt?: unknown }).fetchedAt === 'number' && 'value' in stored;
}

/** Whether `entry` was fetched after `than` (any entry is newer than none). */
export function isNewer(entry: CacheEntry<unknown>, than: CacheEntry<unknown> | undefined): boolean {
  return than === undefined || entry.fetchedAt > than.fetchedAt;
}
