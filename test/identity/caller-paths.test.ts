// Caller authentication holds wherever the server executes an operation, not only at the exact path
// /graphql: a trailing slash, a prefix, GET, POST and SSE are all refused without a token. The gateway
// runs as its own process with Azure credentials against a fake Entra ID over HTTPS on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startFakeEntra, type FakeEntra } from '../helpers/fake-entra.js';
import type { Proc } from '../helpers/process.js';
import { startSignedInGateway } from '../helpers/signed-in-gateway.js';

let entra: FakeEntra;
let sandbox: Sandbox;
let proc: Proc;
let base: string;

const QUERY = '{ product(productId: "CFQ7TTC0LH18", country: "US") { title } }';

beforeAll(async () => {
  entra = await startFakeEntra({});
  sandbox = await startSandbox({ auth: { jwksUri: entra.jwksUri(), ca: entra.caPem } });
  ({ proc, base } = await startSignedInGateway(entra, sandbox.url, { LOG_LEVEL: 'info' }));
});
afterAll(async () => {
  if (proc?.child.exitCode === null) proc.child.kill('SIGKILL');
  await sandbox?.close();
  await entra?.close();
});

const post = (path: string, token?: string) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: QUERY }),
  });

const get = (path: string, accept = 'application/graphql-response+json') =>
  fetch(`${base}${path}?query=${encodeURIComponent(QUERY)}`, { headers: { accept, 'x-graphql-csrf': '1' } });

describe('caller authentication on every path that executes', () => {
  it.each(['/graphql', '/graphql/', '/x/graphql', '/graphql?x=1'])('refuses an anonymous POST to %s', async (path) => {
    sandbox.resetCounters();
    const res = await post(path);
    expect([401, 404]).toContain(res.status);
    const body = (await res.json().catch(() => ({}))) as { data?: unknown };
    expect(body.data ?? null).toBeNull();
    expect(sandbox.totalRequests()).toBe(0);
  });

  it.each(['/graphql', '/graphql/', '/x/graphql'])('refuses an anonymous GET and SSE at %s', async (path) => {
    sandbox.resetCounters();
    for (const accept of ['application/graphql-response+json', 'text/event-stream']) {
      const res = await get(path, accept);
      expect([401, 404]).toContain(res.status);
      if (res.status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      await res.body?.cancel();
    }
    expect(sandbox.totalRequests()).toBe(0);
  });

  it('answers 401 with a challenge at /graphql and /graphql/, and 404 at other paths', async () => {
    expect((await post('/graphql')).status).toBe(401);
    expect((await post('/graphql/')).status).toBe(401);
    expect((await post('/x/graphql')).status).toBe(404);
    expect((await post('/graphql/x')).status).toBe(404);
  });

  it('serves a signed-in caller at /graphql, and GraphiQL and health without a token', async () => {
    const token = await entra.mintUserToken({});
    const res = await post('/graphql', token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { product: { title: string } } }).data.product.title).toBeTruthy();
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});
