// The fleet's status pollers over a real redis-server: replicas are StatusPollers on connections of
// their own (one per "process"), each with its own upstream that answers only when the test says,
// so every count is exact. One lease holder polls for all; late watchers read the stored state; the
// lease is handed over when the holder's watchers leave and taken over when it loses Redis; a holder
// whose lease was taken cannot publish; with Redis gone each replica polls on its own, and one poller
// serves the fleet again once it returns; a failure reaches every replica.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisConnection } from '../../src/state/redis.js';
import { PollFailure, StatusPollers, type PollerOptions, type Watcher } from '../../src/state/status-poller.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

const quiet = pino({ level: 'silent' });
const LEASE_MS = 600;
const NAMESPACE = 'order-status';
const WAIT = { timeout: 10_000, interval: 20 };

interface Status {
  status: string;
}

class NotFound extends Error {}

/** One replica's Partner Center: calls wait until the test answers them, oldest first. */
function gatedUpstream() {
  const waiting: { resolve: (s: Status) => void; reject: (e: unknown) => void }[] = [];
  const up = {
    calls: 0,
    get inFlight() {
      return waiting.length;
    },
    fetch: () =>
      new Promise<Status>((resolve, reject) => {
        up.calls += 1;
        waiting.push({ resolve, reject });
      }),
    async next() {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0), WAIT);
      return waiting.shift() as (typeof waiting)[number];
    },
    answer: async (status: string) => (await up.next()).resolve({ status }),
    fail: async (error: unknown) => (await up.next()).reject(error),
  };
  return up;
}

interface Replica {
  conn: RedisConnection;
  pollers: StatusPollers;
  up: ReturnType<typeof gatedUpstream>;
  options: PollerOptions<Status>;
}

interface Seen extends Watcher<Status> {
  seen: string[];
  ended: boolean;
  error: unknown;
}

function watcher(): Seen {
  const w: Seen = {
    seen: [],
    ended: false,
    error: undefined,
    push: (s) => void w.seen.push(s.status),
    fail: (e) => void (w.error = e),
    end: () => void (w.ended = true),
  };
  return w;
}

let redis: RedisServer;
let admin: Redis;
let replicas: Replica[] = [];
let leaves: (() => void)[] = [];
let resourceNo = 0;

beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  admin.on('error', () => undefined);
  await admin.connect();
});
afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
});
afterEach(async () => {
  for (const leave of leaves) leave();
  leaves = [];
  await Promise.all(replicas.map((r) => r.conn.close()));
  replicas = [];
});

async function replica(): Promise<Replica> {
  const conn = new RedisConnection({ url: redis.url, keyPrefix: 'pcgw:v1:', commandTimeoutMs: 500 }, quiet);
  const up = gatedUpstream();
  const r: Replica = {
    conn,
    pollers: new StatusPollers(conn, { leaseMs: LEASE_MS, namespace: NAMESPACE, logger: quiet }),
    up,
    options: {
      fetch: up.fetch,
      same: (a, b) => a.status === b.status,
      terminal: (s) => s.status === 'completed',
      initialDelayMs: 1,
      maxDelayMs: 1,
      parse: (v) => {
        if (typeof v !== 'object' || v === null || typeof (v as { status?: unknown }).status !== 'string') throw new Error('not a status');
        return { status: (v as Status).status };
      },
      failureCode: (e) => (e instanceof NotFound ? 'not-found' : 'error'),
    },
  };
  replicas.push(r);
  await vi.waitFor(() => expect(conn.healthy).toBe(true), WAIT);
  return r;
}

/** A resource key as the subscription builds it: partner scope, caller identity, customer, order. */
function resource(): string {
  resourceNo += 1;
  return `127.0.0.1:1:tenant/object:customer-${process.pid}:order-${resourceNo}`;
}

function watch(r: Replica, key: string, n = 1): Seen[] {
  return Array.from({ length: n }, () => {
    const w = watcher();
    leaves.push(r.pollers.watch(key, r.options, w));
    return w;
  });
}

const key = (resourceKey: string, part: string) => `pcgw:v1:${NAMESPACE}:${resourceKey}:${part}`;
const polling = () => replicas.map((r) => r.pollers.polling);
const everyone = (ws: Seen[], statuses: string[]) => vi.waitFor(() => expect(ws.map((w) => w.seen)).toEqual(ws.map(() => statuses)), WAIT);

async function subscribers(channel: string): Promise<number> {
  const reply = (await admin.pubsub('NUMSUB', channel)) as [string, number];
  return Number(reply[1]);
}

