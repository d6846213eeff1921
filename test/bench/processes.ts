// The processes of a benchmark run: each contender, the sandbox and the start-up subjects run as
// their own process, so each one's RSS is its own and a crash is visible. Every process started
// here is stopped by its own pid (or the group it leads), also when the run itself fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ProcessSpec {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Run it as the leader of its own process group, so wrappers (npm, sh, tsx's CLI) go down with it. */
  readonly group?: boolean;
}

export interface Launched {
  readonly label: string;
  readonly pid: number;
  readonly startedAt: number;
  stdout(): string;
  stderr(): string;
  /** Whether it is still running. */
  alive(): boolean;
  /** Its exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A failed or interrupted run must not leave servers behind on a shared machine.
process.once('exit', () => {
  for (const child of running) killTree(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) killTree(child, 'SIGKILL');
    process.exit(130);
  });
}

const groupLeaders = new WeakSet<ChildProcess>();

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // A negative pid signals the group this child leads (and only it: it was spawned detached).
    if (groupLeaders.has(child)) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    /* already gone */
  }
}

/** Only what a shell would have, plus the spec's settings: no REDIS_URL, no AZURE_*, no NODE_ENV unless set. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const v = process.env[k];
    if (v) env[k] = v;
  }
  return env;
}

export function launch(spec: ProcessSpec): Launched {
  const startedAt = performance.now();
  const child = spawn(spec.command, [...spec.args], {
    cwd: ROOT,
    env: { ...baseEnv(), ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: spec.group === true,
  });
  if (child.pid === undefined) throw new Error(`${spec.label}: could not start ${spec.command}`);
  if (spec.group === true) groupLeaders.add(child);
  running.add(child);
  // Keep the output bounded: a chatty process must not grow the bench's own memory.
  let out = '';
  let err = '';
  const keep = (acc: string, d: Buffer) => (acc + d.toString()).slice(-64_000);
  child.stdout?.on('data', (d: Buffer) => (out = keep(out, d)));
  child.stderr?.on('data', (d: Buffer) => (err = keep(err, d)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const pid = child.pid;
  return {
    label: spec.label,
    pid,
    startedAt,
    stdout: () => out,
    stderr: () => err,
    alive: () => child.exitCode === null && child.signalCode === null,
    exited,
    stop: async () => {
      killTree(child, 'SIGTERM');
      const late = setTimeout(() => killTree(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(late);
    },
  };
}

/** A port that was free a moment ago on 127.0.0.1 (the processes take PORT; with LOG_LEVEL=warn they log no URL). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * Polls `url` until it answers 200, and returns the milliseconds since the process was spawned.
 * Polling every 10 ms bounds the error of a start-up time to about 10 ms.
 */
export async function waitUntilReady(proc: Launched, url: string, timeoutMs = 60_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (!proc.alive()) throw new Error(`${proc.label} exited before it was ready:\n${proc.stderr()}${proc.stdout()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - proc.startedAt;
    } catch {
      /* not listening yet */
    }
    if (performance.now() > deadline) throw new Error(`${proc.label} not ready after ${timeoutMs} ms:\n${proc.stderr()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves with the first JSON line on stdout that has `field` (the sandbox logs its URL this way). */
export async function waitForLogField(proc: Launched, field: string, timeoutMs = 30_000): Promise<unknown> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    for (const line of proc.stdout().split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const parsed: unknown = JSON.parse(line);
        if (parsed && typeof parsed === 'object' && field in parsed) return (parsed as Record<string, unknown>)[field];
      } catch {
        /* a partial line */
      }
    }
    if (!proc.alive()) throw new Error(`${proc.label} exited:\n${proc.stderr()}`);
    if (performance.now() > deadline) throw new Error(`${proc.label}: no log line with ${field}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
