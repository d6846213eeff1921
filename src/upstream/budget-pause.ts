// The fleet-wide pause after a 429. Partner Center's Retry-After says when the scope (the partner,
// or one partner + customer pair) may be called again; any replica that calls before then only earns
// another 429. So the replica that saw it stores the pause in Redis (SET PX: the key lives exactly
// as long as the pause, and its PTTL, read by every replica before a call, is the time left, with
// no clock shared between hosts), and in its own memory, which is all it has while Redis is away.
// A pause seen in Redis is copied into memory too, so it still holds if Redis goes away mid-pause.
import type { BudgetRedis } from './budget-redis.js';

/** Local pauses are swept of expired entries once there are this many. */
const SWEEP_AT = 1_000;

export interface PauseState {
  /** Milliseconds until the longest of the pauses asked about ends; 0 when none applies. */
  ms: number;
  /** Which of the keys asked about holds that pause. */
  key: string | undefined;
}

export class PauseBoard {
  /** Key → end of the pause, by this process's clock. */
  private readonly local = new Map<string, number>();

  constructor(private readonly redis: BudgetRedis | undefined) {}

  /** Pauses `key` for `ms` milliseconds; a longer pause already in place is kept. Never throws. */
  async pause(key: string, ms: number): Promise<void> {
    if (ms <= 0) return;
    this.remember(key, Date.now() + ms);
    const redis = this.readyRedis();
    if (!redis) return;
    try {
      // NX sets a new pause; GT lengthens a shorter one and never shortens a longer one (Redis 7).
      await redis.client.multi().set(key, String(Date.now() + ms), 'PX', ms, 'NX').pexpire(key, ms, 'GT').exec();
    } catch {
      // Redis trouble: this replica still pauses (memory); the others learn of it by their own 429s.
    }
  }

  /** The pause that applies to a call counted against `keys`. Never throws. */
  async remaining(keys: readonly string[]): Promise<PauseState> {
    const now = Date.now();
    let best: PauseState = { ms: 0, key: undefined };
    for (const key of keys) {
      const until = this.local.get(key);
      if (until === undefined) continue;
      if (until <= now) this.local.delete(key);
      else if (until - now > best.ms) best = { ms: until - now, key };
    }
    const redis = this.readyRedis();
    if (!redis || keys.length === 0) return best;
    try {
      const pipeline = redis.client.pipeline();
      for (const key of keys) pipeline.pttl(key);
      const replies = (await pipeline.exec()) ?? [];
      replies.forEach(([err, value], i) => {
        const key = keys[i];
        // PTTL is -2 for no key (no pause) and -1 for a key without expiry (never written so).
        if (err || typeof value !== 'number' || value <= 0 || key === undefined) return;
        this.remember(key, now + value);
        if (value > best.ms) best = { ms: value, key };
      });
    } catch {
      // Redis trouble: what this replica knows (its own 429s, pauses it read before) still holds.
    }
    return best;
  }

  private remember(key: string, until: number): void {
    if (until > (this.local.get(key) ?? 0)) this.local.set(key, until);
    if (this.local.size < SWEEP_AT) return;
    const now = Date.now();
    for (const [k, u] of this.local) if (u <= now) this.local.delete(k);
  }

  /** Redis while its connection is up: with no offline queue a command would fail anyway. */
  private readyRedis(): BudgetRedis | undefined {
    return this.redis && this.redis.client.status === 'ready' ? this.redis : undefined;
  }
}
