// A read-through cache across requests (and, over Redis, across replicas) that keeps serving when
// Partner Center does not:
//   fresh (age < ttl)                 served from the store;
//   stale within stale-while-revalidate: served at once, and one background refresh starts;
//   older, or missing                 loaded, and every reader waits for that one load;
//   the load fails with an outage     (5xx, timeout, network, throttled) the entry is served while
//                                      younger than stale-if-error, and the read says how old it is.
// One load per key at a time: in this process (concurrent readers share a promise) and in the fleet
// (FleetFlight: a Redis lock, followers wait for the leader's notice). Without Redis, or while it is
// down, the lock step is skipped and the store is this process's memory (FallbackStore). Over Redis
// the entries last read or written are also copied in memory (LocalCopies), so fresh ones are
// served without a round trip.
import type { Logger } from 'pino';
import { isCacheEntry, isNewer, type CacheEntry } from './cache-entry.js';
import { FleetFlight, type FlightOutcome } from './fleet-flight.js';
import type { RedisConnection } from './redis.js';
import { LocalCopies } from './local-copies.js';
import type { ServedEntries } from './served-entries.js';
import type { CacheStore } from './store.js';
import { isUpstreamOutage } from './upstream-outage.js';

export interface CacheStats {
  /** Served from the store without waiting: fresh, or stale while a refresh runs. */
  hits: number;
  /** Waited for a load (this replica's or another's). */
  misses: number;
  /** Background refreshes this replica started. */
  revalidations: number;
  /** Reads answered with a stale entry because the load failed (stale-if-error). */
  staleOnError: number;
}

export interface CacheRead<T> {
  value: T;
  /** Set when Partner Center failed and the last good copy was served instead: its age. */
  staleAgeMs?: number;
}

export interface SharedCacheOptions {
  ttlSeconds: number;
  staleWhileRevalidateSeconds?: number;
  staleIfErrorSeconds?: number;
  /** The longest one load may take (the upstream deadline): a fleet lock lives this long, plus a margin. */
  loadTimeoutMs?: number;
  /** Present: single flight spans every replica on this Redis. */
  redis?: RedisConnection | undefined;
  /** Names the lock keys and the notice channel ("<prefix><namespace>-lock:<key>", "<prefix><namespace>-loaded"). */
  namespace?: string;
  logger?: Logger;
  /** Epoch milliseconds; tests move time by hand. */
  now?: () => number;
  /** Bound of the in-process copies kept of a store outside this process (LocalCopies). */
  maxEntries?: number;
}

/** A follower's leader failed with an outage: serve what you have. */
const PEER_OUTAGE = Symbol('peer outage');
type Flight = Promise<CacheEntry<unknown> | typeof PEER_OUTAGE>;
const LOCK_MARGIN_MS = 2_000;

export class SharedCache {
  private readonly inFlight = new Map<string, Flight>();
  private readonly fleet: FleetFlight | undefined;
  private readonly ttlMs: number;
  private readonly swrMs: number;
  private readonly sieMs: number;
  private readonly now: () => number;
  /** Over a store outside this process (Redis): the entries last read or written, for peek(). */
  private readonly copies: LocalCopies | undefined;
  readonly stats: CacheStats = { hits: 0, misses: 0, revalidations: 0, staleOnError: 0 };

  constructor(
    private readonly store: CacheStore,
    private readonly options: SharedCacheOptions,
  ) {
    this.ttlMs = options.ttlSeconds * 1000;
    this.swrMs = (options.staleWhileRevalidateSeconds ?? 0) * 1000;
    this.sieMs = (options.staleIfErrorSeconds ?? 0) * 1000;
    this.now = options.now ?? Date.now;
    const lockMs = (options.loadTimeoutMs ?? 15_000) + LOCK_MARGIN_MS;
    // TTL 0 means no caching: nothing is stored, so there would be nothing for followers to wait for.
    this.fleet = options.redis && this.ttlMs > 0 ? new FleetFlight(options.redis, options.namespace ?? 'catalog', lockMs, options.logger) : undefined;
    this.copies = store.peek || this.ttlMs === 0 ? undefined : new LocalCopies(options.maxEntries ?? 5_000, this.ttlMs);
  }

