// Shared state that survives Redis trouble: reads and writes go to Redis while it answers, and to
// this process's memory when it does not (down, or slower than REDIS_COMMAND_TIMEOUT_MS). While
// Redis is away the process behaves as a single gateway would; what it wrote to memory then stays
// local (it is not copied to Redis on recovery).
import type { Logger } from 'pino';
import type { CacheStore } from './store.js';

export class FallbackStore implements CacheStore {
  private failing = false;

  constructor(
    private readonly primary: CacheStore,
    private readonly fallback: CacheStore,
    private readonly logger: Logger,
    private readonly name: string,
  ) {}

  private async attempt<T>(op: (s: CacheStore) => Promise<T>): Promise<T> {
    try {
      const result = await op(this.primary);
      if (this.failing) {
        this.failing = false;
        this.logger.info({ store: this.name }, 'shared store back on redis');
      }
      return result;
    } catch (err) {
      if (!this.failing) {
        this.failing = true;
        this.logger.warn({ store: this.name, err: err instanceof Error ? err.message : String(err) }, 'shared store falls back to memory');
      }
      return op(this.fallback);
    }
  }

  get(key: string): Promise<unknown> {
    return this.attempt((s) => s.get(key));
  }

  set(key: string, value: unknown, ttlMs: number): Promise<void> {
    return this.attempt((s) => s.set(key, value, ttlMs));
  }

  delete(key: string): Promise<void> {
    return this.attempt((s) => s.delete(key));
  }

  async clear(): Promise<void> {
    await Promise.all([this.primary.clear().catch(() => undefined), this.fallback.clear()]);
  }
}
