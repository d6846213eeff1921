// What the upstream budget needs of Redis, as an interface, so src/upstream depends on no state
// module: src/state/redis.ts's RedisConnection fits it. The client must fail fast while Redis is
// away (no offline queue, a command timeout): the budget then falls back to this process's memory.
import type { Redis } from 'ioredis';

export interface BudgetRedis {
  readonly client: Redis;
  /** A key under the gateway's namespaced, versioned prefix ("pcgw:v1:" + parts joined by ':'). */
  key(...parts: string[]): string;
}
