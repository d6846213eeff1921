// One budget bucket (the partner's, or the customers'): rate-limiter-flexible's fixed window of
// `points` per window, kept in Redis for the whole fleet (RateLimiterRedis: one atomic INCR script
// per take), or in memory when the gateway runs without Redis (it is then the whole fleet).
//
// While Redis is away (not connected, or a command fails or times out) the insurance limiter, a
// RateLimiterMemory, takes over. It allows this replica a fair share, the budget divided by the
// replicas last seen sharing it (BudgetCensus), so the fleet as a whole stays near the budget
// without any coordination. Its window starts afresh, so in the minute Redis goes away or comes
// back the fleet may spend up to one share per replica on top of what Redis counted.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { BudgetRedis } from './budget-redis.js';

export interface BucketSettings {
  /** 'partner' or 'customer': part of the Redis key prefix. */
  name: string;
  points: number;
  windowSeconds: number;
  redis: BudgetRedis | undefined;
}

/** A take either fits, or says how long until the window has room again (ms, at least 1). */
export type TakeResult = { taken: true } | { taken: false; waitMs: number };

export class BudgetBucket {
  readonly points: number;
  private readonly limiter: RateLimiterAbstract;
  private readonly insurance: RateLimiterMemory | undefined;

  constructor({ name, points, windowSeconds, redis }: BucketSettings) {
    this.points = points;
    if (!redis) {
      this.limiter = new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix: `budget-${name}` });
      return;
    }
    this.insurance = new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix: `budget-${name}-insurance` });
    this.limiter = new RateLimiterRedis({
      storeClient: redis.client,
      keyPrefix: redis.key('budget', name),
      points,
      duration: windowSeconds,
      // Known down: straight to the insurance limiter instead of a command that fails.
      rejectIfRedisNotReady: true,
      // Once a window is spent, this replica refuses in memory until it ends: no Redis round trip
      // per refused call while the fleet is saturated.
      inMemoryBlockOnConsumed: points,
      insuranceLimiter: this.insurance,
    });
  }

  /** Sizes the insurance limiter to this replica's share of the budget. */
  shareAmong(replicas: number): void {
    if (this.insurance) this.insurance.points = Math.max(1, Math.floor(this.points / Math.max(1, replicas)));
  }

  /** The insurance limiter's allowance per window (the whole budget without Redis). */
  get share(): number {
    return this.insurance?.points ?? this.points;
  }

  async take(key: string): Promise<TakeResult> {
    try {
      await this.limiter.consume(key, 1);
      return { taken: true };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { taken: false, waitMs: Math.max(1, refusal.msBeforeNext) };
      // Neither Redis nor the insurance limiter answered (cannot happen with the memory limiter):
      // the budget protects Partner Center, it must not take the gateway down with it.
      return { taken: true };
    }
  }

  /** Returns a point taken for a call that was then refused by another bucket. Best effort. */
  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(key, 1).catch(() => undefined);
  }
}
