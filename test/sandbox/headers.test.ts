import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { get } from './helpers.js';
import type { WireFault } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const ids = { 'MS-RequestId': '9f1c4b8e-1111-4a4a-9999-000000000001', 'MS-CorrelationId': '9f1c4b8e-2222-4a4a-9999-000000000002' };

describe('response headers', () => {
  it('echoes the ids twice on catalog routes, as the catalog samples do', async () => {
    const res = await get(sandbox, '/products?country=US&targetView=OnlineServices', { ...ids, 'X-Locale': 'de-DE', 'MS-CV': 'abc123.1' });
    expect(res.headers.get('ms-requestid')).toBe(`${ids['MS-RequestId']},${ids['MS-RequestId']}`);
    expect(res.headers.get('ms-correlationid')).toBe(`${ids['MS-CorrelationId']},${ids['MS-CorrelationId']}`);
    expect(res.headers.get('x-locale')).toBe('de-DE');
    expect(res.headers.get('ms-cv')).toBe('abc123.1.0');
  });

  it('echoes them once elsewhere, and on faults too', async () => {
    const customers = await get(sandbox, '/customers?size=1', ids);
    expect(customers.headers.get('ms-requestid')).toBe(ids['MS-RequestId']);
    expect(customers.headers.get('ms-correlationid')).toBe(ids['MS-CorrelationId']);
    const missing = await get<WireFault>(sandbox, '/customers/not-a-guid', ids);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('ms-requestid')).toBe(ids['MS-RequestId']);
  });

  it('generates a request id, a correlation vector and the service headers when the caller sends none', async () => {
    const res = await fetch(`${sandbox.url}/v1/customers?size=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('ms-requestid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(res.headers.get('ms-correlationid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('ms-cv')).toMatch(/^[A-Za-z0-9+/]{16}\.0$/);
    expect(res.headers.get('ms-serverid')).toMatch(/^\d+$/);
    expect(res.headers.get('x-locale')).toBe('en-US');
    expect(Number.isNaN(Date.parse(res.headers.get('date') ?? ''))).toBe(false);
  });

  it('answers a known path with the wrong method with 405', async () => {
    const res = await fetch(`${sandbox.url}/v1/products?country=US&targetView=OnlineServices`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(((await res.json()) as WireFault).source).toBe('PartnerFD');
  });

  it('matches path literals case-insensitively', async () => {
    const res = await get(sandbox, '/V1/Products/CFQ7TTC0LH18?country=US');
    expect(res.status).toBe(200);
  });
});
