// RecentOrders across a fleet, against a real redis-server: an order added through one replica is
// listed by another at once, concurrent adds on two replicas all survive, keys carry the caller
// scope and a TTL, old orders leave on their own time, and Redis being away falls back to memory
// (then catches up when it returns). Plus the single-process store, which must not lose a
// concurrent add either.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/state/memory-store.js';
import { RecentOrders, type RecentOrder } from '../../src/state/recent-orders.js';
import { RedisConnection } from '../../src/state/redis.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

const PREFIX = 'pcgw:v1:';
const SCOPE = '127.0.0.1:4000:tenant-a/user-1';
const TTL_MS = 1_800_000;

let server: RedisServer;
let probe: Redis;
const open: RedisConnection[] = [];

beforeAll(async () => {
  server = await startRedis();
  probe = new Redis(server.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  probe?.disconnect();
  await server?.stop();
});

interface Order extends RecentOrder {
  status: string;
}

const order = (id: string, minute = 0): Order => ({ id, status: 'pending', creationDate: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString() });

async function replica(now?: () => number) {
  const logger = pino({ level: 'silent' });
  const redis = new RedisConnection({ url: server.url, keyPrefix: PREFIX, commandTimeoutMs: 2_000 }, logger);
  open.push(redis);
  await expect.poll(() => redis.healthy).toBe(true);
  return new RecentOrders<Order>(new MemoryStore(100), TTL_MS, { redis, logger, localEntries: 100, ...(now ? { now } : {}) });
}

const ids = (orders: readonly Order[]) => orders.map((o) => o.id).sort();

describe('RecentOrders over Redis', () => {
  it('lists an order added through one replica on another at once, under a scoped key with a TTL', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const customer = randomUUID().toUpperCase();
    await a.add(SCOPE, customer, [order('A1')]);
    expect(await b.list(SCOPE, customer)).toEqual([order('A1')]);
    const key = `${PREFIX}recent-orders:${encodeURIComponent(SCOPE)}:${customer.toLowerCase()}`;
    expect(await probe.hkeys(key)).toEqual(['A1']);
    const ttl = await probe.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TTL_MS);
    // Another caller scope sees none of it.
    expect(await b.list('127.0.0.1:4000:tenant-a/user-2', customer)).toEqual([]);
  });

  it('keeps every order when two replicas add for the same customer at the same time', async () => {
    const [a, b, reader] = await Promise.all([replica(), replica(), replica()]);
    const customer = randomUUID();
    const adds = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).add(SCOPE, customer, [order(`O${i}`, i)]));
    await Promise.all(adds);
    expect(ids(await reader.list(SCOPE, customer))).toEqual(Array.from({ length: 20 }, (_, i) => `O${i}`).sort());
  });

  it('drops each order at the end of its own time, though the hash lives on for newer ones', async () => {
    let now = Date.UTC(2026, 0, 1);
    const clock = () => now;
    const [a, b] = await Promise.all([replica(clock), replica(clock)]);
    const customer = randomUUID();
    await a.add(SCOPE, customer, [order('OLD')]);
    now += TTL_MS / 2;
    await a.add(SCOPE, customer, [order('NEW', 30)]);
    now += TTL_MS / 2;
    expect(ids(await b.list(SCOPE, customer))).toEqual(['NEW']);
    const key = `${PREFIX}recent-orders:${encodeURIComponent(SCOPE)}:${customer}`;
    await expect.poll(() => probe.hkeys(key)).toEqual(['NEW']);
  });
});

describe('RecentOrders when Redis is away', () => {
  it('adds to and lists from memory while Redis is down, and shares those orders when it returns', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const customer = randomUUID();
    await a.add(SCOPE, customer, [order('BEFORE')]);
    await server.kill();
    try {
      await expect.poll(() => open.some((c) => c.healthy)).toBe(false);
      await a.add(SCOPE, customer, [order('DURING', 5)]);
      expect(a.outage?.degraded).toBe(true);
      // This replica lists what it placed itself; Redis' copy of the earlier order is out of reach.
      expect(ids(await a.list(SCOPE, customer))).toEqual(['DURING']);
      expect(await b.list(SCOPE, customer)).toEqual([]);
    } finally {
      await server.restart();
    }
    // The restarted Redis is empty: BEFORE is gone from it (Partner Center lists it after its delay);
    // DURING is written back, so the other replica lists it too.
    await expect.poll(() => a.outage?.degraded, { timeout: 10_000 }).toBe(false);
    expect(ids(await b.list(SCOPE, customer))).toEqual(['DURING']);
    expect(ids(await a.list(SCOPE, customer))).toEqual(['DURING']);
  });
});

describe('RecentOrders in one process (no Redis)', () => {
  it('keeps every order of concurrent adds for one customer', async () => {
    const recent = new RecentOrders<Order>(new MemoryStore(100), TTL_MS);
    await Promise.all(Array.from({ length: 10 }, (_, i) => recent.add(SCOPE, 'c', [order(`L${i}`)])));
    expect(ids(await recent.list(SCOPE, 'c'))).toEqual(Array.from({ length: 10 }, (_, i) => `L${i}`).sort());
    expect(await recent.list('other-scope', 'c')).toEqual([]);
  });
});
