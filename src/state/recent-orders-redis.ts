// The fleet's read-your-writes orders in Redis: one hash per (caller scope, customer), one field per
// order id. Two replicas that add orders for the same customer at once both survive, because an add
// writes its own fields (HSET) and never the list as a whole: there is no read-modify-write.
// A hash has a single TTL, so each value also carries its own end of life: the key lives as long as
// its newest order, and older orders are dropped when they are read past theirs. (Per-field TTLs,
// HPEXPIRE, need Redis 7.4.) Ends of life come from the writer's clock and are compared with the
// reader's: replicas' clocks agree to within seconds, against a TTL of half an hour.
import { z } from 'zod';
import type { RedisConnection } from './redis.js';
import { defineScript, type RedisScript } from './redis-script.js';
import { scopedKey } from './scoped-key.js';

// KEYS[1] the hash; ARGV[1] the TTL in ms; then field, value pairs. The TTL only ever grows, so a
// late replay of an older order (after a Redis outage) cannot cut a newer order's time short.
const ADD = `
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
local ttl = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1`;

const entrySchema = z.object({ keptUntil: z.number(), order: z.looseObject({ id: z.string().min(1) }) });

export interface KeptOrder<T> {
  keptUntil: number;
  order: T;
}

export class RecentOrdersRedis {
  private readonly addScript: RedisScript;

  constructor(
    private readonly redis: RedisConnection,
    private readonly now: () => number,
  ) {
    this.addScript = defineScript(redis.client, 'pcgwRecentOrdersAdd', 1, ADD);
  }

  key(scope: string, customerId: string): string {
    return scopedKey(this.redis, 'recent-orders', scope, customerId.toLowerCase());
  }

  async add(key: string, entries: readonly KeptOrder<{ id: string }>[]): Promise<void> {
    const keptUntil = Math.max(...entries.map((e) => e.keptUntil));
    const ttl = Math.ceil(keptUntil - this.now());
    if (ttl <= 0) return;
    await this.addScript([key], [ttl, ...entries.flatMap((e) => [e.order.id, JSON.stringify(e)])]);
  }

  /** The orders still within their time; values that do not parse are skipped (and dropped). */
  async list(key: string): Promise<unknown[]> {
    const fields = await this.redis.client.hgetall(key);
    const now = this.now();
    const live: unknown[] = [];
    const dead: string[] = [];
    for (const [id, raw] of Object.entries(fields)) {
      const entry = entrySchema.safeParse(safeJson(raw));
      if (entry.success && entry.data.keptUntil > now) live.push(entry.data.order);
      else dead.push(id);
    }
    // Tidying up is not part of the answer: it must not slow it down nor fail it.
    if (dead.length > 0) void this.redis.client.hdel(key, ...dead).catch(() => undefined);
    return live;
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
