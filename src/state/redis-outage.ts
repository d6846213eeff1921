// How a feature that keeps fleet state in Redis rides out Redis trouble (down, or slower than
// REDIS_COMMAND_TIMEOUT_MS). It reports each failed command here, which logs once per outage (not
// once per request), and works from this process's memory meanwhile; what it could only write to
// memory it leaves here as a write to replay. Redis counts as back when the connection is ready
// again or when one of the feature's commands succeeds (a slow Redis never drops the connection,
// so no "ready" event would come). The replay then makes those writes visible to every replica.
import type { Logger } from 'pino';
import type { RedisConnection } from './redis.js';

export type ReplayWrite = () => Promise<void>;

export class RedisOutage {
  private down = false;
  private readonly backlog = new Map<string, ReplayWrite>();
  private flushing: Promise<void> | undefined;

  constructor(
    redis: RedisConnection,
    private readonly logger: Logger,
    /** Bound of the writes kept for replay (the same bound as the memory store they shadow). */
    private readonly maxBacklog: number,
  ) {
    redis.onHealth((up) => {
      if (up) this.answered();
    });
  }

  /** True between the first failed command and the replay that follows Redis' return. */
  get degraded(): boolean {
    return this.down;
  }

  /** Pending replays (tests and diagnostics). */
  get pending(): number {
    return this.backlog.size;
  }

  failed(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'redis unavailable: this process works from its own memory');
  }

  /** A command of the feature was answered (or the connection is ready): replay what memory holds. */
  answered(): void {
    if (!this.down && this.backlog.size === 0) return;
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
    });
  }

  /** Resolves once a replay in progress has ended (tests). */
  async settled(): Promise<void> {
    await this.flushing;
  }

  /** Replays `write` when Redis is back; a later write under the same key replaces an earlier one. */
  later(key: string, write: ReplayWrite): void {
    this.backlog.delete(key);
    this.backlog.set(key, write);
    if (this.backlog.size > this.maxBacklog) {
      // Forgetting the oldest is safe, only less helpful: it stays in this process's memory, and
      // the derived MS-RequestId keeps a repeat of that checkout on another replica a single order.
      const oldest = this.backlog.keys().next().value;
      if (oldest !== undefined) this.backlog.delete(oldest);
    }
  }

  private async flush(): Promise<void> {
    let restored = 0;
    // Writes that arrive while replaying are replayed in the same round.
    while (this.backlog.size > 0) {
      for (const [key, write] of [...this.backlog]) {
        try {
          await write();
        } catch {
          // Still away (or away again): the rest waits for the next sign of life.
          return;
        }
        if (this.backlog.get(key) === write) this.backlog.delete(key);
        restored += 1;
      }
    }
    this.down = false;
    this.logger.info({ restored }, 'redis is back: what this process kept alone is shared again');
  }
}
