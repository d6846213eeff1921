// How many replicas share the budget, for sizing what each may spend alone while Redis is away.
// Each replica keeps a heartbeat in one sorted set (member: its id, score: when it last beat);
// beats older than STALE_MS no longer count, so a replica that died stops counting by itself.
// Scores come from each replica's clock: a skew of seconds between hosts is small next to STALE_MS.
import { randomUUID } from 'node:crypto';
import type { BudgetRedis } from './budget-redis.js';

const BEAT_MS = 10_000;
const STALE_MS = 3 * BEAT_MS;

export class BudgetCensus {
  private readonly id = randomUUID();
  private readonly timer: NodeJS.Timeout;
  /** This replica alone until Redis has said otherwise. */
  private replicas = 1;

  constructor(
    private readonly redis: BudgetRedis,
    private readonly key: string,
    private readonly onChange: (replicas: number) => void,
  ) {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), BEAT_MS);
    this.timer.unref();
  }

  /** The replicas seen in the last heartbeat that reached Redis. */
  get size(): number {
    return this.replicas;
  }

  /** Beats now and returns the replicas seen; while Redis is away, the last count stands. */
  async beat(): Promise<number> {
    if (this.redis.client.status !== 'ready') return this.replicas;
    const now = Date.now();
    try {
      const replies = await this.redis.client
        .multi()
        .zadd(this.key, now, this.id)
        .zremrangebyscore(this.key, '-inf', now - STALE_MS)
        .pexpire(this.key, STALE_MS)
        .zcard(this.key)
        .exec();
      const count = replies?.[3]?.[1];
      if (typeof count === 'number' && count >= 1 && count !== this.replicas) {
        this.replicas = count;
        this.onChange(count);
      }
    } catch {
      // Redis trouble: keep the last count.
    }
    return this.replicas;
  }

  /** Stops beating and leaves the count at once (best effort: Redis may be closing too). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    if (this.redis.client.status !== 'ready') return;
    await this.redis.client.zrem(this.key, this.id).catch(() => undefined);
  }
}
