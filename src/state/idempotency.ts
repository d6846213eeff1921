// Exactly-once outcomes for client idempotency keys. The first call with a key runs; its outcome is
// kept and every repeat gets it back; a key reused for a different request (another cart) is
// refused. Failures are not kept: the caller may retry, and the upstream MS-RequestId derived from
// the key keeps that retry safe. Concurrent repeats in this process join the call in flight.
//
// Without Redis that is all, in this process's memory. With Redis (REDIS_URL) the fleet acts as one
// (idempotency-claims.ts): the first caller claims the key, runs the checkout and stores the outcome
// in place of its claim; a duplicate on another replica finds the claim and waits for the outcome,
// reading the key again with a short backoff. Polling rather than pub/sub: the key is the truth, so
// no notice can be missed (a message published between a waiter's read and its SUBSCRIBE, or while
// Redis restarts), there is no subscription per key to keep, and duplicates are rare enough that a
// few GETs each cost nothing. A waiter stops waiting after `waitMs` (the upstream deadline, by which
// the owner's call has ended one way or the other) and runs the checkout itself: the same derived
// MS-RequestId makes Partner Center answer it with the same order.
//
// Redis down or slow: the keeper works as one gateway alone (in-process join, outcomes in memory;
// the derived MS-RequestId keeps it exactly-once upstream), logs that once, and when Redis answers
// again it writes what it kept alone to Redis (redis-outage.ts), so other replicas answer those repeats too.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { IdempotencyClaims, type ClaimResult } from './idempotency-claims.js';
import { MemoryStore } from './memory-store.js';
import type { RedisConnection } from './redis.js';
import { RedisOutage } from './redis-outage.js';
import type { CacheStore } from './store.js';

export interface IdempotencyRecord<T> {
  fingerprint: string;
  outcome: T;
}

export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('This idempotency key was already used for a different request.');
  }
}

export interface FleetIdempotencyOptions {
  /** The shared Redis (REDIS_URL); absent: this process alone. */
  redis?: RedisConnection | undefined;
  logger: Logger;
  /** How long a duplicate waits for another replica's outcome before it runs the checkout itself. */
  waitMs: number;
  /**
   * How long a claim stands (default twice `waitMs`): longer than a live owner runs, so it never
   * loses its claim, and short enough that an owner that crashed blocks the key only briefly.
   */
  claimTtlMs?: number;
  /** Bound of the memory holding the outcomes kept while Redis was away. */
  localEntries: number;
}

/** What the keeper did with each checkout it was given (metrics read these). */
export interface IdempotencyStats {
  /** Checkouts sent upstream by this replica (a first use of a key; a repeat after another replica's claim ran out; Redis away). */
  executed: number;
  /** Answered with an outcome already kept for the key, by this replica or another: no upstream call. */
  replayed: number;
  /** Joined the checkout with the same key already running in this process: no upstream call of its own. */
  joined: number;
  /** Refused: the key was used before for a different request. */
  conflicts: number;
}

interface Fleet {
  claims: IdempotencyClaims;
  outage: RedisOutage;
  waitMs: number;
}

const FIRST_POLL_MS = 10;
const MAX_POLL_MS = 250;

export class IdempotencyKeeper {
  private readonly inFlight = new Map<string, { fingerprint: string; promise: Promise<unknown> }>();
  /** Without Redis: every outcome. With Redis: only those kept while Redis was away. */
  private readonly local: CacheStore;
  private readonly fleet: Fleet | undefined;
  readonly stats: IdempotencyStats = { executed: 0, replayed: 0, joined: 0, conflicts: 0 };

  constructor(
    store: CacheStore,
    private readonly ttlMs: number,
    options?: FleetIdempotencyOptions,
  ) {
    if (options?.redis) {
      // Not the shared FallbackStore: once Redis is back it reads Redis only, and would no longer
      // see what this process kept alone.
      this.local = new MemoryStore(options.localEntries);
      const logger = options.logger.child({ component: 'idempotency' });
      this.fleet = {
        claims: new IdempotencyClaims(options.redis, options.claimTtlMs ?? 2 * options.waitMs, ttlMs),
        outage: new RedisOutage(options.redis, logger, options.localEntries),
        waitMs: options.waitMs,
      };
    } else {
      this.local = store;
      this.fleet = undefined;
    }
  }

  /** What the fleet side is doing about Redis (tests and diagnostics). */
  get outage(): RedisOutage | undefined {
    return this.fleet?.outage;
  }

