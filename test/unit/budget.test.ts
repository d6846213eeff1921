// The fleet-wide upstream budget against a real redis-server: budgets of separate "replicas" (each
// with its own connection, as separate processes have) share one count per window, a refused call
// takes nothing, and with Redis gone each replica falls back to its fair share in memory.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { RedisConnection } from '../../src/state/redis.js';
import { createUpstreamBudget, UpstreamBudget, type BudgetSettings } from '../../src/upstream/budget.js';
import { customerOfPath } from '../../src/upstream/budget-scope.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

const silent = pino({ level: 'silent' });
let redis: RedisServer;
const open: (RedisConnection | UpstreamBudget)[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(open.map((o) => o.close()));
  await redis?.stop();
});

/** One replica's Redis connection, as src/state/shared-state.ts makes it (no offline queue). */
async function connect(): Promise<RedisConnection> {
  const connection = new RedisConnection({ url: redis.url, keyPrefix: 'pcgw:v1:', commandTimeoutMs: 200 }, silent);
  open.push(connection);
  await expect.poll(() => connection.healthy).toBe(true);
  return connection;
}

function budget(settings: Partial<BudgetSettings> & Pick<BudgetSettings, 'partnerScope'>): UpstreamBudget {
  const b = new UpstreamBudget({ partnerPerMinute: 0, customerPerMinute: 0, ...settings });
  open.push(b);
  return b;
}

async function takeMany(b: UpstreamBudget, n: number, customerId?: string) {
  return Promise.all(Array.from({ length: n }, () => b.take(customerId)));
}

const admitted = (verdicts: { admitted: boolean }[]) => verdicts.filter((v) => v.admitted).length;

