// GATEWAY_WORKERS=2: the gateway as one primary and two workers on one port over one embedded
// sandbox. Both workers serve (their log lines name them), a cursor issued by one verifies on the
// other, and SIGTERM stops the primary and both workers cleanly.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEntry, type Proc } from '../helpers/process.js';

interface Line {
  msg?: string;
  worker?: number;
  pid?: number;
  url?: string;
  workers?: number;
  notShared?: string[];
}

/** POSTs a query on a connection of its own, so the primary hands each request to the next worker. */
function post(url: string, query: string): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', connection: 'close' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { data?: unknown; errors?: unknown[] } }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('GATEWAY_WORKERS=2 (one primary, two workers, one sandbox)', () => {
  let proc: Proc;
  let url: string;
  const lines = (): Line[] =>
    proc
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Line);
  const workerPids = () => lines().flatMap((l) => (l.msg === 'worker listening' && l.pid ? [l.pid] : []));

  beforeAll(async () => {
    proc = runEntry('src/server.ts', { PORT: '0', GATEWAY_WORKERS: '2', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '2000' });
    const line = await proc.waitForLog('url', 30_000);
    url = String(line.url);
    expect(line).toMatchObject({ mode: 'sandbox', workers: 2 });
  });
  afterAll(async () => {
    // Whatever happened above, no process outlives the test.
    const pids = workerPids();
    if (proc.child.exitCode === null) {
      proc.child.kill('SIGTERM');
      const killed = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
      await proc.exit;
      clearTimeout(killed);
    }
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('says at start what the workers do not share without REDIS_URL', () => {
    const warning = lines().find((l) => l.notShared);
    expect(warning?.workers).toBe(2);
    expect(warning?.notShared?.join('\n')).toMatch(/catalog cache[\s\S]*idempotency[\s\S]*recent orders[\s\S]*budget/);
  });

  it('serves from both workers', async () => {
    expect(new Set(workerPids()).size).toBe(2);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => post(url, '{ products(country: "US", targetView: ONLINE_SERVICES, first: 2) { edges { node { productId } } } }')),
    );
    expect(answers.every((a) => a.status === 200 && a.body.errors === undefined)).toBe(true);
    const served = new Set(lines().flatMap((l) => (l.msg === 'graphql operation' && l.worker !== undefined ? [l.worker] : [])));
    expect(served.size).toBe(2);
  });

  it('accepts on every worker a cursor issued by any of them', async () => {
    const first = await post(url, '{ customers(first: 2) { pageInfo { endCursor hasNextPage } } }');
    const page = (first.body.data as { customers: { pageInfo: { endCursor: string; hasNextPage: boolean } } }).customers.pageInfo;
    expect(page.hasNextPage).toBe(true);
    const next = await Promise.all(Array.from({ length: 6 }, () => post(url, `{ customers(first: 2, after: "${page.endCursor}") { edges { node { customerId } } } }`)));
    expect(next.map((r) => r.body.errors)).toEqual(Array.from({ length: 6 }, () => undefined));
  });

  it('stops the primary and both workers on SIGTERM, each cleanly', async () => {
    const pids = workerPids();
    proc.child.kill('SIGTERM');
    expect(await proc.exit).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    expect(proc.stderr()).not.toMatch(/Error|failed/);
  });
});
