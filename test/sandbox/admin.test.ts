import { afterEach, describe, expect, it } from 'vitest';
import { ROUTE, startSandbox } from '../../src/sandbox/index.js';
import type { RecordedRequest, Sandbox } from '../../src/sandbox/index.js';
import { get } from './helpers.js';

const open: Sandbox[] = [];
async function fresh(): Promise<Sandbox> {
  const s = await startSandbox({ port: 0 });
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const admin = (s: Sandbox, method: string, path: string, body?: unknown) =>
  fetch(`${s.url}/_sandbox/${path}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });

describe('counters and recorded requests', () => {
  it('counts requests per route key; unmatched ones only in the total', async () => {
    const s = await fresh();
    await get(s, '/products?country=US&targetView=OnlineServices');
    await get(s, '/products?country=XX&targetView=OnlineServices');
    await get(s, '/products/CFQ7TTC0LH18/skus?country=US');
    await get(s, '/nowhere');
    expect(s.counters()).toEqual({ [ROUTE.listProducts]: 2, [ROUTE.listSkus]: 1 });
    expect(s.count(ROUTE.listProducts)).toBe(2);
    expect(s.count(ROUTE.getCustomer)).toBe(0);
    expect(s.totalRequests()).toBe(4);
  });

  it('records each request with its route, query, status and redacted credentials, newest last', async () => {
    const s = await fresh();
    await get(s, '/customers?size=2', { 'MS-RequestId': 'req-1', Authorization: 'Bearer secret-value' });
    await get(s, '/nowhere');
    const log = s.requests();
    expect(log).toHaveLength(2);
    const first = log[0] as RecordedRequest;
    expect(first).toMatchObject({ method: 'GET', path: '/v1/customers', query: { size: '2' }, route: ROUTE.listCustomers, status: 200 });
    expect(first.headers['authorization']).toBe('[redacted]');
    expect(first.headers['ms-requestid']).toBe('req-1');
    expect(JSON.stringify(log)).not.toContain('secret-value');
    expect(Number.isNaN(Date.parse(first.at))).toBe(false);
    expect(log[1]).toMatchObject({ route: 'unmatched', status: 404 });
    s.resetCounters();
    expect([s.requests().length, s.totalRequests(), Object.keys(s.counters()).length]).toEqual([0, 0, 0]);
  });
});

describe('admin endpoints', () => {
  it('reports counters and requests without counting themselves, and resets them', async () => {
    const s = await fresh();
    await get(s, '/customers?size=1');
    const counters = await (await admin(s, 'GET', 'counters')).json();
    expect(counters).toEqual({ total: 1, routes: { [ROUTE.listCustomers]: 1 } });
    const requests = (await (await admin(s, 'GET', 'requests')).json()) as RecordedRequest[];
    expect(requests.map((r) => r.route)).toEqual([ROUTE.listCustomers]);
    expect((await admin(s, 'POST', 'reset')).status).toBe(204);
    expect(s.totalRequests()).toBe(0);
    expect(s.requests()).toEqual([]);
  });

  it('sets fault rates with PUT /_sandbox/faults and validates the body', async () => {
    const s = await fresh();
    const put = await admin(s, 'PUT', 'faults', { rate429: 1, retryAfterSeconds: 9 });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ rate429: 1, retryAfterSeconds: 9, rate5xx: 0 });
    const throttled = await get(s, '/customers');
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '9']);
    for (const bad of [{ rate429: 'lots' }, { rate5xx: 1.5 }, { unknownSetting: 1 }, 'not json']) {
      const res = await admin(s, 'PUT', 'faults', bad);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message.length).toBeGreaterThan(0);
    }
    expect(await (await admin(s, 'GET', 'faults')).json()).toMatchObject({ rate429: 1, retryAfterSeconds: 9 });
  });

  it('queues a scripted fault with POST /_sandbox/script and validates it', async () => {
    const s = await fresh();
    expect((await admin(s, 'POST', 'script', { route: ROUTE.getCustomer, kind: 'status', status: 503 })).status).toBe(204);
    expect((await get(s, '/customers?size=1')).status).toBe(200);
    expect((await get(s, '/customers/00000000-0000-4000-8000-000000000000')).status).toBe(503);
    for (const bad of [{ kind: 'explode' }, { kind: 'status' }, { kind: 'drop', route: 'GET /v1/unknown' }, { kind: 'drop', times: 0 }]) {
      expect((await admin(s, 'POST', 'script', bad)).status).toBe(400);
    }
    expect((await get(s, '/customers?size=1')).status).toBe(200);
  });

  it('answers unknown admin paths with 404 and wrong methods with 405', async () => {
    const s = await fresh();
    expect((await admin(s, 'GET', 'nothing')).status).toBe(404);
    expect((await admin(s, 'DELETE', 'counters')).status).toBe(405);
    expect(s.totalRequests()).toBe(0);
  });
});
