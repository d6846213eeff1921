// A CacheStore over Redis: JSON values under "<prefix><namespace>:<key>" with a TTL in milliseconds.
// Errors (Redis down, a command timing out) propagate: FallbackStore decides what to do with them.
import type { RedisConnection } from './redis.js';
import type { CacheStore } from './store.js';

export class RedisStore implements CacheStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly namespace: string,
  ) {}

  private key(key: string): string {
    return this.redis.key(this.namespace, key);
  }

  async get(key: string): Promise<unknown> {
    const raw = await this.redis.client.get(this.key(key));
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    await this.redis.client.set(this.key(key), JSON.stringify(value), 'PX', Math.ceil(ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.redis.client.del(this.key(key));
  }

  /** Deletes this namespace's keys (tests and benchmarks empty the catalog cache this way). */
  async clear(): Promise<void> {
    const pattern = `${this.redis.key(this.namespace)}:*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await this.redis.client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}
