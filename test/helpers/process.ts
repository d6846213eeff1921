// Runs a project entry point as its own process, the way `npm start` / `npm run sandbox` do.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout JSON log line that has the given field. */
  waitForLog(field: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  exit: Promise<number | null>;
}

export function runEntry(entry: string, env: Record<string, string>): Proc {
  // A clean environment: only what a shell would have plus what the test sets.
  const base: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[k]) base[k] = process.env[k] as string;
  // tsx as a loader in the same process (not its CLI, which runs the entry in a child): a signal,
  // SIGKILL included, reaches the gateway itself, and no orphan outlives a killed test process.
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    waitForLog: (field, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const tick = () => {
          for (const line of out.split('\n')) {
            if (!line.startsWith('{')) continue;
            try {
              const obj = JSON.parse(line) as Record<string, unknown>;
              if (field in obj) return resolve(obj);
            } catch {
              /* a partial line; wait for the rest */
            }
          }
          if (child.exitCode !== null) return reject(new Error(`process exited ${child.exitCode}: ${err}`));
          if (Date.now() - started > timeoutMs) return reject(new Error(`no log with ${field}: ${out}${err}`));
          setTimeout(tick, 50);
        };
        tick();
      }),
  };
}
