import { afterEach, describe, expect, it } from 'vitest';
import { ROUTE, startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/index.js';
import { get } from './helpers.js';
import type { WireFault } from './helpers.js';

const open: Sandbox[] = [];
async function sandboxWith(options: SandboxOptions = {}): Promise<Sandbox> {
  const s = await startSandbox({ port: 0, ...options });
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const PRODUCTS = '/products?country=US&targetView=OnlineServices';
const SKUS = '/products/CFQ7TTC0LH18/skus?country=US';

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

describe('scripted faults', () => {
  it('answers a scripted 429 with the gateway throttle body and Retry-After, on the named route only', async () => {
    const s = await sandboxWith();
    s.script({ route: ROUTE.listSkus, kind: 'status', status: 429, retryAfterSeconds: 7 });
    expect((await get(s, PRODUCTS)).status).toBe(200);
    const throttled = await get<unknown>(s, SKUS);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.body).toEqual({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 7 seconds.' });
    expect((await get(s, SKUS)).status).toBe(200);
    expect(s.count(ROUTE.listSkus)).toBe(2);
  });

  it('answers a scripted 503 with an ApiFault', async () => {
    const s = await sandboxWith();
    s.script({ kind: 'status', status: 503 });
    const res = await get<WireFault>(s, PRODUCTS);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 800003, data: [], source: 'PartnerFD' });
    expect(res.headers.get('retry-after')).toBeNull();
  });

  it('drops the connection for a scripted drop, still counting and recording the request', async () => {
    const s = await sandboxWith();
    s.script({ route: ROUTE.getProduct, kind: 'drop' });
    await expect(fetch(`${s.url}/v1/products/CFQ7TTC0LH18?country=US`)).rejects.toThrow();
    expect(s.count(ROUTE.getProduct)).toBe(1);
    expect(s.requests().at(-1)).toMatchObject({ route: ROUTE.getProduct, status: 0 });
    expect((await get(s, '/products/CFQ7TTC0LH18?country=US')).status).toBe(200);
  });

  it('holds a scripted delay, then answers normally', async () => {
    const s = await sandboxWith();
    s.script({ kind: 'delay', delayMs: 300 });
    const held = await timed(() => get(s, PRODUCTS));
    expect(held.value.status).toBe(200);
    expect(held.ms).toBeGreaterThanOrEqual(290);
    const quick = await timed(() => get(s, PRODUCTS));
    expect(quick.ms).toBeLessThan(250);
  });

  it('consumes faults first in, first out, each as many times as asked', async () => {
    const s = await sandboxWith();
    s.script({ kind: 'status', status: 429, times: 2 });
    s.script({ kind: 'status', status: 500 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(s, PRODUCTS)).status);
    expect(statuses).toEqual([429, 429, 500, 200]);
  });

  it('refuses a fault naming an unknown route or lacking its status', async () => {
    const s = await sandboxWith();
    expect(() => s.script({ route: 'GET /v1/nope', kind: 'drop' })).toThrow(/unknown route key/);
    expect(() => s.script({ kind: 'status' })).toThrow();
    expect((await get(s, PRODUCTS)).status).toBe(200);
  });
});

describe('fault rates', () => {
  it('throttles every request at rate429=1, with the configured Retry-After', async () => {
    const s = await sandboxWith({ faults: { rate429: 1, retryAfterSeconds: 3 } });
    for (const path of [PRODUCTS, '/customers']) {
      const res = await get<{ message: string }>(s, path);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(res.body.message).toBe('Rate limit is exceeded. Try again in 3 seconds.');
    }
    s.setFaults({ rate429: 0 });
    expect((await get(s, PRODUCTS)).status).toBe(200);
  });

  it('fails every request at rate5xx=1 and drops every one at rateDrop=1', async () => {
    const s = await sandboxWith({ faults: { rate5xx: 1 } });
    const failed = await get<WireFault>(s, PRODUCTS);
    expect([failed.status, failed.body.source]).toEqual([503, 'PartnerFD']);
    s.setFaults({ rate5xx: 0, rateDrop: 1 });
    await expect(fetch(`${s.url}/v1/customers`)).rejects.toThrow();
    expect(s.totalRequests()).toBe(2);
  });

  it('adds latency plus jitter to every response', async () => {
    const s = await sandboxWith({ faults: { latencyMs: 150, jitterMs: 50 } });
    const { value, ms } = await timed(() => get(s, '/customers?size=1'));
    expect(value.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(145);
  });

  it('repeats the same fault sequence for the same seed', async () => {
    const run = async (seed: number) => {
      const s = await sandboxWith({ seed, faults: { rate429: 0.5 } });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await get(s, '/customers?size=1')).status);
      return statuses;
    };
    const a = await run(11);
    expect(await run(11)).toEqual(a);
    expect(a).toContain(429);
    expect(a).toContain(200);
  });

  it('refuses out-of-range settings and keeps the old ones', async () => {
    const s = await sandboxWith();
    expect(() => s.setFaults({ rate429: 2 })).toThrow();
    expect(() => s.setFaults({ latencyMs: -1 })).toThrow();
    expect((await get(s, PRODUCTS)).status).toBe(200);
  });
});