/** The one replica asking upstream now, once the fleet has settled on one. */
async function soleHolder(): Promise<Replica> {
  await vi.waitFor(() => expect(polling().reduce((a, b) => a + b, 0)).toBe(1), WAIT);
  return replicas[polling().indexOf(1)] as Replica;
}

describe('StatusPollers over Redis', () => {
  it('ten watchers on three replicas cost one poller; a late replica reads the stored state; the keys carry the scope and expire', async () => {
    const [a, b, c] = [await replica(), await replica(), await replica()];
    const k = resource();
    const ws = [...watch(a, k, 4), ...watch(b, k, 3), ...watch(c, k, 3)];
    const holder = await soleHolder();
    await holder.up.answer('pending');
    await everyone(ws, ['pending']);

    const lease = await admin.get(key(k, 'lease'));
    expect(lease).toMatch(new RegExp(`/${process.pid}/[0-9a-f]{8}$`));
    expect(await admin.pttl(key(k, 'lease'))).toBeGreaterThan(0);
    expect(await admin.pttl(key(k, 'lease'))).toBeLessThanOrEqual(LEASE_MS);
    expect(await admin.hgetall(key(k, 'state'))).toEqual({ seq: '1', value: '{"status":"pending"}', terminal: '0' });
    expect(await admin.pttl(key(k, 'state'))).toBeLessThanOrEqual(3 * LEASE_MS);
    expect(await subscribers(key(k, 'changes'))).toBe(3);

    const late = await replica();
    const [lateWatcher] = watch(late, k);
    await everyone([lateWatcher as Seen], ['pending']);

    await holder.up.answer('completed');
    const all = [...ws, lateWatcher as Seen];
    await everyone(all, ['pending', 'completed']);
    await vi.waitFor(() => expect(all.every((w) => w.ended)).toBe(true), WAIT);
    expect(replicas.map((r) => r.up.calls).sort()).toEqual([0, 0, 0, 2]);
    expect(holder.up.calls).toBe(2);

    // Released at the end; the terminal state stays (bounded) for late watchers; nobody subscribed.
    expect(await admin.exists(key(k, 'lease'))).toBe(0);
    expect(await admin.hget(key(k, 'state'), 'terminal')).toBe('1');
    expect(await admin.pttl(key(k, 'state'))).toBeGreaterThan(0);
    await vi.waitFor(async () => expect(await subscribers(key(k, 'changes'))).toBe(0), WAIT);
    expect(replicas.map((r) => r.pollers.active)).toEqual([0, 0, 0, 0]);

    // After the end: the terminal state at once, and no call upstream.
    const after = watch(c, k);
    await everyone(after, ['completed']);
    expect(after[0]?.ended).toBe(true);
    expect(c.up.calls).toBe(holder === c ? 2 : 0);
  });

  it("hands the lease over when the holder's last watcher leaves", async () => {
    const [a, b] = [await replica(), await replica()];
    const k = resource();
    const first = watch(a, k);
    await vi.waitFor(() => expect(a.pollers.polling).toBe(1), WAIT);
    const others = watch(b, k, 2);
    await a.up.answer('pending');
    await everyone([...first, ...others], ['pending']);
    await vi.waitFor(() => expect(a.up.inFlight).toBe(1), WAIT);

    for (const leave of leaves.splice(0, 1)) leave(); // a's only watcher
    expect(a.pollers.active).toBe(0);
    await b.up.answer('completed'); // b took the lease at its next tick and polled at once
    await everyone(others, ['pending', 'completed']);
    expect([a.up.calls, b.up.calls]).toEqual([2, 1]); // a's second call was under way when it left
    await a.up.answer('completed');
    expect(first[0]?.seen).toEqual(['pending']);
  });

  it('a holder that loses Redis keeps its own watchers informed; another replica takes over, and it rejoins as a follower', async () => {
    const [a, b, c] = [await replica(), await replica(), await replica()];
    const k = resource();
    const onA = watch(a, k, 2);
    await vi.waitFor(() => expect(a.pollers.polling).toBe(1), WAIT);
    const elsewhere = [...watch(b, k, 2), ...watch(c, k, 2)];
    await a.up.answer('pending');
    await everyone([...onA, ...elsewhere], ['pending']);

    a.conn.client.disconnect(); // a's next call is under way: it goes on polling for its own watchers
    await vi.waitFor(() => expect(a.conn.healthy).toBe(false), WAIT);
    // The lease expires unrenewed; b or c takes it and polls at once.
    await vi.waitFor(() => expect(b.up.inFlight + c.up.inFlight).toBe(1), WAIT);
    const taker = b.up.inFlight === 1 ? b : c;
    expect(polling()).toEqual([1, taker === b ? 1 : 0, taker === c ? 1 : 0]);

    await a.conn.client.connect();
    await vi.waitFor(() => expect(polling()).toEqual([0, taker === b ? 1 : 0, taker === c ? 1 : 0]), WAIT);
    await taker.up.answer('completed');
    await everyone([...onA, ...elsewhere], ['pending', 'completed']); // a's through the channel
    expect([a.up.calls, b.up.calls, c.up.calls]).toEqual([2, taker === b ? 1 : 0, taker === c ? 1 : 0]);
  });

  it('with Redis gone every replica polls on its own and each watcher still gets each change once; one poller again when it returns', async () => {
    const [a, b, c] = [await replica(), await replica(), await replica()];
    const k = resource();
    const onA = watch(a, k, 2);
    await vi.waitFor(() => expect(a.pollers.polling).toBe(1), WAIT);
    const ws = [...onA, ...watch(b, k, 2), ...watch(c, k, 2)];
    await a.up.answer('pending');
    await everyone(ws, ['pending']);

    await redis.kill();
    try {
      await vi.waitFor(() => expect(polling()).toEqual([1, 1, 1]), WAIT);
      await b.up.answer('pending'); // their own first polls: nothing new for anyone
      await c.up.answer('pending');
      await vi.waitFor(() => expect([a.up.inFlight, b.up.inFlight, c.up.inFlight]).toEqual([1, 1, 1]), WAIT);
      expect(ws.map((w) => w.seen)).toEqual(ws.map(() => ['pending']));
    } finally {
      await redis.restart();
    }
    // Back on Redis: one replica keeps polling (and stores its state), the others follow.
    await vi.waitFor(() => expect(replicas.every((r) => r.conn.healthy)).toBe(true), WAIT);
    const holder = await soleHolder();
    await vi.waitFor(async () => expect(await admin.hget(key(k, 'state'), 'value')).toBe('{"status":"pending"}'), WAIT);
    await holder.up.answer('completed');
    await everyone(ws, ['pending', 'completed']);
    await vi.waitFor(() => expect(ws.every((w) => w.ended)).toBe(true), WAIT);
    // Each replica made two calls; after the return only the holder's was answered (the others' were dropped).
    expect([a.up.calls, b.up.calls, c.up.calls]).toEqual([2, 2, 2]);
  });

  it('a holder whose lease was taken (it stalled past it) can no longer publish, and stops polling', async () => {
    const [a, b] = [await replica(), await replica()];
    const k = resource();
    const onA = watch(a, k);
    await vi.waitFor(() => expect(a.pollers.polling).toBe(1), WAIT);
    const onB = watch(b, k);
    await a.up.answer('pending');
    await everyone([...onA, ...onB], ['pending']);

    await admin.set(key(k, 'lease'), 'another-replica', 'PX', 60_000);
    await a.up.answer('completed'); // refused by the lease check, or dropped if a's renewal noticed first
    await vi.waitFor(() => expect(a.pollers.polling).toBe(0), WAIT);
    expect(await admin.hgetall(key(k, 'state'))).toEqual({ seq: '1', value: '{"status":"pending"}', terminal: '0' });
    expect(onB.map((w) => w.seen)).toEqual([['pending']]);

    await admin.del(key(k, 'lease')); // the other replica "died": whoever still watches takes over
    const taker = await soleHolder();
    await taker.up.answer('completed');
    await everyone([...onA, ...onB], ['pending', 'completed']);
    expect(a.up.calls + b.up.calls).toBe(3);
  });

  it('hands a failure to the watchers on every replica', async () => {
    const [a, b] = [await replica(), await replica()];
    const k = resource();
    const [onA] = watch(a, k);
    await vi.waitFor(() => expect(a.pollers.polling).toBe(1), WAIT);
    const [onB] = watch(b, k);
    await vi.waitFor(async () => expect(await subscribers(key(k, 'changes'))).toBe(2), WAIT);
    const error = new NotFound('no such order');
    await a.up.fail(error);
    await vi.waitFor(() => expect(onB?.error).toBeInstanceOf(PollFailure), WAIT);
    expect(onA?.error).toBe(error);
    expect((onB?.error as PollFailure).code).toBe('not-found');
    expect(await admin.exists(key(k, 'lease'))).toBe(0);
    expect([a.up.calls, b.up.calls]).toEqual([1, 0]);
  });
});
