// One poller per watched resource, however many watchers: it asks upstream with backoff, tells
// every watcher each change once, and stops at a terminal state or when the last watcher leaves.
// Without Redis that is one poller per process. With Redis it is one per fleet: the replica that
// holds the resource's lease polls and publishes, the others relay (fleet-status.ts); while Redis is
// away each replica falls back to its own poller, and rejoins when Redis returns.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { pino, type Logger } from 'pino';
import { FleetStatus, type FleetLink } from './fleet-status.js';
import { PollLoop } from './poll-loop.js';
import type { PollerOptions } from './poller-options.js';
import type { RedisConnection } from './redis.js';
import { StatusChannels } from './status-channels.js';
import { StatusHub, type Watcher } from './status-hub.js';

export { PollFailure, type PollerOptions } from './poller-options.js';
export type { Watcher } from './status-hub.js';

export interface FleetPollerSettings {
  /** How long a lease lives without renewal: a dead holder is replaced about this long after it died. */
  leaseMs: number;
  /** Key namespace, e.g. 'order-status'. */
  namespace: string;
  logger: Logger;
}

interface Source {
  readonly polling: boolean;
  close(): void;
  health?(up: boolean): void;
}

interface Entry<T> {
  hub: StatusHub<T>;
  source: Source;
}

/** The in-process poller of a gateway without Redis. */
function localSource<T>(hub: StatusHub<T>, options: PollerOptions<T>): Source {
  const loop = new PollLoop(options, {
    value: async (v) => hub.offer(v, options.terminal(v)),
    error: async (e) => hub.fail(e),
  });
  loop.start();
  return { polling: true, close: () => loop.stop() };
}

export class StatusPollers {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly fleet: FleetLink | undefined;

  constructor(redis?: RedisConnection, settings: Partial<FleetPollerSettings> = {}) {
    if (!redis) return;
    this.fleet = {
      redis,
      channels: new StatusChannels(redis),
      // Unique per process (and per instance: tests run several replicas in one process).
      owner: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
      leaseMs: settings.leaseMs ?? 10_000,
      namespace: settings.namespace ?? 'status',
      logger: settings.logger ?? pino({ level: 'silent' }),
    };
    redis.onHealth((up) => {
      for (const entry of this.entries.values()) entry.source.health?.(up);
    });
  }

  /**
   * Watches `key` (it must carry the caller's scope: it names the Redis keys): values arrive through
   * the callbacks; call the returned function to leave.
   */
  watch<T>(key: string, options: PollerOptions<T>, watcher: Watcher<T>): () => void {
    let entry = this.entries.get(key) as Entry<T> | undefined;
    if (!entry) {
      const hub: StatusHub<T> = new StatusHub<T>(options.same, () => {
        if (this.entries.get(key) === created) this.entries.delete(key);
        created.source.close();
      });
      const fleet = this.fleet;
      const created: Entry<T> = { hub, source: fleet ? new FleetStatus(key, hub, options, fleet) : localSource(hub, options) };
      this.entries.set(key, created as Entry<unknown>);
      entry = created;
    }
    const { hub } = entry;
    hub.add(watcher);
    return () => hub.remove(watcher);
  }

  /** How many resources this process watches now (for tests and metrics). */
  get active(): number {
    return this.entries.size;
  }

  /** How many watchers (SSE streams) this process tells, over all the resources it watches. */
  get watchers(): number {
    let n = 0;
    for (const entry of this.entries.values()) n += entry.hub.size;
    return n;
  }

  /** How many of them this process polls upstream itself (with Redis, the others are polled by another replica). */
  get polling(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.source.polling) n += 1;
    return n;
  }
}