describe('the upstream budget over Redis', () => {
  it('never admits more than the budget per window across two replicas together', async () => {
    const partnerScope = `tenant-${randomUUID()}`;
    const [r1, r2] = await Promise.all([connect(), connect()]);
    const a = budget({ partnerScope, partnerPerMinute: 20, redis: r1 });
    const b = budget({ partnerScope, partnerPerMinute: 20, redis: r2 });
    const [va, vb] = await Promise.all([takeMany(a, 60), takeMany(b, 60)]);
    expect(admitted(va) + admitted(vb)).toBe(20);
    for (const v of [...va, ...vb]) {
      if (v.admitted) continue;
      expect(v).toMatchObject({ scope: 'partner', reason: 'spent' });
      expect(v.waitMs).toBeGreaterThan(0);
      expect(v.waitMs).toBeLessThanOrEqual(60_000);
    }
  });

  it('counts each customer on its own, and a call the partner refuses gives the customer its point back', async () => {
    const partnerScope = `tenant-${randomUUID()}`;
    const [r1, r2] = await Promise.all([connect(), connect()]);
    const a = budget({ partnerScope, partnerPerMinute: 8, customerPerMinute: 5, redis: r1 });
    const b = budget({ partnerScope, partnerPerMinute: 8, customerPerMinute: 5, redis: r2 });
    // Customer c1 is spent at 5 by both replicas together; c2 still has room.
    const [c1a, c1b] = await Promise.all([takeMany(a, 6, 'c1'), takeMany(b, 6, 'c1')]);
    expect(admitted(c1a) + admitted(c1b)).toBe(5);
    expect([...c1a, ...c1b].filter((v) => !v.admitted).every((v) => !v.admitted && v.scope === 'customer')).toBe(true);
    // The partner has 3 left: c2 gets 3, then the partner refuses, and c2 keeps the points it was not charged.
    const c2 = await takeMany(b, 5, 'c2');
    expect(admitted(c2)).toBe(3);
    expect(c2.filter((v) => !v.admitted).every((v) => !v.admitted && v.scope === 'partner')).toBe(true);
    const scope = encodeURIComponent(partnerScope);
    // The partner is spent. Refused calls may or may not add to its raw count (once the limiter blocks
    // a spent key in memory it stops asking Redis), so only the floor is certain.
    expect(Number(await r1.client.get(`pcgw:v1:budget:partner:${scope}`))).toBeGreaterThanOrEqual(8);
    expect(await r1.client.get(`pcgw:v1:budget:customer:${scope}:c2`)).toBe('3');
  });

  it('holds a scope paused by one replica for the others, partner-wide or for one customer only', async () => {
    const partnerScope = `tenant-${randomUUID()}`;
    const [r1, r2] = await Promise.all([connect(), connect()]);
    const a = budget({ partnerScope, partnerPerMinute: 100, customerPerMinute: 100, redis: r1 });
    const b = budget({ partnerScope, partnerPerMinute: 100, customerPerMinute: 100, redis: r2 });
    await a.pause('c1', 30_000);
    expect(await b.take('c1')).toMatchObject({ admitted: false, scope: 'customer', reason: 'paused' });
    expect(await b.take('c2')).toEqual({ admitted: true });
    expect(await b.take(undefined)).toEqual({ admitted: true });
    // A shorter pause never shortens a longer one.
    await a.pause('c1', 1_000);
    const still = await b.take('c1');
    expect(still.admitted ? 0 : still.waitMs).toBeGreaterThan(1_000);
    await b.pause(undefined, 20_000);
    expect(await a.take('c2')).toMatchObject({ admitted: false, scope: 'partner', reason: 'paused' });
    expect(await r1.client.pttl(`pcgw:v1:budget:pause:partner:${encodeURIComponent(partnerScope)}`)).toBeGreaterThan(0);
  });

  it('needs no Redis: alone, a process keeps the whole budget in memory', async () => {
    const alone = createUpstreamBudget({ partnerScope: 'alone', partnerPerMinute: 4, customerPerMinute: 0 });
    if (!alone) throw new Error('expected a budget');
    open.push(alone);
    expect(admitted(await takeMany(alone, 10))).toBe(4);
    expect(alone.shares()).toEqual({ partner: 4, customer: undefined });
    expect(createUpstreamBudget({ partnerScope: 'none', partnerPerMinute: 0, customerPerMinute: 0 })).toBeUndefined();
  });

  it('reads the customer of a path, and only under /customers/{id}', () => {
    expect(customerOfPath('/customers/5D3E0F6A-1B2C-4D5E-8F90-A1B2C3D4E5F6/subscriptions')).toBe('5d3e0f6a-1b2c-4d5e-8f90-a1b2c3d4e5f6');
    expect(customerOfPath('/customers/c1')).toBe('c1');
    expect(customerOfPath('/customers')).toBeUndefined();
    expect(customerOfPath('/products')).toBeUndefined();
  });

  // Last: it stops the server.
  it('falls back to a fair share per replica in memory while Redis is away', async () => {
    const partnerScope = `tenant-${randomUUID()}`;
    const [r1, r2] = await Promise.all([connect(), connect()]);
    const a = budget({ partnerScope, partnerPerMinute: 10, customerPerMinute: 4, redis: r1 });
    const b = budget({ partnerScope, partnerPerMinute: 10, customerPerMinute: 4, redis: r2 });
    // Both have beaten once; after one more beat each sees the other.
    await a.replicas();
    await b.replicas();
    expect(await a.replicas()).toBe(2);
    expect(a.shares()).toEqual({ partner: 5, customer: 2 });
    expect(b.shares()).toEqual({ partner: 5, customer: 2 });
    // One call through Redis, before it goes.
    expect(await a.take(undefined)).toEqual({ admitted: true });
    await a.pause('paused-before', 30_000);
    expect(await b.take('paused-before')).toMatchObject({ admitted: false, reason: 'paused' });

    await redis.stop();
    await expect.poll(() => r1.healthy || r2.healthy).toBe(false);
    // Each replica alone: its share of the partner budget, and of each customer's.
    expect(admitted(await takeMany(a, 8))).toBe(5);
    expect(admitted(await takeMany(b, 8))).toBe(5);
    const c = budget({ partnerScope, partnerPerMinute: 10, customerPerMinute: 4, redis: r1 });
    // A replica that never saw Redis assumes it is alone.
    expect(c.shares()).toEqual({ partner: 10, customer: 4 });
    expect(admitted(await takeMany(c, 6, 'c9'))).toBe(4);
    // Pauses: the one read from Redis before it went still holds; a new one holds for its replica.
    expect(await b.take('paused-before')).toMatchObject({ admitted: false, reason: 'paused' });
    await c.pause('c8', 30_000);
    expect(await c.take('c8')).toMatchObject({ admitted: false, scope: 'customer', reason: 'paused' });
    expect(await b.take('c8')).toMatchObject({ admitted: false, scope: 'partner', reason: 'spent' });

    await redis.restart();
    await expect.poll(() => r1.healthy && r2.healthy, { timeout: 10_000 }).toBe(true);
    // Back on Redis (a new, empty server): the fleet count again.
    expect(await a.take('c7')).toEqual({ admitted: true });
    expect(await r1.client.get(`pcgw:v1:budget:partner:${encodeURIComponent(partnerScope)}`)).toBe('1');
  });
});
