// IdempotencyKeeper across a fleet, against a real redis-server: each keeper has its own Redis
// connection, as each gateway process does. The claim protocol (one runner per key, waiters get its
// outcome, a reused key is refused, failures free the key, a dead owner's claim expires, a waiter
// that waited long enough runs the work itself) and the fallback when Redis is stopped or paused.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyKeeper, IdempotencyKeyReusedError } from '../../src/state/idempotency.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import { RedisConnection } from '../../src/state/redis.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

const PREFIX = 'pcgw:v1:';
const SCOPE = '127.0.0.1:4000:tenant-a/user-1';
const TTL_MS = 60_000;

let server: RedisServer;
/** The test's own view of Redis, to read keys and to pause the server. */
let probe: Redis;
const open: RedisConnection[] = [];

beforeAll(async () => {
  server = await startRedis();
  probe = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  probe?.disconnect();
  await server?.stop();
});

function logCapture(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/** One "gateway process": its own connection, its own keeper. */
async function replica(options: { waitMs?: number; claimTtlMs?: number; commandTimeoutMs?: number; logger?: Logger } = {}) {
  const logger = options.logger ?? pino({ level: 'silent' });
  const redis = new RedisConnection({ url: server.url, keyPrefix: PREFIX, commandTimeoutMs: options.commandTimeoutMs ?? 2_000 }, logger);
  open.push(redis);
  await expect.poll(() => redis.healthy).toBe(true);
  const keeper = new IdempotencyKeeper(new MemoryStore(100), TTL_MS, {
    redis,
    logger,
    waitMs: options.waitMs ?? 20_000,
    ...(options.claimTtlMs === undefined ? {} : { claimTtlMs: options.claimTtlMs }),
    localEntries: 100,
  });
  return { keeper, redis };
}

/** Work that counts its runs and finishes when the test says so. */
function gatedWork<T>(outcome: T) {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => (open = r));
  const work = {
    runs: 0,
    release: () => open(),
    run: async (): Promise<T> => {
      work.runs += 1;
      await gate;
      return outcome;
    },
  };
  return work;
}

const redisKey = (key: string) => `${PREFIX}idempotency:${encodeURIComponent(SCOPE)}:${encodeURIComponent(key)}`;

async function record(key: string): Promise<Record<string, unknown> | null> {
  const raw = await probe.get(redisKey(key));
  return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
}