  /** The entry this process holds in memory for `key`: the store's own, or the copy of it. */
  private inMemory(key: string): unknown {
    return this.store.peek ? this.store.peek(key) : this.copies?.get(key);
  }

  /** How long the store keeps an entry: fresh, then as long as either stale window may still use it. */
  private get storeTtlMs(): number {
    return this.ttlMs > 0 ? this.ttlMs + Math.max(this.swrMs, this.sieMs) : 0;
  }

  async read<T>(key: string, load: () => Promise<T>): Promise<CacheRead<T>> {
    const seen = (await this.entry(key)) as CacheEntry<T> | undefined;
    if (seen) {
      const age = this.now() - seen.fetchedAt;
      if (age < this.ttlMs) {
        this.stats.hits += 1;
        return { value: seen.value };
      }
      if (age < this.ttlMs + this.swrMs) {
        this.stats.hits += 1;
        this.revalidate(key, load, seen);
        return { value: seen.value };
      }
    }
    this.stats.misses += 1;
    let loaded: CacheEntry<unknown> | typeof PEER_OUTAGE;
    try {
      loaded = await this.flight(key, load, seen, false);
    } catch (err) {
      if (seen && isUpstreamOutage(err) && this.usableOnError(seen)) return this.servedOnError(seen);
      throw err;
    }
    if (loaded !== PEER_OUTAGE) return { value: loaded.value as T };
    if (seen && this.usableOnError(seen)) return this.servedOnError(seen);
    // Another replica's load failed and this reader holds nothing young enough: ask for itself.
    return { value: (await this.loadAndStore(key, load)).value };
  }

  /**
   * The entry, when this process holds it in memory and it may be served now: the store's own,
   * fresh or stale within stale-while-revalidate (then one background refresh starts, as read()
   * does), or its copy of a Redis entry, fresh. Otherwise undefined, and the caller goes through read(). No
   * promise and no tick: a warm read is a map lookup, so a warm catalog page resolves without one
   * await (28 of them in the browse).
   */
  peek<T>(key: string, load: () => Promise<T>): CacheEntry<T> | undefined {
    const stored = this.inMemory(key);
    if (stored === undefined || !isCacheEntry(stored)) return undefined;
    const seen = stored as CacheEntry<T>;
    const age = this.now() - seen.fetchedAt;
    // A copy of a Redis entry is served fresh only: once stale, read() asks Redis, where another
    // replica may already have refreshed it.
    if (age >= this.ttlMs + this.swrMs || (age >= this.ttlMs && this.copies)) return undefined;
    this.stats.hits += 1;
    if (age >= this.ttlMs) this.revalidate(key, load, seen);
    return seen;
  }

  /**
   * Whether every entry in `served` is still what the store holds for its key, and fresh: then a
   * result made from them is what reading them again would make. Counted as that many hits.
   */
  stillServes(served: ServedEntries): boolean {
    const now = this.now();
    for (let i = 0; i < served.keys.length; i += 1) {
      const entry = served.entries[i];
      if (entry === undefined || this.inMemory(served.keys[i] ?? '') !== entry || now - entry.fetchedAt >= this.ttlMs) return false;
    }
    this.stats.hits += served.keys.length;
    return true;
  }

  /** Keys this replica is loading or refreshing now, or waiting on another replica for (tests, metrics). */
  get loading(): number {
    return this.inFlight.size;
  }

  /** Empties the store (tests and benchmarks start cold this way); loads in flight still land. */
  clear(): Promise<void> {
    this.copies?.clear();
    return this.store.clear();
  }

  private async entry(key: string): Promise<CacheEntry<unknown> | undefined> {
    const stored = await this.store.get(key);
    if (!isCacheEntry(stored)) return undefined;
    this.copies?.note(key, stored);
    return stored;
  }

  private usableOnError(entry: CacheEntry<unknown>): boolean {
    return this.now() - entry.fetchedAt < this.sieMs;
  }

