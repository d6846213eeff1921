// One watched resource on one replica of a fleet that shares Redis. The replica is, for it:
//   holder    it has the lease: it polls upstream, stores and publishes each change, renews the lease
//   follower  another replica polls: changes arrive on the channel; each tick it tries the lease, so
//             it takes over within about a lease of the holder dying or losing Redis
//   local     Redis is away (or failed a command): it polls on its own and tells only its own
//             watchers, as a gateway without Redis does; each tick it tries to rejoin
//   joining   subscribing and reading the stored state, on start and on the way back from local
// Only replicas with watchers take part: the holder releases the lease when its last watcher
// leaves, and a replica with watchers left takes over at its next tick, so no replica polls for
// nobody. Steps run one at a time (serial), whatever starts them: the poll loop, a tick, Redis
// health, a message.
import type { Logger } from 'pino';
import { PollLoop } from './poll-loop.js';
import { PollFailure, type PollerOptions } from './poller-options.js';
import type { RedisConnection } from './redis.js';
import type { StatusChannels } from './status-channels.js';
import type { StatusHub } from './status-hub.js';
import { parseStatusMessage, StatusLease, type StoredStatus } from './status-lease.js';

export interface FleetLink {
  redis: RedisConnection;
  channels: StatusChannels;
  /** This replica's id, the value of the leases it holds. */
  owner: string;
  leaseMs: number;
  /** Key namespace, e.g. 'order-status'. */
  namespace: string;
  logger: Logger;
}

type Mode = 'joining' | 'holder' | 'follower' | 'local' | 'closed';

/** Renew (holder) and try the lease (follower) this many times per lease: two missed ticks still keep it. */
const TICKS_PER_LEASE = 3;

export class FleetStatus<T> {
  private mode: Mode = 'joining';
  private loop: PollLoop<T> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Whether this holding has stored a state yet (the first poll after taking the lease always is). */
  private stored = false;
  private readonly lease: StatusLease;
  private readonly onMessage = (raw: string) => this.message(raw);

  constructor(
    resource: string,
    private readonly hub: StatusHub<T>,
    private readonly options: PollerOptions<T>,
    private readonly link: FleetLink,
  ) {
    this.lease = new StatusLease(link.redis, link.namespace, resource, link.owner, link.leaseMs);
    void this.serial(() => (link.redis.healthy ? this.join() : this.goLocal('redis unavailable')));
    this.scheduleTick();
  }

  /** A getter, not a comparison TypeScript would narrow: any await (or hub callback) may close the watch. */
  private get closed(): boolean {
    return this.mode === 'closed';
  }

  /** Whether this replica asks upstream for the resource now (it holds the lease, or polls on its own). */
  get polling(): boolean {
    return this.loop !== undefined;
  }

  /** RedisConnection.onHealth: down → poll locally at once; up → rejoin the fleet. */
  health(up: boolean): void {
    void this.serial(async () => {
      if (up && this.mode === 'local') await this.join();
      else if (!up && (this.mode === 'holder' || this.mode === 'follower')) this.goLocal('redis unavailable');
    });
  }

  close(): void {
    if (this.closed) return;
    const held = this.mode === 'holder';
    this.mode = 'closed';
    this.loop?.stop();
    this.loop = undefined;
    clearTimeout(this.timer);
    this.link.channels.unsubscribe(this.lease.channel, this.onMessage);
    // Replicas still watching take over at their next tick rather than when the lease expires.
    if (held) this.lease.release().catch(() => undefined);
  }

  private serial(step: () => Promise<void> | void): Promise<void> {
    this.chain = this.chain
      .then(() => (this.closed ? undefined : step()))
      .catch((err: unknown) => this.link.logger.error({ err }, 'status poller step failed'));
    return this.chain;
  }