  /** `scope` is the partner scope and the caller's identity scope: one caller's keys never answer another. */
  async run<T>(scope: string, key: string, fingerprint: string, work: () => Promise<T>): Promise<T> {
    const localKey = `idempotency:${encodeURIComponent(scope)}:${encodeURIComponent(key)}`;
    const pending = this.inFlight.get(localKey);
    if (pending) {
      if (pending.fingerprint !== fingerprint) {
        this.stats.conflicts += 1;
        throw new IdempotencyKeyReusedError();
      }
      this.stats.joined += 1;
      return pending.promise as Promise<T>;
    }
    const executed = () => {
      this.stats.executed += 1;
      return work();
    };
    const promise = this.resolve(localKey, scope, key, fingerprint, executed);
    this.inFlight.set(localKey, { fingerprint, promise });
    try {
      return await promise;
    } catch (err) {
      if (err instanceof IdempotencyKeyReusedError) this.stats.conflicts += 1;
      throw err;
    } finally {
      this.inFlight.delete(localKey);
    }
  }

  private async resolve<T>(localKey: string, scope: string, key: string, fingerprint: string, work: () => Promise<T>): Promise<T> {
    const kept = (await this.local.get(localKey)) as IdempotencyRecord<T> | undefined;
    if (kept) {
      if (kept.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      this.stats.replayed += 1;
      return kept.outcome;
    }
    if (!this.fleet) {
      const outcome = await work();
      await this.local.set(localKey, { fingerprint, outcome } satisfies IdempotencyRecord<T>, this.ttlMs);
      return outcome;
    }
    return this.acrossFleet(this.fleet, localKey, this.fleet.claims.key(scope, key), fingerprint, work);
  }

  private async acrossFleet<T>(f: Fleet, localKey: string, redisKey: string, fingerprint: string, work: () => Promise<T>): Promise<T> {
    const waitUntil = performance.now() + f.waitMs;
    for (let delay = FIRST_POLL_MS; ; delay = Math.min(delay * 2, MAX_POLL_MS)) {
      let seen: ClaimResult;
      try {
        seen = await f.claims.claimOrRead(redisKey, fingerprint);
      } catch (err) {
        f.outage.failed(err);
        return this.keep(f, localKey, redisKey, fingerprint, await work());
      }
      f.outage.answered();
      if (seen.claimed) return this.asOwner(f, localKey, redisKey, seen.claim, fingerprint, work);
      if (seen.record.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      // The outcome is this keeper's own JSON, kept under a versioned key: it has the shape `work` returns.
      if (seen.record.state === 'done') {
        this.stats.replayed += 1;
        return seen.record.outcome as T;
      }
      const left = waitUntil - performance.now();
      // Waited as long as the owner's upstream call can last: run it too, under the same MS-RequestId.
      if (left <= 0) return this.keep(f, localKey, redisKey, fingerprint, await work());
      await sleep(Math.min(delay, left));
    }
  }

  private async asOwner<T>(f: Fleet, localKey: string, redisKey: string, claim: string, fingerprint: string, work: () => Promise<T>): Promise<T> {
    let outcome: T;
    try {
      outcome = await work();
    } catch (err) {
      // Not kept: free the key at once so a retry on any replica runs (else it would wait for the claim's TTL).
      await f.claims.release(redisKey, claim).then(
        () => f.outage.answered(),
        (e: unknown) => f.outage.failed(e),
      );
      throw err;
    }
    return this.keep(f, localKey, redisKey, fingerprint, outcome);
  }

  /** Stores the outcome for the fleet and returns the one kept (the first stored wins, so all answers match). */
  private async keep<T>(f: Fleet, localKey: string, redisKey: string, fingerprint: string, outcome: T): Promise<T> {
    try {
      const kept = await f.claims.complete(redisKey, fingerprint, outcome);
      f.outage.answered();
      return kept.state === 'done' && kept.fingerprint === fingerprint ? (kept.outcome as T) : outcome;
    } catch (err) {
      f.outage.failed(err);
      await this.local.set(localKey, { fingerprint, outcome } satisfies IdempotencyRecord<T>, this.ttlMs);
      const expiresAt = Date.now() + this.ttlMs;
      f.outage.later(redisKey, async () => {
        const left = expiresAt - Date.now();
        if (left > 0) await f.claims.complete(redisKey, fingerprint, outcome, left);
      });
      return outcome;
    }
  }
}

/** A GUID derived from its parts (name-based, like UUID v5 but SHA-256): the same parts, the same id. */
export function derivedGuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Set the version nibble to 8 ("custom", RFC 9562) and the variant bits, so it is a well-formed GUID.
  const variant = ((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
