// Fleet-wide single flight over Redis. Of the replicas that need the same entry at once, the one
// that takes the key's lock (SET NX PX) loads it; the others wait for its notice on one pub/sub
// channel instead of calling Partner Center too. The lock expires by itself (PX, the longest a
// load may take), so a replica that dies mid-load holds nobody up for longer than that.
//
// When the leader is done, the lock key briefly holds its outcome ("done:stored", "done:outage",
// "done:none") instead of vanishing. A follower that asks just as the leader finishes (its notice
// crossing the follower's SET NX) reads the outcome from the key instead of missing it, and for
// that moment readers across the fleet can take the outcome as theirs (the fresh entry; on an
// outage, their stale copy) instead of calling Partner Center again. A reader whose case the
// outcome does not settle takes the lock over from it (acquire(key, outcome)).
//
// This saves upstream calls; correctness never depends on it. When Redis does not answer, every
// replica is on its own ('alone': in-process single flight only), and a follower whose notice
// does not come loads by itself. Single-instance pattern:
// https://redis.io/docs/latest/develop/use/patterns/distributed-locks/
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RedisConnection } from './redis.js';

/** How the leader's load ended: stored (read the entry), outage (Partner Center failed), none (no value: load yourself). */
export type FlightOutcome = 'stored' | 'outage' | 'none';

export type FlightTurn =
  | { readonly role: 'leader'; readonly token: string }
  /** `ended`: the leader had already finished when we asked. */
  | { readonly role: 'follower'; readonly ended?: FlightOutcome }
  | { readonly role: 'alone' };

const OUTCOMES: ReadonlySet<string> = new Set<FlightOutcome>(['stored', 'outage', 'none']);
const DONE = 'done:';
/** How long the lock key holds the outcome: a few polls, so no follower can miss it. */
const OUTCOME_KEPT_MS = 1_000;
/** A safety net under pub/sub (a notice lost while the subscriber reconnects). */
const POLL_MS = 250;
// Takes the lock when it is free (or holds exactly the outcome the caller takes over), or tells
// who holds it: a leader's token, or an outcome "done:…".
const ACQUIRE =
  "local v = redis.call('get', KEYS[1]) if v == false or v == ARGV[3] then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return '' end return v";
// Only while the lock is still ours (after PX another replica may hold it) does it become the outcome.
const FINISH =
  "if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) end return redis.call('publish', ARGV[4], ARGV[5])";

function outcomeOf(lockValue: unknown): FlightOutcome | undefined {
  if (typeof lockValue !== 'string' || !lockValue.startsWith(DONE)) return undefined;
  const outcome = lockValue.slice(DONE.length);
  return OUTCOMES.has(outcome) ? (outcome as FlightOutcome) : undefined;
}

type Waiter = (outcome: FlightOutcome) => void;

export class FleetFlight {
  private readonly channel: string;
  private readonly waiters = new Map<string, Set<Waiter>>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly namespace: string,
    /** Lifetime of a lock, and the longest a follower waits for its leader. */
    private readonly lockMs: number,
    private readonly logger?: Logger,
  ) {
    this.channel = redis.key(`${namespace}-loaded`);
    // Subscribed once, at start, so the channel is live long before the first cold miss.
    const sub = redis.subscriber();
    sub.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.notice(message);
    });
    sub.subscribe(this.channel).catch((err: unknown) => this.logger?.warn({ err: String(err) }, 'flight notices unavailable: followers poll'));
  }

  private lockKey(key: string): string {
    return this.redis.key(`${this.namespace}-lock`, key);
  }

  /** `over`: an outcome this reader saw and that did not settle its case; the lock is taken from it. */
  async acquire(key: string, over?: FlightOutcome): Promise<FlightTurn> {
    const token = randomUUID();
    try {
      const holder = await this.redis.client.eval(ACQUIRE, 1, this.lockKey(key), token, this.lockMs, over ? `${DONE}${over}` : '');
      if (holder === '') return { role: 'leader', token };
      const ended = outcomeOf(holder);
      return ended ? { role: 'follower', ended } : { role: 'follower' };
    } catch {
      return { role: 'alone' };
    }
  }

  /** The leader's last word: the lock becomes the outcome for a moment, and the followers are told. */
  async finish(key: string, token: string, outcome: FlightOutcome): Promise<void> {
    try {
      const notice = JSON.stringify({ key, outcome });
      await this.redis.client.eval(FINISH, 1, this.lockKey(key), token, `${DONE}${outcome}`, OUTCOME_KEPT_MS, this.channel, notice);
    } catch (err) {
      // The lock expires by itself; followers then load by themselves.
      this.logger?.debug({ cacheKey: key, err: String(err) }, 'flight notice failed');
    }
  }

  /**
   * Waits for the leader of `key`: its notice, its outcome in the lock key, or `arrived()` turning
   * true, whichever a poll or the channel shows first. Ends 'none' when the lock is gone without
   * an outcome (seen on two polls in a row, so a notice in transit still wins: the leader died),
   * when Redis stops answering, or after the lock's lifetime.
   */
  wait(key: string, arrived: () => Promise<boolean>): Promise<FlightOutcome> {
    return new Promise((resolve) => {
      const waiters = this.waiters.get(key) ?? new Set<Waiter>();
      this.waiters.set(key, waiters);
      let goneOnce = false;
      let polling = false;
      const check = async (): Promise<FlightOutcome | undefined> => {
        if (await arrived()) return 'stored';
        const holder = await this.redis.client.get(this.lockKey(key));
        if (holder !== null) return (goneOnce = false), outcomeOf(holder);
        if (goneOnce) return 'none';
        goneOnce = true;
        return undefined;
      };
      const poll = setInterval(() => {
        if (polling) return;
        polling = true;
        check()
          .then((outcome) => outcome && done(outcome), () => done('none'))
          .finally(() => (polling = false));
      }, POLL_MS);
      const timeout = setTimeout(() => done('none'), this.lockMs);
      const done: Waiter = (outcome) => {
        if (!waiters.delete(done)) return;
        if (waiters.size === 0 && this.waiters.get(key) === waiters) this.waiters.delete(key);
        clearTimeout(timeout);
        clearInterval(poll);
        resolve(outcome);
      };
      waiters.add(done);
    });
  }

  private notice(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    const { key, outcome } = parsed as { key?: unknown; outcome?: unknown };
    if (typeof key !== 'string' || typeof outcome !== 'string' || !OUTCOMES.has(outcome)) return;
    for (const waiter of [...(this.waiters.get(key) ?? [])]) waiter(outcome as FlightOutcome);
  }
}
