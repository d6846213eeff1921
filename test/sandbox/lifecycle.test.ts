import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROUTE, startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** One GET over a keep-alive agent; the socket stays open afterwards. */
function keepAliveGet(s: Sandbox, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${s.url}/v1/customers?size=1`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function timedClose(s: Sandbox): Promise<number> {
  const start = performance.now();
  await s.close();
  return performance.now() - start;
}

describe('startSandbox / close', () => {
  it('listens on loopback at a free port and reports its URL', async () => {
    const s = await startSandbox();
    try {
      expect(s.port).toBeGreaterThan(0);
      expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
    } finally {
      await s.close();
    }
  });

  it('closes promptly while a keep-alive connection is open', async () => {
    const s = await startSandbox({ port: 0 });
    const agent = new Agent({ keepAlive: true });
    try {
      expect(await keepAliveGet(s, agent)).toBe(200);
      expect(Object.values(agent.freeSockets).flat().length).toBe(1);
      expect(await timedClose(s)).toBeLessThan(1000);
      await expect(fetch(`${s.url}/v1/customers`)).rejects.toThrow();
    } finally {
      agent.destroy();
    }
  });

  it('closes promptly while a request body is still arriving', async () => {
    const s = await startSandbox({ port: 0 });
    const socket = connect(s.port, '127.0.0.1');
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    // Headers complete, body promised but never sent: the server is mid-request on this socket.
    socket.write('GET /v1/customers HTTP/1.1\r\nHost: sandbox\r\nContent-Length: 100\r\n\r\n{"partial":');
    while (s.count(ROUTE.listCustomers) === 0) await new Promise((r) => setTimeout(r, 5));
    expect(await timedClose(s)).toBeLessThan(1000);
    await ended;
  });

  it('closes promptly while a response is held, failing that request', async () => {
    const s = await startSandbox({ port: 0 });
    s.script({ route: ROUTE.listCustomers, kind: 'delay', delayMs: 20_000 });
    const pending = fetch(`${s.url}/v1/customers`);
    const settled = pending.then(() => 'answered', () => 'failed');
    while (s.count(ROUTE.listCustomers) === 0) await new Promise((r) => setTimeout(r, 5));
    expect(await timedClose(s)).toBeLessThan(1000);
    expect(await settled).toBe('failed');
    await s.close(); // idempotent
  });
});

describe('npm run sandbox (main.ts)', () => {
  const run = (env: Record<string, string>) =>
    spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], { cwd: root, env: { ...process.env, ...env }, stdio: 'pipe' });

  it('logs one JSON line with the URL, serves, and exits 0 on SIGTERM', async () => {
    const child = run({ SANDBOX_PORT: '0', SANDBOX_SEED: '3', LOG_LEVEL: 'info' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const end = out.indexOf('\n');
        if (end >= 0) resolve(out.slice(0, end));
      });
      child.on('exit', () => reject(new Error(`exited before logging: ${out}`)));
    });
    const log = JSON.parse(line) as { url: string; seed: number };
    expect(log.seed).toBe(3);
    expect((await fetch(`${log.url}/v1/customers?size=1`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('reports invalid settings on stderr and exits 2', async () => {
    const child = run({ SANDBOX_RATE_429: '5' });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).toContain('SANDBOX_RATE_429');
  });
});
