// A real redis-server (Debian's package, made sure of by test/helpers/system-packages.ts) for one
// test, on a free loopback port, with nothing persisted. No Redis client here: readiness is a PING
// over a raw socket. The server can be stopped, killed (a crash) and restarted on the same port.
//
// No server outlives the test run: every live one is killed when its test process exits, and each
// writes a pid file into the run's directory, which this module's globalSetup teardown reaps (for a
// worker that died without running its exit handlers).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = 'redis-server';
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;
/** Set by the globalSetup below; the directory where each live server has a pid file. */
export const PID_DIR_ENV = 'GATEWAY_TEST_REDIS_PIDS';

export interface RedisServer {
  readonly port: number;
  /** redis://127.0.0.1:port */
  readonly url: string;
  /** The running server's pid (undefined while stopped). */
  readonly pid: number | undefined;
  /** SIGTERM, and resolves once the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL (a crash), and resolves once the process has exited. */
  kill(): Promise<void>;
  /** Starts the server again on the same port (stopping it first if it runs); resolves on PONG. */
  restart(): Promise<void>;
}

/** Each live server, with its pid file (if the run keeps them). */
const live = new Map<ChildProcess, string | undefined>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers may only do synchronous work; kill() is.
  process.on('exit', () => {
    for (const [child, file] of live) {
      child.kill('SIGKILL');
      if (file) rmSync(file, { force: true });
    }
  });
}

/** A port nobody listens on now: bind port 0 on loopback, read it, release it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port from listen(0)'))));
    });
  });
}

/** One PING over a raw socket (RESP); resolves with the first reply line, e.g. '+PONG'. */
export function ping(port: number, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: HOST, port });
    let reply = '';
    const done = (error: Error | null, line?: string) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(line as string);
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no reply to PING on ${HOST}:${port} within ${timeoutMs} ms`)));
    socket.once('error', (error) => done(error));
    socket.once('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.on('data', (d: Buffer) => {
      reply += d.toString('latin1');
      const end = reply.indexOf('\r\n');
      if (end >= 0) done(null, reply.slice(0, end));
    });
    socket.once('end', () => done(new Error(`connection closed before a reply to PING: ${JSON.stringify(reply)}`)));
  });
}

function args(port: number): string[] {
  return ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'];
}

function pidFile(pid: number | undefined): string | undefined {
  const dir = process.env[PID_DIR_ENV];
  return dir && pid ? join(dir, String(pid)) : undefined;
}

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

/** Spawns redis-server on `port` and resolves once it answers PING; rejects with its output otherwise. */
async function launch(port: number): Promise<Running> {
  installExitHook();
  const child = spawn(REDIS_SERVER, args(port), { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
  const file = pidFile(child.pid);
  if (file) writeFileSync(file, `${port}\n`);
  live.set(child, file);
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitedWith: string | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    const gone = (why: string) => {
      if (exitedWith !== undefined) return;
      exitedWith = why;
      live.delete(child);
      if (file) rmSync(file, { force: true });
      resolve();
    };
    child.once('error', (error) => {
      spawnError = error;
      gone(String(error));
    });
    child.once('exit', (code, signal) => gone(signal ? `signal ${signal}` : `code ${code}`));
  });

  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) {
      const hint = spawnError && (spawnError as NodeJS.ErrnoException).code === 'ENOENT'
        ? ' (redis-server is not installed: apt-get install redis-server; npm test installs it as root)'
        : '';
      throw new Error(`redis-server on port ${port} exited (${exitedWith}) before answering PING${hint}:\n${output}`);
    }
    try {
      last = await ping(port, 500);
      if (last === '+PONG') return { child, exited, output: () => output };
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  await exited;
  throw new Error(`redis-server on port ${port} did not answer PING within ${START_TIMEOUT_MS} ms (last: ${last}):\n${output}`);
}

async function signalAndWait(running: Running, signal: NodeJS.Signals): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return running.exited;
  running.child.kill(signal);
  const timer = setTimeout(() => running.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await running.exited;
  clearTimeout(timer);
}

/** Starts a redis-server on a free loopback port; resolves once it answers PING. */
export async function startRedis(): Promise<RedisServer> {
  // Another process may take the free port between the probe and redis-server's bind: try a new one.
  let running: Running | undefined;
  let port = 0;
  for (let attempt = 1; !running; attempt++) {
    port = await freePort();
    try {
      running = await launch(port);
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/i.test(String(error))) throw error;
    }
  }
  let current: Running | undefined = running;
  return {
    port,
    url: `redis://${HOST}:${port}`,
    get pid() {
      return current?.child.pid;
    },
    async stop() {
      if (current) await signalAndWait(current, 'SIGTERM');
      current = undefined;
    },
    async kill() {
      if (current) await signalAndWait(current, 'SIGKILL');
      current = undefined;
    },
    async restart() {
      if (current) await signalAndWait(current, 'SIGTERM');
      current = undefined;
      current = await launch(port);
    },
  };
}

/** Whether `pid` is still the redis-server that listens on `port` (not a reused pid). */
function isRedisServer(pid: number, port: string): boolean {
  try {
    // redis-server rewrites its command line to "redis-server 127.0.0.1:port"; comm stays its name.
    return (
      readFileSync(`/proc/${pid}/comm`, 'latin1').trim() === REDIS_SERVER &&
      readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(`:${port}`)
    );
  } catch {
    return false;
  }
}

/** globalSetup: a directory for the pid files of this run's servers, inherited by the test workers. */
export function setup(): void {
  process.env[PID_DIR_ENV] = mkdtempSync(join(tmpdir(), 'gateway-redis-pids-'));
}

/** globalSetup teardown: kills any server a test process left behind (it died without its exit hook). */
export function teardown(): void {
  const dir = process.env[PID_DIR_ENV];
  if (!dir) return;
  reapLeftovers(dir);
  rmSync(dir, { recursive: true, force: true });
  delete process.env[PID_DIR_ENV];
}

/** Kills every redis-server that has a pid file in `dir`; returns the pids it killed. */
export function reapLeftovers(dir: string): number[] {
  const killed: number[] = [];
  for (const name of readdirSync(dir)) {
    const pid = Number(name);
    let port = '';
    try {
      port = readFileSync(join(dir, name), 'utf8').trim();
    } catch {
      /* removed meanwhile: that server has exited */
    }
    if (Number.isInteger(pid) && pid > 0 && /^\d+$/.test(port) && isRedisServer(pid, port)) {
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        /* already gone */
      }
    }
    try {
      unlinkSync(join(dir, name));
    } catch {
      /* already gone */
    }
  }
  return killed;
}