/** How many scripts (claims, completions, releases) Redis has run so far. */
async function scriptCalls(): Promise<number> {
  const info = await probe.info('commandstats');
  return [...info.matchAll(/^cmdstat_(?:eval|evalsha):calls=(\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

describe('IdempotencyKeeper over Redis', () => {
  it('runs a key once for three replicas at once; the two others wait for its outcome', async () => {
    const [a, b, c] = await Promise.all([replica(), replica(), replica()]);
    const key = randomUUID();
    const work = gatedWork({ orders: [{ id: 'o-1' }], orderErrors: [] });
    const first = a.keeper.run(SCOPE, key, 'cust:cart', work.run);
    await expect.poll(() => work.runs).toBe(1);
    expect(await record(key)).toMatchObject({ state: 'running', fingerprint: 'cust:cart' });
    const before = await scriptCalls();
    const others = [b.keeper.run(SCOPE, key, 'cust:cart', work.run), c.keeper.run(SCOPE, key, 'cust:cart', work.run)];
    // Both have read the claim (one script call each) before the owner may finish.
    await expect.poll(scriptCalls).toBeGreaterThanOrEqual(before + 2);
    work.release();
    const answers = await Promise.all([first, ...others]);
    expect(work.runs).toBe(1);
    expect(answers.map((x) => JSON.stringify(x))).toEqual(Array(3).fill(JSON.stringify({ orders: [{ id: 'o-1' }], orderErrors: [] })));
    expect(await record(key)).toEqual({ state: 'done', fingerprint: 'cust:cart', outcome: { orders: [{ id: 'o-1' }], orderErrors: [] } });
    const ttl = await probe.pttl(redisKey(key));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TTL_MS);
    // A later repeat on any replica is answered from Redis.
    expect(await c.keeper.run(SCOPE, key, 'cust:cart', work.run)).toEqual({ orders: [{ id: 'o-1' }], orderErrors: [] });
    expect(work.runs).toBe(1);
  });

  it('refuses a key reused for another request, while it runs and once it is done', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const key = randomUUID();
    const work = gatedWork('placed');
    const first = a.keeper.run(SCOPE, key, 'cust:cart-1', work.run);
    await expect.poll(() => work.runs).toBe(1);
    await expect(b.keeper.run(SCOPE, key, 'cust:cart-2', work.run)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    work.release();
    expect(await first).toBe('placed');
    await expect(b.keeper.run(SCOPE, key, 'cust:cart-2', work.run)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(work.runs).toBe(1);
  });

  it('keeps keys apart per caller scope', async () => {
    const { keeper } = await replica();
    const key = randomUUID();
    expect(await keeper.run(SCOPE, key, 'f', async () => 'mine')).toBe('mine');
    expect(await keeper.run('127.0.0.1:4000:tenant-a/user-2', key, 'f', async () => 'theirs')).toBe('theirs');
    expect(await probe.exists(redisKey(key), `${PREFIX}idempotency:${encodeURIComponent('127.0.0.1:4000:tenant-a/user-2')}:${key}`)).toBe(2);
  });

  it('does not keep a failure: the claim is released and a waiting replica runs the work itself', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const key = randomUUID();
    let fail: (e: Error) => void = () => undefined;
    const failing = a.keeper.run(SCOPE, key, 'f', () => new Promise<string>((_r, reject) => (fail = reject)));
    await expect.poll(async () => (await record(key))?.state).toBe('running');
    const before = await scriptCalls();
    let runs = 0;
    const waiting = b.keeper.run(SCOPE, key, 'f', async () => `retried ${++runs}`);
    await expect.poll(scriptCalls).toBeGreaterThanOrEqual(before + 1);
    fail(new Error('upstream 503'));
    await expect(failing).rejects.toThrow('upstream 503');
    expect(await waiting).toBe('retried 1');
    expect(await a.keeper.run(SCOPE, key, 'f', async () => 'not again')).toBe('retried 1');
    expect(runs).toBe(1);
  });

  it("lets the key go when a dead owner's claim expires", async () => {
    const { keeper } = await replica({ waitMs: 20_000 });
    const key = randomUUID();
    // A replica that claimed the key and died: nobody completes or releases it.
    await probe.set(redisKey(key), JSON.stringify({ state: 'running', fingerprint: 'f', owner: 'gone/1/x', claimedAt: new Date().toISOString() }), 'PX', 300);
    let runs = 0;
    expect(await keeper.run(SCOPE, key, 'f', async () => `ran ${++runs}`)).toBe('ran 1');
    expect(runs).toBe(1);
    expect(await record(key)).toMatchObject({ state: 'done', outcome: 'ran 1' });
  });

  it('gives each claim a TTL of its own (twice the wait by default)', async () => {
    const { keeper } = await replica({ waitMs: 5_000 });
    const key = randomUUID();
    const work = gatedWork('ok');
    const run = keeper.run(SCOPE, key, 'f', work.run);
    await expect.poll(() => work.runs).toBe(1);
    const ttl = await probe.pttl(redisKey(key));
    expect(ttl).toBeGreaterThan(5_000);
    expect(ttl).toBeLessThanOrEqual(10_000);
    work.release();
    await run;
  });

  it('stops waiting after the wait limit and runs the work itself; the first stored outcome is everyone\'s', async () => {
    const [owner, late] = await Promise.all([replica(), replica({ waitMs: 50 })]);
    const key = randomUUID();
    const stuck = gatedWork('from the owner');
    const owned = owner.keeper.run(SCOPE, key, 'f', stuck.run);
    await expect.poll(() => stuck.runs).toBe(1);
    let runs = 0;
    expect(await late.keeper.run(SCOPE, key, 'f', async () => `from the late one ${++runs}`)).toBe('from the late one 1');
    expect(await record(key)).toMatchObject({ state: 'done', outcome: 'from the late one 1' });
    // The owner finishes after all: it answers with the outcome already kept, so answers agree.
    stuck.release();
    expect(await owned).toBe('from the late one 1');
    expect(runs).toBe(1);
  });
});

describe('IdempotencyKeeper when Redis is away', () => {
  it('works alone while Redis is down, logs that once, and shares what it kept when Redis returns', async () => {
    const { logger, lines } = logCapture();
    const a = await replica({ logger });
    const key = randomUUID();
    await server.kill();
    try {
      await expect.poll(() => a.redis.healthy).toBe(false);
      let runs = 0;
      const work = async () => `alone ${++runs}`;
      // Concurrent duplicates in this process still share one run; repeats are answered from memory.
      const answers = await Promise.all([a.keeper.run(SCOPE, key, 'f', work), a.keeper.run(SCOPE, key, 'f', work)]);
      expect(answers).toEqual(['alone 1', 'alone 1']);
      expect(await a.keeper.run(SCOPE, key, 'f', work)).toBe('alone 1');
      await expect(a.keeper.run(SCOPE, key, 'other', work)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await a.keeper.run(SCOPE, randomUUID(), 'f', work)).toBe('alone 2');
      expect(runs).toBe(2);
      const warnings = lines.filter((l) => l.component === 'idempotency' && l.level === 40);
      expect(warnings).toHaveLength(1);
      expect(a.keeper.outage?.pending).toBe(2);
    } finally {
      await server.restart();
    }
    // Back: the outcomes kept alone are written to Redis, and another replica answers with them.
    await expect.poll(() => a.keeper.outage?.degraded, { timeout: 10_000 }).toBe(false);
    expect(a.keeper.outage?.pending).toBe(0);
    expect(lines.filter((l) => l.component === 'idempotency' && l.restored === 2)).toHaveLength(1);
    const b = await replica();
    expect(await b.keeper.run(SCOPE, key, 'f', async () => 'should not run')).toBe('alone 1');
  });

  it('works alone while Redis is slower than the command timeout, and catches up once it answers', async () => {
    const { logger, lines } = logCapture();
    const a = await replica({ logger, commandTimeoutMs: 100 });
    const key = randomUUID();
    // Every command waits in the server for 1.5 s: a Redis that is up but far too slow.
    await probe.call('CLIENT', 'PAUSE', '1500', 'ALL');
    let runs = 0;
    expect(await a.keeper.run(SCOPE, key, 'f', async () => `alone ${++runs}`)).toBe('alone 1');
    expect(a.keeper.outage?.degraded).toBe(true);
    expect(lines.filter((l) => l.component === 'idempotency' && l.level === 40)).toHaveLength(1);
    // Once Redis answers again (the next command of the feature succeeds), the outcome is shared.
    await expect.poll(async () => a.keeper.run(SCOPE, randomUUID(), 'f', async () => 'later').then(() => a.keeper.outage?.degraded), { timeout: 10_000, interval: 200 }).toBe(false);
    const b = await replica();
    expect(await b.keeper.run(SCOPE, key, 'f', async () => 'should not run')).toBe('alone 1');
    expect(runs).toBe(1);
  });
});
