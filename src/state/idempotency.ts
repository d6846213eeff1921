// Exactly-once outcomes for client idempotency keys. The first call with a key runs; its outcome is
// kept (in the shared store, so another gateway process sees it once the store is Redis) and every
// repeat gets it back. Concurrent repeats in this process join the call in flight. A key reused for
// a different request (another cart) is refused. Failures are not kept: the caller may retry, and
// the upstream MS-RequestId derived from the key keeps that retry safe.
import { createHash } from 'node:crypto';
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

export class IdempotencyKeeper {
  private readonly inFlight = new Map<string, { fingerprint: string; promise: Promise<unknown> }>();

  constructor(
    private readonly store: CacheStore,
    private readonly ttlMs: number,
  ) {}

  async run<T>(key: string, fingerprint: string, work: () => Promise<T>): Promise<T> {
    const storeKey = `idempotency:${key}`;
    const pending = this.inFlight.get(storeKey);
    if (pending) {
      if (pending.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      return pending.promise as Promise<T>;
    }
    const promise = (async () => {
      const kept = (await this.store.get(storeKey)) as IdempotencyRecord<T> | undefined;
      if (kept) {
        if (kept.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
        return kept.outcome;
      }
      const outcome = await work();
      await this.store.set(storeKey, { fingerprint, outcome } satisfies IdempotencyRecord<T>, this.ttlMs);
      return outcome;
    })();
    this.inFlight.set(storeKey, { fingerprint, promise });
    try {
      return await promise;
    } finally {
      this.inFlight.delete(storeKey);
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
