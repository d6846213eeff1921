// The catalog cache's policy, with a clock the tests move by hand: fresh, stale-while-revalidate
// (one background refresh), stale-if-error (outages only, up to its age), and fleet-wide single
// flight between two "replicas" (two connections, two caches) over a real redis-server, including
// a dead leader and Redis itself gone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pino, type Logger } from 'pino';
import { FallbackStore } from '../../src/state/fallback-store.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import { RedisConnection } from '../../src/state/redis.js';
import { RedisStore } from '../../src/state/redis-store.js';
import { SharedCache, type SharedCacheOptions } from '../../src/state/shared-cache.js';
import { StaleCatalogReads } from '../../src/state/stale-catalog.js';
import { PartnerCenterError, type PartnerCenterErrorKind } from '../../src/upstream/errors.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

const quiet = pino({ level: 'silent' });

function clock(start = 1_700_000_000_000) {
  const c = { t: start, now: () => c.t, advance: (seconds: number) => void (c.t += seconds * 1000) };
  return c;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A load that counts its calls and answers what the test queues (a value, an error or a deferred). */
function loader<T>() {
  const queue: (() => Promise<T>)[] = [];
  const l = Object.assign(
    () => {
      l.calls += 1;
      const next = queue.shift();
      if (!next) throw new Error('unexpected load');
      return next();
    },
    {
      calls: 0,
      answer: (v: T) => queue.push(async () => v),
      fail: (e: unknown) => queue.push(async () => Promise.reject(e)),
      hold: () => {
        const d = deferred<T>();
        queue.push(() => d.promise);
        return d;
      },
    },
  );
  return l;
}

function pcError(kind: PartnerCenterErrorKind): PartnerCenterError {
  return new PartnerCenterError({ kind, description: kind, requestId: 'r', correlationId: 'c', retryable: false, method: 'GET', path: '/v1/products' });
}

function capturedLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) }) };
}

const memoryCache = (c: ReturnType<typeof clock>, options: Omit<SharedCacheOptions, 'now'>) => new SharedCache(new MemoryStore(100), { ...options, now: c.now });

