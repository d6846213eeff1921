// The one Redis connection of a gateway process (REDIS_URL), shared by every feature that keeps
// state for the fleet. Redis trouble must never stall a request: commands are not queued while
// the connection is down (they fail at once) and time out after REDIS_COMMAND_TIMEOUT_MS, and each
// feature then falls back to what one process can do alone. The client reconnects by itself;
// `healthy` and the listeners tell /ready and the features when that happens.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RedisSettings } from '../config.js';

export type RedisHealthListener = (healthy: boolean) => void;

export class RedisConnection {
  readonly client: Redis;
  private readonly subscribers: Redis[] = [];
  private readonly listeners = new Set<RedisHealthListener>();
  private up = false;

  constructor(
    private readonly settings: RedisSettings,
    private readonly logger: Logger,
  ) {
    this.client = this.connect('commands');
  }

  /** Every key of the gateway starts with the namespaced, versioned prefix ("pcgw:v1:"). */
  key(...parts: string[]): string {
    return `${this.settings.keyPrefix}${parts.join(':')}`;
  }

  get healthy(): boolean {
    return this.up;
  }

  onHealth(listener: RedisHealthListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A connection of its own for SUBSCRIBE (a subscribed connection takes no other commands). */
  subscriber(): Redis {
    const sub = this.connect('subscriber', false);
    this.subscribers.push(sub);
    return sub;
  }

  private connect(role: string, tracksHealth = true): Redis {
    const client = new Redis(this.settings.url, {
      connectionName: `partner-center-gateway:${role}`,
      enableOfflineQueue: role === 'subscriber',
      commandTimeout: role === 'subscriber' ? undefined : this.settings.commandTimeoutMs,
      maxRetriesPerRequest: 1,
      connectTimeout: Math.max(1_000, this.settings.commandTimeoutMs * 4),
      // Keep trying, never faster than every 100 ms nor slower than every 2 s.
      retryStrategy: (times) => Math.min(100 * times, 2_000),
      lazyConnect: false,
    });
    // Without a listener ioredis prints every failed reconnect; the transitions are logged below.
    client.on('error', () => undefined);
    if (tracksHealth) {
      client.on('ready', () => this.setHealth(true));
      client.on('close', () => this.setHealth(false));
      client.on('end', () => this.setHealth(false));
    }
    return client;
  }

  private setHealth(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    // The URL may carry a password: only its host is logged.
    const host = new URL(this.settings.url).host;
    if (up) this.logger.info({ redis: host }, 'redis connected');
    else this.logger.warn({ redis: host }, 'redis unavailable: shared state falls back to this process');
    for (const l of this.listeners) l(up);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.all([this.client, ...this.subscribers].map((c) => c.quit().catch(() => c.disconnect())));
  }
}
