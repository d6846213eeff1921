// The redis-server helper: a real server on a free loopback port that answers PING, can crash
// (SIGKILL) and come back on the same port, and never outlives the process that started it.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PID_DIR_ENV, ping, reapLeftovers, startRedis, type RedisServer } from '../helpers/redis-server.js';

const HELPER = fileURLToPath(new URL('../helpers/redis-server.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));

/** Resolves with the connection's fate: 'refused' on ECONNREFUSED, 'connected' otherwise. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : String(error)));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return !alive(pid);
}

/**
 * Runs a Node process that starts a server through the helper, prints its pid, and then either
 * exits normally or waits to be SIGKILLed; resolves with the server's pid once the process is gone.
 */
async function serverOfAChild(ending: 'exit' | 'sigkill', env: Record<string, string>): Promise<number> {
  const code = `
    import { startRedis } from ${JSON.stringify(HELPER)};
    const redis = await startRedis();
    console.log('pid ' + redis.pid);
    ${ending === 'exit' ? 'process.exit(0);' : 'setInterval(() => {}, 1000);'}
  `;
  const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', code], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /pid (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`child exited before printing a pid: ${out}${err}`)));
  });
  if (ending === 'sigkill') child.kill('SIGKILL');
  await exited;
  return pid;
}

describe('redis-server helper', () => {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('starts on a free loopback port, survives a crash by restarting on the same port', async () => {
    redis = await startRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await ping(redis.port)).toBe('+PONG');
    // The run's globalSetup gave this worker a pid-file directory, and the server is in it.
    const pids = process.env[PID_DIR_ENV];
    expect(pids).toBeTruthy();
    expect(await readdir(pids as string)).toContain(String(redis.pid));

    const crashed = redis.pid as number;
    await redis.kill();
    expect(alive(crashed)).toBe(false);
    expect(redis.pid).toBeUndefined();
    expect(await readdir(pids as string)).not.toContain(String(crashed));
    expect(await tryConnect(redis.port)).toBe('refused');

    await redis.restart();
    expect(redis.pid).not.toBe(crashed);
    expect(await ping(redis.port)).toBe('+PONG');
  });

  it('stop() ends the process and frees the port', async () => {
    redis = await startRedis();
    const pid = redis.pid as number;
    await redis.stop();
    expect(alive(pid)).toBe(false);
    expect(await tryConnect(redis.port)).toBe('refused');
  });

  it('a test process that exits takes its servers with it', async () => {
    const pid = await serverOfAChild('exit', {});
    expect(await waitUntilGone(pid)).toBe(true);
  });

  it('a server whose test process was SIGKILLed is reaped from the pid files at the end of the run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'redis-pids-test-'));
    try {
      const pid = await serverOfAChild('sigkill', { [PID_DIR_ENV]: dir });
      expect(alive(pid)).toBe(true); // orphaned: no exit hook ran
      expect(await readdir(dir)).toEqual([String(pid)]);
      expect(reapLeftovers(dir)).toEqual([pid]);
      expect(await waitUntilGone(pid)).toBe(true);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      reapLeftovers(dir);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