  private scheduleTick(): void {
    this.timer = setTimeout(() => {
      void this.serial(() => this.tick()).then(() => {
        if (!this.closed) this.scheduleTick();
      });
    }, Math.max(1, Math.floor(this.link.leaseMs / TICKS_PER_LEASE)));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.mode === 'holder') {
      try {
        if (!(await this.lease.renew())) this.follow('lease lost');
      } catch (err) {
        this.goLocal(err);
      }
    } else if (this.mode === 'follower') {
      // Also reads the stored state: a change whose message was lost (a reconnecting subscriber) arrives here.
      await this.acquireOrRead();
    } else if (this.mode === 'local' && this.link.redis.healthy) {
      await this.join();
    }
  }

  private async join(): Promise<void> {
    this.mode = 'joining';
    this.hub.resetSeq();
    try {
      await this.link.channels.subscribe(this.lease.channel, this.onMessage, this.link.leaseMs);
    } catch (err) {
      return this.goLocal(err);
    }
    await this.acquireOrRead();
  }

  private async acquireOrRead(): Promise<void> {
    let reply: Awaited<ReturnType<StatusLease['acquireOrRead']>>;
    try {
      reply = await this.lease.acquireOrRead();
    } catch (err) {
      return this.goLocal(err);
    }
    const { acquired, state } = reply;
    // The last watcher left while Redis answered: hand back what we just took.
    if (this.closed) {
      if (acquired) this.lease.release().catch(() => undefined);
      return;
    }
    // A new holder polls at once, so its own fresh value beats the stored one; a follower takes what the holder stored.
    if (state && (state.terminal || !acquired || this.hub.last === undefined)) this.offerStored(state);
    if (this.closed) return;
    if (acquired) await this.hold();
    else this.follow();
  }

  private async hold(): Promise<void> {
    if (this.closed) return;
    if (this.mode !== 'holder') this.link.logger.debug({ owner: this.link.owner }, 'status poll lease taken');
    this.mode = 'holder';
    this.stored = false;
    const last = this.hub.last;
    // Back from local with the loop running: store what it last saw, for late watchers.
    if (this.loop && last !== undefined) await this.publish(last, false);
    else if (!this.loop) this.startLoop();
  }

  private follow(why?: string): void {
    if (this.closed) return;
    if (why) this.link.logger.info({ owner: this.link.owner }, `status poller: ${why}, following`);
    this.mode = 'follower';
    this.loop?.stop();
    this.loop = undefined;
  }

  private goLocal(reason: unknown): void {
    // A step that was under way when the last watcher left must not start a poller for nobody.
    if (this.closed) return;
    if (this.mode !== 'local') {
      this.link.logger.warn({ err: reason instanceof Error ? reason.message : String(reason) }, 'status poller falls back to this process');
    }
    this.mode = 'local';
    if (!this.loop) this.startLoop();
  }

  private startLoop(): void {
    const loop: PollLoop<T> = new PollLoop(this.options, {
      value: (v) => this.serial(() => (this.loop === loop ? this.polled(v) : undefined)),
      error: (e) => this.serial(() => (this.loop === loop ? this.failed(e) : undefined)),
    });
    this.loop = loop;
    loop.start();
  }

  private async polled(value: T): Promise<void> {
    const terminal = this.options.terminal(value);
    if (this.mode === 'holder') return this.publish(value, terminal);
    // local, or joining on the way back: this process's own poll, for its own watchers.
    this.hub.offer(value, terminal);
  }

  private async publish(value: T, terminal: boolean): Promise<void> {
    const last = this.hub.last;
    if (this.stored && !terminal && last !== undefined && this.options.same(last, value)) return;
    let seq: number;
    try {
      seq = await this.lease.publish(JSON.stringify(value), terminal, this.hub.lastSeq);
    } catch (err) {
      this.goLocal(err);
      return this.hub.offer(value, terminal);
    }
    if (seq === 0) {
      // Another replica holds the lease now (we stalled past it): it publishes from here on.
      this.follow('lease lost');
      return this.hub.offer(value, terminal);
    }
    this.stored = true;
    this.hub.offer(value, terminal, seq);
  }

  private async failed(error: unknown): Promise<void> {
    if (this.mode === 'holder') await this.lease.fail(this.options.failureCode?.(error) ?? 'error').catch(() => undefined);
    this.hub.fail(error);
  }

  private message(raw: string): void {
    const message = parseStatusMessage(raw);
    if (!message) return this.link.logger.warn('status poller: unreadable message ignored');
    if (!('failed' in message)) return this.offerStored(message);
    // The holder's own echo, or (local) another replica's poll: this one answers for itself then.
    if (this.mode !== 'holder' && this.mode !== 'local') this.hub.fail(new PollFailure(message.failed));
  }

  private offerStored(state: StoredStatus): void {
    let value: T;
    try {
      value = this.options.parse(state.value);
    } catch {
      return this.link.logger.warn('status poller: unreadable stored state ignored');
    }
    this.hub.offer(value, state.terminal, state.seq);
  }
}