describe('SharedCache in one process', () => {
  it('loads once for concurrent misses, serves hits while fresh, and loads again once the entry is old', async () => {
    const c = clock();
    const cache = memoryCache(c, { ttlSeconds: 60 });
    const load = loader<{ n: number }>();
    const held = load.hold();
    const first = Promise.all([cache.read('k', load), cache.read('k', load), cache.read('k', load)]);
    held.resolve({ n: 1 });
    expect(await first).toEqual([{ value: { n: 1 } }, { value: { n: 1 } }, { value: { n: 1 } }]);
    c.advance(59);
    expect(await cache.read('k', load)).toEqual({ value: { n: 1 } });
    c.advance(1);
    load.answer({ n: 2 });
    expect(await cache.read('k', load)).toEqual({ value: { n: 2 } });
    expect(load.calls).toBe(2);
    expect(cache.stats).toEqual({ hits: 1, misses: 4, revalidations: 0, staleOnError: 0 });
  });

  it('within stale-while-revalidate answers at once with the stale entry and refreshes it once in the background', async () => {
    const c = clock();
    const cache = memoryCache(c, { ttlSeconds: 60, staleWhileRevalidateSeconds: 600 });
    const load = loader<string>();
    load.answer('v1');
    await cache.read('k', load);
    c.advance(61);
    const refresh = load.hold();
    // Five readers while the refresh is still held upstream: all answered, one refresh.
    const stale = await Promise.all(Array.from({ length: 5 }, () => cache.read('k', load)));
    expect(stale).toEqual(Array.from({ length: 5 }, () => ({ value: 'v1' })));
    expect(load.calls).toBe(2);
    refresh.resolve('v2');
    await vi.waitFor(async () => expect(await cache.read('k', load)).toEqual({ value: 'v2' }));
    expect(load.calls).toBe(2);
    expect(cache.stats.revalidations).toBe(1);
  });

  it('logs a failed background refresh, never surfaces it, and tries again on a later read', async () => {
    const c = clock();
    const { logger, lines } = capturedLogger();
    const cache = memoryCache(c, { ttlSeconds: 60, staleWhileRevalidateSeconds: 600, logger });
    const load = loader<string>();
    load.answer('v1');
    await cache.read('k', load);
    c.advance(61);
    load.fail(pcError('UNAVAILABLE'));
    expect(await cache.read('k', load)).toEqual({ value: 'v1' });
    await vi.waitFor(() => expect(lines.filter((l) => l.msg === 'catalog load failed')).toHaveLength(1));
    expect(lines.find((l) => l.msg === 'catalog load failed')).toMatchObject({ level: 40, cacheKey: 'k' });
    load.answer('v2');
    expect(await cache.read('k', load)).toEqual({ value: 'v1' });
    await vi.waitFor(async () => expect(await cache.read('k', load)).toEqual({ value: 'v2' }));
    expect(load.calls).toBe(3);
  });

  it('past stale-while-revalidate the reader waits for the load', async () => {
    const c = clock();
    const cache = memoryCache(c, { ttlSeconds: 60, staleWhileRevalidateSeconds: 60 });
    const load = loader<string>();
    load.answer('v1');
    await cache.read('k', load);
    c.advance(120);
    const held = load.hold();
    let answered = false;
    const read = cache.read('k', load).then((r) => ((answered = true), r));
    await vi.waitFor(() => expect(load.calls).toBe(2));
    expect(answered).toBe(false);
    held.resolve('v2');
    expect(await read).toEqual({ value: 'v2' });
  });

  it.each<PartnerCenterErrorKind>(['SERVER_ERROR', 'UNAVAILABLE', 'TIMEOUT', 'NETWORK', 'THROTTLED'])(
    'serves the last good entry with its age when the load fails with %s (stale-if-error), to every reader of one failed load',
    async (kind) => {
      const c = clock();
      const cache = memoryCache(c, { ttlSeconds: 60, staleIfErrorSeconds: 3600 });
      const load = loader<string>();
      load.answer('v1');
      await cache.read('k', load);
      c.advance(120);
      load.fail(pcError(kind));
      const reads = await Promise.all([cache.read('k', load), cache.read('k', load)]);
      expect(reads).toEqual([
        { value: 'v1', staleAgeMs: 120_000 },
        { value: 'v1', staleAgeMs: 120_000 },
      ]);
      expect(load.calls).toBe(2);
      expect(cache.stats.staleOnError).toBe(2);
    },
  );

  it.each([
    ['NOT_FOUND', pcError('NOT_FOUND')],
    ['BAD_INPUT', pcError('BAD_INPUT')],
    ['UNAUTHORIZED', pcError('UNAUTHORIZED')],
    ['a bug', new TypeError('x is undefined')],
  ])('surfaces %s even with an entry to hand', async (_label, error) => {
    const c = clock();
    const cache = memoryCache(c, { ttlSeconds: 60, staleIfErrorSeconds: 3600 });
    const load = loader<string>();
    load.answer('v1');
    await cache.read('k', load);
    c.advance(120);
    load.fail(error);
    await expect(cache.read('k', load)).rejects.toBe(error);
  });

  it('surfaces an outage once the entry is as old as stale-if-error, and never caches a failure', async () => {
    const c = clock();
    const cache = memoryCache(c, { ttlSeconds: 60, staleIfErrorSeconds: 3600 });
    const load = loader<string>();
    load.answer('v1');
    await cache.read('k', load);
    c.advance(3600);
    const outage = pcError('UNAVAILABLE');
    load.fail(outage);
    await expect(cache.read('k', load)).rejects.toBe(outage);
    load.answer('v2');
    expect(await cache.read('k', load)).toEqual({ value: 'v2' });
  });

  it('caches nothing with a TTL of 0, and takes a stored value of another shape for a miss', async () => {
    const c = clock();
    const none = memoryCache(c, { ttlSeconds: 0, staleIfErrorSeconds: 3600 });
    const load = loader<string>();
    load.answer('a');
    load.answer('b');
    expect([(await none.read('k', load)).value, (await none.read('k', load)).value]).toEqual(['a', 'b']);

    const store = new MemoryStore(10);
    await store.set('k', ['a bare value from an older gateway'], 60_000);
    const cache = new SharedCache(store, { ttlSeconds: 60, now: c.now });
    load.answer('c');
    expect(await cache.read('k', load)).toEqual({ value: 'c' });
    expect(load.calls).toBe(3);
  });

  it('reports the oldest stale copy an operation served, in whole seconds, and nothing when none was', () => {
    const reads = new StaleCatalogReads();
    expect(reads.oldestAgeSeconds).toBeUndefined();
    reads.note(1_999);
    reads.note(61_500);
    reads.note(5_000);
    expect(reads.oldestAgeSeconds).toBe(61);
  });

  it('keeps falsy values and evicts the least recently used beyond its bound', async () => {
    const store = new MemoryStore(2);
    await store.set('a', 0, 60_000);
    await store.set('b', false, 60_000);
    expect(await store.get('a')).toBe(0);
    await store.set('c', null, 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe(0);
    expect(await store.get('c')).toBeNull();
  });
});

describe('SharedCache across replicas over one redis-server', () => {
  let server: RedisServer;
  const connections: RedisConnection[] = [];
  let prefixes = 0;

  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(connections.map((r) => r.close()));
    await server?.stop();
  });

  /** `count` replicas of one fleet (their own connections and memory), on their own key prefix. */
  async function fleet(count: number, c: ReturnType<typeof clock>, options: Omit<SharedCacheOptions, 'now' | 'redis'>, url = server.url) {
    const keyPrefix = `unit${++prefixes}:`;
    return Promise.all(
      Array.from({ length: count }, async () => {
        const redis = new RedisConnection({ url, keyPrefix, commandTimeoutMs: 500 }, quiet);
        connections.push(redis);
        await vi.waitFor(() => expect(redis.healthy).toBe(true), { timeout: 10_000 });
        const store = new FallbackStore(new RedisStore(redis, 'catalog'), new MemoryStore(100), quiet, 'catalog');
        return { redis, keyPrefix, cache: new SharedCache(store, { ...options, redis, now: c.now }) };
      }),
    );
  }

  it('loads a cold key once for the fleet: the other replica waits for it, and the store keeps it for ttl + the longer stale window', async () => {
    const c = clock();
    const [a, b] = await fleet(2, c, { ttlSeconds: 60, staleWhileRevalidateSeconds: 600, staleIfErrorSeconds: 3600 });
    if (!a || !b) throw new Error('no fleet');
    const loadA = loader<string>();
    const loadB = loader<string>();
    const held = loadA.hold();
    const readA = a.cache.read('k', loadA);
    await vi.waitFor(() => expect(loadA.calls).toBe(1)); // a holds the lock now
    const readB = b.cache.read('k', loadB);
    held.resolve('v1');
    expect(await Promise.all([readA, readB])).toEqual([{ value: 'v1' }, { value: 'v1' }]);
    expect(loadB.calls).toBe(0);
    const pttl = await a.redis.client.pttl(`${a.keyPrefix}catalog:k`);
    expect(pttl).toBeGreaterThan((60 + 3600 - 60) * 1000);
    expect(pttl).toBeLessThanOrEqual((60 + 3600) * 1000);
  });

  it('within stale-while-revalidate the fleet refreshes once, and every replica answers at once', async () => {
    const c = clock();
    const [a, b] = await fleet(2, c, { ttlSeconds: 60, staleWhileRevalidateSeconds: 600 });
    if (!a || !b) throw new Error('no fleet');
    const loadA = loader<string>();
    const loadB = loader<string>();
    loadA.answer('v1');
    await a.cache.read('k', loadA);
    c.advance(61);
    const refresh = loadA.hold();
    expect(await a.cache.read('k', loadA)).toEqual({ value: 'v1' });
    await vi.waitFor(() => expect(loadA.calls).toBe(2));
    expect(await b.cache.read('k', loadB)).toEqual({ value: 'v1' });
    refresh.resolve('v2');
    await vi.waitFor(async () => expect(await b.cache.read('k', loadB)).toEqual({ value: 'v2' }));
    expect(loadB.calls).toBe(0);
    expect(b.cache.stats.revalidations).toBe(1);
  });

  it('when Partner Center fails the leader, a follower serves its stale copy with the age, without calling it', async () => {
    const c = clock();
    const [a, b] = await fleet(2, c, { ttlSeconds: 60, staleIfErrorSeconds: 3600 });
    if (!a || !b) throw new Error('no fleet');
    const loadA = loader<string>();
    const loadB = loader<string>();
    loadA.answer('v1');
    await a.cache.read('k', loadA);
    c.advance(120);
    const failing = loadA.hold();
    const readA = a.cache.read('k', loadA);
    await vi.waitFor(() => expect(loadA.calls).toBe(2));
    const readB = b.cache.read('k', loadB);
    failing.reject(pcError('TIMEOUT'));
    expect(await Promise.all([readA, readB])).toEqual([
      { value: 'v1', staleAgeMs: 120_000 },
      { value: 'v1', staleAgeMs: 120_000 },
    ]);
    expect(loadB.calls).toBe(0);
  });

  it('a follower loads by itself when its leader died holding the lock', async () => {
    const c = clock();
    const [a] = await fleet(1, c, { ttlSeconds: 60 });
    if (!a) throw new Error('no fleet');
    // A replica took the lock and was killed: no notice will come, the lock expires.
    await a.redis.client.set(`${a.keyPrefix}catalog-lock:k`, 'dead replica', 'PX', 300);
    const load = loader<string>();
    load.answer('mine');
    expect(await a.cache.read('k', load)).toEqual({ value: 'mine' });
    expect(load.calls).toBe(1);
  });

  it('with Redis down a replica is on its own: its memory, in-process single flight, stale-if-error from memory', async () => {
    const gone = await startRedis();
    const c = clock();
    const [a] = await fleet(1, c, { ttlSeconds: 60, staleIfErrorSeconds: 3600 }, gone.url);
    if (!a) throw new Error('no fleet');
    await gone.kill();
    await vi.waitFor(() => expect(a.redis.healthy).toBe(false));
    const load = loader<string>();
    const held = load.hold();
    const reads = Promise.all([a.cache.read('k', load), a.cache.read('k', load), a.cache.read('k', load)]);
    await vi.waitFor(() => expect(load.calls).toBe(1));
    held.resolve('v1');
    expect(await reads).toEqual([{ value: 'v1' }, { value: 'v1' }, { value: 'v1' }]);
    expect(await a.cache.read('k', load)).toEqual({ value: 'v1' });
    c.advance(120);
    load.fail(pcError('SERVER_ERROR'));
    expect(await a.cache.read('k', load)).toEqual({ value: 'v1', staleAgeMs: 120_000 });
    expect(load.calls).toBe(2);
  });
});
