// Three gateway processes over one redis-server and one sandbox process: the fleet starts, every
// replica serves, /ready reports Redis, and a replica keeps serving while Redis is down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({ replicas: 3 });
}, 60_000);
afterAll(async () => {
  await fleet?.stop();
});

const PRODUCT = '{ product(productId: "CFQ7TTC0LH18", country: "US") { title } }';

describe('a fleet of three replicas over Redis', () => {
  it('serves from every replica and reports Redis as up', async () => {
    for (const r of fleet.replicas) {
      const answer = await r.gql(PRODUCT);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ product: { title: 'Microsoft 365 Business Basic' } });
      const ready = await fetch(`${r.url}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true, redis: 'up' });
    }
  });

  it('keeps serving while Redis is down, says so on /ready, and recovers when it returns', async () => {
    await fleet.redis.kill();
    try {
      const r = fleet.replicas[1];
      if (!r) throw new Error('no replica');
      const answer = await r.gql('{ product(productId: "CFQ7TTC0LCHC", country: "US") { title } }');
      expect(answer.errors).toBeUndefined();
      await expect.poll(async () => (await (await fetch(`${r.url}/ready`)).json()) as unknown, { timeout: 5_000 }).toEqual({ ready: true, redis: 'down' });
    } finally {
      await fleet.redis.restart();
    }
    for (const r of fleet.replicas) {
      await expect.poll(async () => (await (await fetch(`${r.url}/ready`)).json()) as unknown, { timeout: 10_000 }).toEqual({ ready: true, redis: 'up' });
    }
  });
});
