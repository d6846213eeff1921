// vitest globalSetup: the system programs that the suites run, from Debian, made sure of once before
// any test file starts. `npm test` (the README's command) and .ci/run both come through here, so a
// fresh Debian machine where the run is root gets them installed, and a machine that cannot install
// them stops the whole run at once with the command to run, instead of skipping or failing suites.
import { spawn } from 'node:child_process';
import { accessSync, constants, writeSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface SystemProgram {
  /** The command as the tests run it: an absolute path, or a name looked up on PATH. */
  command: string;
  /** The Debian package that provides it. */
  pkg: string;
  /** Which tests need it, for the messages. */
  usedBy: string;
}

/** Everything the suites need from outside npm. Nothing else is installed. */
export const SYSTEM_PROGRAMS: readonly SystemProgram[] = [
  // test/helpers/browser.ts launches exactly this path (playwright-core cannot download a browser).
  { command: '/usr/bin/chromium', pkg: 'chromium', usedBy: 'the GraphiQL browser test' },
  // test/helpers/redis-server.ts spawns it from PATH.
  { command: 'redis-server', pkg: 'redis-server', usedBy: 'the tests that start a real Redis' },
];

/** The whole install (update and install) gets this long; a cold chromium install takes minutes. */
export const INSTALL_TIMEOUT_MS = 20 * 60_000;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether a command exists: an absolute path as given, a bare name anywhere on PATH. */
export function commandExists(command: string, path = process.env.PATH ?? ''): boolean {
  if (command.includes('/')) return isExecutable(command);
  return path.split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, command)));
}

/** The programs among `programs` that `exists` does not find. */
export function missingPrograms(
  programs: readonly SystemProgram[],
  exists: (command: string) => boolean,
): SystemProgram[] {
  return programs.filter((p) => !exists(p.command));
}

function describeMissing(missing: readonly SystemProgram[]): string {
  return missing.map((p) => `${p.command} (package ${p.pkg}, for ${p.usedBy})`).join(', ');
}

export type Plan =
  | { action: 'none' }
  | { action: 'install'; packages: string[]; announce: string }
  | { action: 'fail'; message: string };

/** What to do about the missing programs on a machine that is (not) root and has (no) apt-get. */
export function plan(missing: readonly SystemProgram[], machine: { root: boolean; aptGet: boolean }): Plan {
  if (missing.length === 0) return { action: 'none' };
  const packages = [...new Set(missing.map((p) => p.pkg))];
  const what = describeMissing(missing);
  if (machine.root && machine.aptGet) {
    return {
      action: 'install',
      packages,
      announce: `system packages: installing ${packages.join(' ')} with apt-get, because the tests need ${what}`,
    };
  }
  const install = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  const how = !machine.aptGet
    ? `This machine has no apt-get: install the Debian packages ${packages.join(' ')} (or your system's equivalents, ` +
      `so that ${missing.map((p) => p.command).join(' and ')} can be found), then run the tests again.`
    : `The test run installs missing packages itself only when run as root. Run, as root:\n\n    ${install}\n\n` +
      `(or \`sudo ${install.replace(' && ', ' && sudo ')}\`), then run the tests again.`;
  return {
    action: 'fail',
    message: `The test suites need ${what}, and ${missing.length === 1 ? 'it is' : 'they are'} missing. ` +
      `No test was run (none is skipped instead).\n${how}`,
  };
}

export interface CommandResult {
  code: number | null;
  output: string;
  timedOut: boolean;
}

/** Runs a command with its output collected (shown only if it fails), killed after `timeoutMs`. */
export function runCommand(argv: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve) => {
    const [file, ...args] = argv as [string, ...string[]];
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, Math.max(timeoutMs, 0));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, output: `${output}${String(error)}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

export interface Machine {
  exists: (command: string) => boolean;
  root: boolean;
  run: (argv: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number) => Promise<CommandResult>;
  log: (line: string) => void;
  timeoutMs: number;
}

const thisMachine = (): Machine => ({
  exists: (command) => commandExists(command),
  root: process.getuid?.() === 0,
  run: runCommand,
  log: (line) => console.log(line),
  timeoutMs: INSTALL_TIMEOUT_MS,
});

/**
 * Makes sure every program in `programs` exists: quiet when they do; otherwise, as root with apt-get,
 * one `apt-get update` and one `apt-get install` of every missing package; otherwise it throws with
 * the packages and the command to install them.
 */
export async function ensureSystemPrograms(
  programs: readonly SystemProgram[] = SYSTEM_PROGRAMS,
  machine: Machine = thisMachine(),
): Promise<void> {
  const missing = missingPrograms(programs, machine.exists);
  const next = plan(missing, { root: machine.root, aptGet: machine.exists('apt-get') });
  if (next.action === 'none') return;
  if (next.action === 'fail') throw new Error(next.message);

  machine.log(next.announce);
  const deadline = Date.now() + machine.timeoutMs;
  // Waits for another apt/dpkg run (an unattended upgrade, a second test run) instead of failing on its lock.
  const lock = ['-o', `DPkg::Lock::Timeout=${Math.floor(machine.timeoutMs / 4000)}`];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps: string[][] = [
    ['apt-get', ...lock, 'update', '-qq'],
    ['apt-get', ...lock, 'install', '-y', '-qq', ...next.packages],
  ];
  for (const argv of steps) {
    const result = await machine.run(argv, env, deadline - Date.now());
    if (result.code !== 0) {
      const why = result.timedOut
        ? `did not finish within ${Math.round(machine.timeoutMs / 60_000)} minutes`
        : `exited with ${result.code}`;
      throw new Error(
        `\`${argv.join(' ')}\` ${why}, so the tests cannot run (they need ${describeMissing(missing)}).\n` +
          `Its output:\n${result.output.trim()}`,
      );
    }
  }
  const still = missingPrograms(programs, machine.exists);
  if (still.length > 0) {
    throw new Error(`apt-get installed ${next.packages.join(' ')} but ${describeMissing(still)} still cannot be found.`);
  }
}

/**
 * The globalSetup itself. On failure it prints the reason and ends the run with exit code 1 before
 * any test file starts: a thrown error would reach the reader under vitest's misleading "No test
 * files found" and a stack trace.
 */
export default function setup(): Promise<void> {
  return provision();
}

/** ensureSystemPrograms, or the reason printed and exit code 1. */
export async function provision(programs: readonly SystemProgram[] = SYSTEM_PROGRAMS, machine: Machine = thisMachine()): Promise<void> {
  try {
    await ensureSystemPrograms(programs, machine);
  } catch (error) {
    writeSync(2, `\nsystem packages: ${error instanceof Error ? error.message : String(error)}\n\n`);
    process.exit(1);
  }
}
