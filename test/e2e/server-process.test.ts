// The gateway as an operator runs it: `npm start` in its own process over the embedded sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEntry, type Proc } from '../helpers/process.js';

describe('npm start (gateway process over the embedded sandbox)', () => {
  let proc: Proc;
  let url: string;

  beforeAll(async () => {
    proc = runEntry('src/server.ts', { PORT: '0' });
    const line = await proc.waitForLog('url');
    url = String(line.url);
    expect(line.mode).toBe('sandbox');
  });
  afterAll(async () => {
    if (proc.child.exitCode !== null) return;
    // SIGTERM first: tsx passes it on to the gateway it runs. A SIGKILL would end only tsx's own
    // process and leave the gateway running, orphaned, when the SIGTERM test below did not run.
    proc.child.kill('SIGTERM');
    const killed = setTimeout(() => proc.child.kill('SIGKILL'), 5_000);
    await proc.exit;
    clearTimeout(killed);
  });

  it('serves the catalog query of GraphiQL', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ products(country: "US", targetView: ONLINE_SERVICES, first: 3) { edges { node { productId title skus { skuId } } } } }' }),
    });
    const body = (await res.json()) as { data: { products: { edges: { node: { productId: string } }[] } } };
    expect(res.status).toBe(200);
    expect(body.data.products.edges).toHaveLength(3);
  });

  it('serves GraphiQL from its own assets, with the example query', async () => {
    const res = await fetch(url, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('BrowseCatalog');
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr|esm\.sh/);
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
  });

  it('answers /health and /ready', async () => {
    const base = url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it('logs JSON lines with the correlation id and says it runs open in sandbox mode', () => {
    const first = proc.stdout().split('\n').find((l) => l.includes('gateway listening'));
    expect(first).toBeDefined();
    expect(JSON.parse(first ?? '{}')).toMatchObject({ mode: 'sandbox', note: expect.stringContaining('no caller authentication') });
  });

  it('shuts down gracefully on SIGTERM', async () => {
    proc.child.kill('SIGTERM');
    expect(await proc.exit).toBe(0);
    expect(proc.stdout()).toContain('shutting down');
  });
});

describe('invalid settings', () => {
  it('stop start-up in sandbox mode with one report of the gateway and sandbox problems and exit code 2', async () => {
    const proc = runEntry('src/server.ts', { PORT: 'eighty', LOG_LEVEL: 'chatty', SANDBOX_RATE_5XX: '3', CURSOR_SIGNING_KEY: 'hunter2-secret' });
    expect(await proc.exit).toBe(2);
    const report = proc.stderr();
    expect(report).toMatch(/Invalid settings \(4\); nothing was started:/);
    for (const name of ['PORT', 'LOG_LEVEL', 'SANDBOX_RATE_5XX', 'CURSOR_SIGNING_KEY']) expect(report).toContain(`- ${name}:`);
    expect(report).not.toContain('hunter2-secret');
    expect(proc.stdout()).toBe('');
  });

  it('leave the SANDBOX_* settings alone in remote mode, where no sandbox runs', async () => {
    const proc = runEntry('src/server.ts', { PORT: 'eighty', SANDBOX_RATE_5XX: '3', AZURE_CLIENT_SECRET: 'hunter2-secret' });
    expect(await proc.exit).toBe(2);
    const report = proc.stderr();
    expect(report).toMatch(/Invalid settings \(3\); nothing was started:/);
    for (const name of ['PORT', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID']) expect(report).toContain(`- ${name}:`);
    expect(report).not.toContain('SANDBOX_RATE_5XX');
    expect(report).not.toContain('hunter2-secret');
    expect(proc.stdout()).toBe('');
  });
});

describe('npm run sandbox', () => {
  it('serves the simulator alone', async () => {
    const proc = runEntry('src/sandbox/main.ts', { SANDBOX_PORT: '0' });
    try {
      const line = await proc.waitForLog('url');
      const res = await fetch(`${String(line.url)}/v1/products?country=US&targetView=OnlineServices`);
      const body = (await res.json()) as { items: unknown[]; attributes: { objectType: string } };
      expect(body.attributes.objectType).toBe('Collection');
      expect(body.items.length).toBeGreaterThanOrEqual(12);
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exit;
    }
  });
});
