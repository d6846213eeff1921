// The fleet-wide budget of Partner Center calls. Partner Center limits requests per partner tenant
// and per partner + customer pair and answers 429 with Retry-After beyond them
// (https://learn.microsoft.com/partner-center/developer/api-throttling-guidance); replicas that
// each keep their own count would together overshoot it N times. So every attempt (retries too)
// first takes a point from buckets shared through Redis: the partner's, and for a path under
// /customers/{customerId} that customer's. A 429 with Retry-After pauses its scope for the fleet.
//
// Redis keys, under the gateway's prefix (pcgw:v1:):
//   budget:partner:{scope}             points taken in the partner's current window (rate-limiter-flexible)
//   budget:customer:{scope}:{customer} points taken in that customer's current window
//   budget:pause:partner:{scope}       present while the partner is paused (SET PX Retry-After)
//   budget:pause:customer:{scope}:{customer}
//   budget:replicas:{scope}            heartbeats of the replicas sharing the budget
// Without Redis the budget is this process's alone (memory). With Redis away, see budget-bucket.ts
// (the insurance limiter's fair share) and budget-pause.ts (pauses in memory).
import type { Logger } from 'pino';
import { BudgetBucket } from './budget-bucket.js';
import { BudgetCensus } from './budget-census.js';
import { PauseBoard } from './budget-pause.js';
import type { BudgetRedis } from './budget-redis.js';
import { keyPart } from './budget-scope.js';

export type { BudgetRedis } from './budget-redis.js';

export interface BudgetSettings {
  /** Calls a window for the partner tenant, all paths together; 0: no partner bucket. */
  partnerPerMinute: number;
  /** Calls a window for each partner + customer pair; 0: no customer buckets. */
  customerPerMinute: number;
  /** The partner tenant id, or the upstream host in open mode: whose budget this is. */
  partnerScope: string;
  /** Shared by the fleet when given; otherwise the budget is this process's alone. */
  redis?: BudgetRedis | undefined;
  logger?: Logger | undefined;
  /** The window's length; a minute, as the settings say. Tests shorten it. */
  windowSeconds?: number;
}

export type BudgetScope = 'partner' | 'customer';

export type BudgetVerdict =
  | { admitted: true }
  | { admitted: false; waitMs: number; scope: BudgetScope; reason: 'spent' | 'paused' };

/** The budget the settings ask for, or undefined when both rates are 0 (no budget, no pauses). */
export function createUpstreamBudget(settings: BudgetSettings): UpstreamBudget | undefined {
  if (settings.partnerPerMinute <= 0 && settings.customerPerMinute <= 0) return undefined;
  return new UpstreamBudget(settings);
}

export class UpstreamBudget {
  readonly windowSeconds: number;
  private readonly scope: string;
  private readonly partner: BudgetBucket | undefined;
  private readonly customer: BudgetBucket | undefined;
  private readonly pauses: PauseBoard;
  private readonly census: BudgetCensus | undefined;

  constructor(readonly settings: BudgetSettings) {
    const { redis, logger } = settings;
    this.windowSeconds = settings.windowSeconds ?? 60;
    this.scope = keyPart(settings.partnerScope);
    const bucket = (name: BudgetScope, points: number) =>
      points > 0 ? new BudgetBucket({ name, points, windowSeconds: this.windowSeconds, redis }) : undefined;
    this.partner = bucket('partner', settings.partnerPerMinute);
    this.customer = bucket('customer', settings.customerPerMinute);
    this.pauses = new PauseBoard(redis);
    if (redis) {
      this.census = new BudgetCensus(redis, redis.key('budget', 'replicas', this.scope), (replicas) => {
        this.partner?.shareAmong(replicas);
        this.customer?.shareAmong(replicas);
        logger?.info({ budget: { replicas, partnerShare: this.partner?.share, customerShare: this.customer?.share } }, 'upstream budget: replicas sharing it, and what each may spend alone while Redis is away');
      });
    }
  }

  /** Counts a heartbeat now; resolves with the replicas sharing the budget (1 without Redis). */
  async replicas(): Promise<number> {
    return this.census ? this.census.beat() : 1;
  }

  /** What one replica may spend per window while Redis is away: [partner, customer]. */
  shares(): { partner: number | undefined; customer: number | undefined } {
    return { partner: this.partner?.share, customer: this.customer?.share };
  }

  /**
   * Takes the points for one attempt. Checked one after the other, most specific first, so a
   * refused call takes nothing: a pause first (a paused scope takes no points), then the
   * customer's bucket, then the partner's (which gives the customer's point back if it refuses).
   */
  async take(customerId: string | undefined): Promise<BudgetVerdict> {
    const customerKey = customerId === undefined ? undefined : `${this.scope}:${keyPart(customerId)}`;
    const pauseKeys = [this.pauseKey('partner', this.scope), ...(customerKey ? [this.pauseKey('customer', customerKey)] : [])];
    const paused = await this.pauses.remaining(pauseKeys);
    if (paused.ms > 0) return { admitted: false, waitMs: paused.ms, scope: paused.key === pauseKeys[0] ? 'partner' : 'customer', reason: 'paused' };

    const customer = customerKey ? this.customer : undefined;
    if (customer && customerKey) {
      const took = await customer.take(customerKey);
      if (!took.taken) return { admitted: false, waitMs: took.waitMs, scope: 'customer', reason: 'spent' };
    }
    if (this.partner) {
      const took = await this.partner.take(this.scope);
      if (!took.taken) {
        if (customer && customerKey) await customer.giveBack(customerKey);
        return { admitted: false, waitMs: took.waitMs, scope: 'partner', reason: 'spent' };
      }
    }
    return { admitted: true };
  }

  /** Partner Center answered 429 with Retry-After: pause the customer's scope, or the partner's. */
  async pause(customerId: string | undefined, ms: number): Promise<void> {
    const key = customerId === undefined ? this.pauseKey('partner', this.scope) : this.pauseKey('customer', `${this.scope}:${keyPart(customerId)}`);
    await this.pauses.pause(key, ms);
  }

  /** The budget's rate for a scope, for messages. */
  perWindow(scope: BudgetScope): number {
    return (scope === 'partner' ? this.partner?.points : this.customer?.points) ?? 0;
  }

  async close(): Promise<void> {
    await this.census?.close();
  }

  private pauseKey(scope: BudgetScope, id: string): string {
    return this.settings.redis ? this.settings.redis.key('budget', 'pause', scope, id) : `pause:${scope}:${id}`;
  }
}