  private servedOnError<T>(entry: CacheEntry<T>): CacheRead<T> {
    this.stats.staleOnError += 1;
    return { value: entry.value, staleAgeMs: Math.max(0, this.now() - entry.fetchedAt) };
  }

  /** One background refresh per key: a failure is logged (in flight()) and the stale entry stays. */
  private revalidate<T>(key: string, load: () => Promise<T>, seen: CacheEntry<T>): void {
    if (this.inFlight.has(key)) return;
    this.stats.revalidations += 1;
    this.flight(key, load, seen, true).catch(() => undefined);
  }

  /** In-process single flight: every reader of `key` in this replica shares one load (or one wait). */
  private flight<T>(key: string, load: () => Promise<T>, seen: CacheEntry<T> | undefined, background: boolean): Flight {
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const flight = this.fly(key, load, seen, background).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, flight);
    flight.catch((err: unknown) => {
      const outage = isUpstreamOutage(err);
      this.options.logger?.[outage ? 'warn' : 'debug']({ cacheKey: key, err: err instanceof Error ? err.message : String(err) }, 'catalog load failed');
    });
    return flight;
  }

  private async fly<T>(key: string, load: () => Promise<T>, seen: CacheEntry<T> | undefined, background: boolean): Flight {
    if (!this.fleet) return this.loadAndStore(key, load);
    let turn = await this.fleet.acquire(key);
    if (turn.role === 'follower' && turn.ended) {
      // A flight of this key has just ended: its outcome may already answer this reader.
      const settled = await this.settledBy(turn.ended, key, seen, background);
      if (settled) return settled;
      turn = await this.fleet.acquire(key, turn.ended);
    }
    if (turn.role === 'alone' || (turn.role === 'follower' && turn.ended)) return this.loadAndStore(key, load);
    if (turn.role === 'follower') return this.follow(this.fleet, key, load, seen, background);
    let outcome: FlightOutcome = 'none';
    try {
      // Another replica may have stored the key between our read and our lock: use its entry.
      const current = await this.entry(key);
      if (current && isNewer(current, seen) && this.now() - current.fetchedAt < this.ttlMs) {
        outcome = 'stored';
        return current;
      }
      const entry = await this.loadAndStore(key, load);
      outcome = 'stored';
      return entry;
    } catch (err) {
      if (isUpstreamOutage(err)) outcome = 'outage';
      throw err;
    } finally {
      await this.fleet.finish(key, turn.token, outcome);
    }
  }

  private async follow<T>(fleet: FleetFlight, key: string, load: () => Promise<T>, seen: CacheEntry<T> | undefined, background: boolean): Flight {
    const outcome = await fleet.wait(key, async () => {
      const e = await this.entry(key);
      return e !== undefined && isNewer(e, seen);
    });
    // No value came (the leader died, Redis went away, or it failed in a way we must see for ourselves).
    return (await this.settledBy(outcome, key, seen, background)) ?? this.loadAndStore(key, load);
  }

  /** What another replica's outcome gives this reader: a newer entry, "serve your stale copy", or nothing. */
  private async settledBy(
    outcome: FlightOutcome,
    key: string,
    seen: CacheEntry<unknown> | undefined,
    background: boolean,
  ): Promise<CacheEntry<unknown> | typeof PEER_OUTAGE | undefined> {
    if (outcome === 'stored') {
      const e = await this.entry(key);
      if (e && isNewer(e, seen)) return e;
    }
    // Partner Center just failed that load: a refresh gives up (the stale entry stays), a reader
    // with a young enough entry serves it; only a reader with nothing usable asks again.
    if (outcome === 'outage' && (background || (seen && this.usableOnError(seen)))) return PEER_OUTAGE;
    return undefined;
  }

  private async loadAndStore<T>(key: string, load: () => Promise<T>): Promise<CacheEntry<T>> {
    const value = await load();
    const entry: CacheEntry<T> = { fetchedAt: this.now(), value };
    await this.store.set(key, entry, this.storeTtlMs);
    this.copies?.note(key, entry);
    return entry;
  }
}
