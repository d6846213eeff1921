// The catalog cache of a fleet: three gateway processes over one redis-server and one sandbox
// process. A cold browse on all three at once costs one upstream call per list (fleet-wide single
// flight); during a Partner Center outage every replica answers from the last good copy, marked,
// for one upstream try; with Redis killed each replica still serves, on its own.
import { setTimeout as sleep } from 'node:timers/promises';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startFleet, type Fleet, type FleetResponse, type Replica } from '../helpers/fleet.js';
import { BrowseCatalogDocument } from '../gql/graphql.js';

const BROWSE = print(BrowseCatalogDocument);
const PRODUCTS = (country: string) => `{ products(country: "${country}", targetView: ONLINE_SERVICES, first: 3) { edges { node { productId title } } } }`;
const NO_FAULTS = { latencyMs: 0, jitterMs: 0, rate429: 0, rate5xx: 0, rateDrop: 0 };

function replicas(fleet: Fleet): [Replica, Replica, Replica] {
  const [a, b, c] = fleet.replicas;
  if (!a || !b || !c) throw new Error('expected three replicas');
  return [a, b, c];
}

async function readiness(r: Replica): Promise<unknown> {
  return (await fetch(`${r.url}/ready`)).json();
}

function ok(r: FleetResponse): FleetResponse {
  expect(r.errors).toBeUndefined();
  return r;
}

describe('a cold fleet (default TTLs)', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({ replicas: 3 });
  }, 90_000);
  afterAll(async () => {
    await fleet?.stop();
  });

  it('browses cold on three replicas at once for one upstream call per list, and warm for none', async () => {
    // Every upstream answer takes 200 ms, so the three replicas' loads of each list overlap.
    await fleet.admin('/_sandbox/faults', 'PUT', { ...NO_FAULTS, latencyMs: 200 });
    await fleet.resetCounters();
    const cold = await Promise.all(replicas(fleet).map((r) => r.gql(BROWSE, { country: 'US', first: 10 })));
    for (const r of cold) expect(ok(r).data).toEqual(cold[0]?.data);
    const products = (cold[0]?.data?.products as { edges: { node: { skus: unknown[] } }[] }).edges.map((e) => e.node);
    expect(products).toHaveLength(10);
    const skus = products.flatMap((p) => p.skus);
    expect((await fleet.counters()).routes).toEqual({
      [ROUTE.listProducts]: 1,
      [ROUTE.listSkus]: products.length,
      [ROUTE.listAvailabilities]: skus.length,
    });

    await fleet.resetCounters();
    const warm = await Promise.all(replicas(fleet).map((r) => r.gql(BROWSE, { country: 'US', first: 10 })));
    for (const r of warm) expect(ok(r).data).toEqual(cold[0]?.data);
    expect((await fleet.counters()).total).toBe(0);
  });

  it('with Redis killed, each replica serves the catalog on its own: one upstream call, then its own memory', async () => {
    await fleet.admin('/_sandbox/faults', 'PUT', NO_FAULTS);
    const [a, b] = replicas(fleet);
    await fleet.redis.kill();
    try {
      for (const r of replicas(fleet)) await vi.waitFor(async () => expect(await readiness(r)).toEqual({ ready: true, redis: 'down' }), { timeout: 10_000 });
      await fleet.resetCounters();
      const first = ok(await a.gql(PRODUCTS('DE')));
      expect((await fleet.counters()).routes).toEqual({ [ROUTE.listProducts]: 1 });
      expect(ok(await a.gql(PRODUCTS('DE'))).data).toEqual(first.data);
      expect((await fleet.counters()).routes).toEqual({ [ROUTE.listProducts]: 1 });
      // Another replica has no way to see the first one's memory: it asks Partner Center itself.
      expect(ok(await b.gql(PRODUCTS('DE'))).data).toEqual(first.data);
      expect((await fleet.counters()).routes).toEqual({ [ROUTE.listProducts]: 2 });
      // What Redis held (the US browse) is out of reach too, and is served all the same.
      expect(ok(await b.gql(PRODUCTS('US'))).data).toBeTruthy();
    } finally {
      await fleet.redis.restart();
    }
    for (const r of replicas(fleet)) await vi.waitFor(async () => expect(await readiness(r)).toEqual({ ready: true, redis: 'up' }), { timeout: 15_000 });
  });
});

describe('a fleet during a Partner Center outage (TTL 1 s, no SWR, SIE 1 h)', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({
      replicas: 3,
      gatewayEnv: { CATALOG_CACHE_TTL_S: '1', CATALOG_STALE_WHILE_REVALIDATE_S: '0', CATALOG_STALE_IF_ERROR_S: '3600', UPSTREAM_MAX_ATTEMPTS: '2' },
    });
  }, 90_000);
  afterAll(async () => {
    await fleet?.stop();
  });

  it('answers on every replica from the last good copy, marked stale, after one upstream try; fresh once it is back', async () => {
    const [a, b, c] = replicas(fleet);
    await fleet.admin('/_sandbox/faults', 'PUT', NO_FAULTS);
    // A first catalog read on each replica (another market), so none is slow for being new.
    for (const r of [a, b, c]) ok(await r.gql(PRODUCTS('FR')));
    await fleet.resetCounters();
    const good = ok(await a.gql(PRODUCTS('US')));
    const answeredAt = Date.now();
    expect((await fleet.counters()).routes).toEqual({ [ROUTE.listProducts]: 1 });
    // The entry was fetched before `good` arrived: past this, it is older than the TTL.
    await sleep(Math.max(0, answeredAt + 1_001 - Date.now()));

    // Every attempt fails after 1 s: the replicas' loads overlap, and one of them leads.
    await fleet.admin('/_sandbox/faults', 'PUT', { ...NO_FAULTS, rate5xx: 1, latencyMs: 1_000 });
    await fleet.resetCounters();
    const during = await Promise.all([a, b, c].map((r) => r.gql(PRODUCTS('US'))));
    for (const r of during) {
      expect(ok(r).data).toEqual(good.data);
      expect(r.extensions?.catalog).toEqual({ stale: true, ageSeconds: expect.any(Number) });
      expect((r.extensions?.catalog as { ageSeconds: number }).ageSeconds).toBeGreaterThanOrEqual(1);
    }
    // One load for the fleet: UPSTREAM_MAX_ATTEMPTS attempts, both 503.
    expect((await fleet.counters()).routes).toEqual({ [ROUTE.listProducts]: 2 });

    await fleet.admin('/_sandbox/faults', 'PUT', NO_FAULTS);
    await fleet.resetCounters();
    // For a moment the fleet remembers the outage (no replica asks again); then one load, unmarked.
    await vi.waitFor(async () => expect(ok(await b.gql(PRODUCTS('US'))).extensions?.catalog).toBeUndefined(), { timeout: 10_000, interval: 200 });
    expect((await fleet.counters()).routes).toEqual({ [ROUTE.listProducts]: 1 });
  });
});
