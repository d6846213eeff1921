// This process's one SUBSCRIBE connection for status changes, shared by every watched resource:
// a channel is subscribed while this replica has watchers of its resource, and dropped when the last
// one leaves. ioredis re-subscribes by itself after a reconnect; a message lost meanwhile is made up
// for by the followers' periodic read of the stored state (fleet-status.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { RedisConnection } from './redis.js';

export type ChannelHandler = (message: string) => void;

export class StatusChannels {
  private connection: Redis | undefined;
  private readonly handlers = new Map<string, ChannelHandler>();

  constructor(private readonly redis: RedisConnection) {}

  /** Opened on first use: a replica nobody watches anything on keeps a single Redis connection. */
  private subscriber(): Redis {
    if (!this.connection) {
      const sub = this.redis.subscriber();
      sub.on('message', (channel: string, message: string) => {
        const handler = this.handlers.get(channel);
        if (handler) handler(message);
        // An UNSUBSCRIBE that failed while Redis was away, and ioredis re-subscribed on reconnect.
        else sub.unsubscribe(channel).catch(() => undefined);
      });
      this.connection = sub;
    }
    return this.connection;
  }

  /**
   * Resolves once Redis confirms, so what is published from then on reaches `handler`; rejects after
   * `timeoutMs` (the SUBSCRIBE waits in ioredis's queue while the subscriber reconnects).
   */
  async subscribe(channel: string, handler: ChannelHandler, timeoutMs: number): Promise<void> {
    this.handlers.set(channel, handler);
    const timer = new AbortController();
    const timeout = sleep(timeoutMs, undefined, { signal: timer.signal }).then(() => {
      throw new Error(`redis did not confirm SUBSCRIBE within ${timeoutMs} ms`);
    });
    try {
      await Promise.race([this.subscriber().subscribe(channel), timeout]);
    } finally {
      timer.abort();
      timeout.catch(() => undefined);
    }
  }

  unsubscribe(channel: string, handler: ChannelHandler): void {
    // A newer watch of the same resource may have subscribed again meanwhile: leave it be.
    if (this.handlers.get(channel) !== handler) return;
    this.handlers.delete(channel);
    this.subscriber()
      .unsubscribe(channel)
      .catch(() => undefined);
  }
}
