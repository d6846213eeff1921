// Idempotent writes by MS-RequestId (reference §1.3, §5 rule 10). The first write request with a
// given key is processed and its response stored; a repeat gets the stored response and changes
// nothing; a duplicate that arrives while the first is in flight waits for it and gets the same
// answer. The documented contract is "retry with the same MS-RequestId after a timeout; use a new
// one after any response", so business failures are stored too, but 5xx answers are not: a
// retry after a server error should be able to succeed.

/** A response as sent: the body is kept serialised, so a replay is byte-identical. */
export interface StoredReply {
  readonly status: number;
  readonly payload: string;
  readonly headers: Readonly<Record<string, string>>;
}

export type LedgerEntry =
  | { readonly kind: 'none' }
  | { readonly kind: 'done'; readonly reply: StoredReply }
  /** Resolves with the first request's reply, or undefined when it ended without one. */
  | { readonly kind: 'inFlight'; readonly settled: Promise<StoredReply | undefined> };

/** Undocumented upstream; keeps a long-running sandbox's memory bounded. */
export const MAX_STORED_REPLIES = 10_000;

interface InFlight {
  readonly settled: Promise<StoredReply | undefined>;
  readonly resolve: (reply: StoredReply | undefined) => void;
}

export class IdempotencyLedger {
  private readonly done = new Map<string, StoredReply>();
  private readonly inFlight = new Map<string, InFlight>();

  find(key: string): LedgerEntry {
    const reply = this.done.get(key);
    if (reply) return { kind: 'done', reply };
    const running = this.inFlight.get(key);
    return running ? { kind: 'inFlight', settled: running.settled } : { kind: 'none' };
  }

  /** Marks the key as being processed; call only after find() returned 'none'. */
  begin(key: string): void {
    let resolve: InFlight['resolve'] = () => undefined;
    const settled = new Promise<StoredReply | undefined>((r) => (resolve = r));
    this.inFlight.set(key, { settled, resolve });
  }

  /** Stores the reply (when `store`) and releases the requests waiting on the key. */
  finish(key: string, reply: StoredReply | undefined, store: boolean): void {
    const running = this.inFlight.get(key);
    this.inFlight.delete(key);
    if (reply && store) {
      this.done.set(key, reply);
      if (this.done.size > MAX_STORED_REPLIES) this.evictOldest();
    }
    // A waiter that gets undefined processes its request itself.
    running?.resolve(reply && store ? reply : undefined);
  }

  get size(): number {
    return this.done.size;
  }

  private evictOldest(): void {
    const oldest = this.done.keys().next();
    if (!oldest.done) this.done.delete(oldest.value);
  }
}

/**
 * The key of a write request, or undefined when it must not be de-duplicated: reads, and requests
 * without MS-RequestId (the service makes up a fresh id for those). The route and the customer
 * are part of the key, so one id reused on two different calls does not collide.
 */
export function idempotencyKey(route: string, customerId: string | undefined, requestId: string | undefined): string | undefined {
  const id = requestId?.trim().toLowerCase();
  if (!id) return undefined;
  return `${route}|${(customerId ?? '').toLowerCase()}|${id}`;
}
