// Tokens by identity, renewed a margin before they expire, with one request in flight per identity:
// N concurrent resolvers or upstream calls wait for one token request instead of making N.
import { LRUCache } from 'lru-cache';

export interface AcquiredToken {
  token: string;
  expiresOn: Date;
}

/** Token requests to Entra ID that ended, by outcome (metrics read these). */
export interface TokenStats {
  succeeded: number;
  failed: number;
}

export class TokenCache {
  private readonly entries: LRUCache<string, AcquiredToken>;
  private readonly inFlight = new Map<string, Promise<string>>();
  readonly stats: TokenStats = { succeeded: 0, failed: 0 };

  constructor(
    private readonly marginMs: number,
    maxIdentities: number,
  ) {
    this.entries = new LRUCache({ max: maxIdentities });
  }

  async get(key: string, acquire: () => Promise<AcquiredToken>): Promise<string> {
    const cached = this.entries.get(key);
    if (cached && cached.expiresOn.getTime() - this.marginMs > Date.now()) return cached.token;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const p = acquire()
      .then(
        (t) => {
          this.stats.succeeded += 1;
          this.entries.set(key, t);
          return t.token;
        },
        (err: unknown) => {
          this.stats.failed += 1;
          throw err;
        },
      )
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  /** Drops a token Partner Center refused, so the next call gets a new one (once, not in a loop). */
  invalidate(key: string): void {
    this.entries.delete(key);
  }
}
