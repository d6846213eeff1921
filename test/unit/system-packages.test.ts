// The globalSetup that provisions Debian's chromium and redis-server, on machines made up here:
// which programs are missing, what it installs as root with apt-get, and how it stops otherwise.
import { describe, expect, it } from 'vitest';
import {
  commandExists,
  ensureSystemPrograms,
  missingPrograms,
  plan,
  SYSTEM_PROGRAMS,
  type CommandResult,
  type Machine,
} from '../helpers/system-packages.js';

/** A machine where `present` commands exist (apt-get among them unless left out) and installs succeed. */
function machine(opts: { present: string[]; root: boolean; results?: CommandResult[]; installs?: string[] }) {
  const present = new Set(opts.present);
  const ran: string[][] = [];
  const logged: string[] = [];
  const results = [...(opts.results ?? [])];
  const m: Machine = {
    exists: (c) => present.has(c),
    root: opts.root,
    run: async (argv, env) => {
      ran.push([...argv]);
      expect(env.DEBIAN_FRONTEND).toBe('noninteractive');
      const result = results.shift() ?? { code: 0, output: '', timedOut: false };
      if (result.code === 0 && argv.includes('install')) for (const c of opts.installs ?? []) present.add(c);
      return result;
    },
    log: (line) => logged.push(line),
    timeoutMs: 20 * 60_000,
  };
  return { m, ran, logged };
}

describe('system packages for the tests', () => {
  it('needs /usr/bin/chromium and redis-server, from the packages chromium and redis-server', () => {
    expect(SYSTEM_PROGRAMS.map((p) => [p.command, p.pkg])).toEqual([
      ['/usr/bin/chromium', 'chromium'],
      ['redis-server', 'redis-server'],
    ]);
  });

  it('looks bare names up on PATH and absolute paths as given', () => {
    expect(commandExists('sh', '/usr/bin:/bin')).toBe(true);
    expect(commandExists('sh', '/nonexistent')).toBe(false);
    expect(commandExists('/bin/sh', '')).toBe(true);
    expect(commandExists('/nonexistent/chromium')).toBe(false);
    expect(missingPrograms(SYSTEM_PROGRAMS, (c) => c === '/usr/bin/chromium').map((p) => p.pkg)).toEqual(['redis-server']);
  });

  it('does nothing, quietly, when everything is there', async () => {
    const { m, ran, logged } = machine({ present: ['/usr/bin/chromium', 'redis-server', 'apt-get'], root: true });
    await ensureSystemPrograms(SYSTEM_PROGRAMS, m);
    expect(ran).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('as root with apt-get: one update, one install of every missing package, and one line saying why', async () => {
    const { m, ran, logged } = machine({ present: ['apt-get'], root: true, installs: ['/usr/bin/chromium', 'redis-server'] });
    await ensureSystemPrograms(SYSTEM_PROGRAMS, m);
    expect(ran.map((a) => a.filter((x) => !x.startsWith('-o') && !x.startsWith('DPkg')))).toEqual([
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-qq', 'chromium', 'redis-server'],
    ]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/installing chromium redis-server with apt-get, because the tests need .*browser test.*Redis/);
  });

  it('installs only what is missing', async () => {
    const { m, ran } = machine({ present: ['apt-get', '/usr/bin/chromium'], root: true, installs: ['redis-server'] });
    await ensureSystemPrograms(SYSTEM_PROGRAMS, m);
    expect(ran[1]?.slice(-1)).toEqual(['redis-server']);
    expect(ran[1]).not.toContain('chromium');
  });

  it('not root: stops at once, naming the packages and the command, and installs nothing', async () => {
    const { m, ran } = machine({ present: ['apt-get', 'redis-server'], root: false });
    const run = ensureSystemPrograms(SYSTEM_PROGRAMS, m);
    await expect(run).rejects.toThrow(/\/usr\/bin\/chromium \(package chromium.*No test was run.*apt-get update && apt-get install -y chromium/s);
    expect(ran).toEqual([]);
  });

  it('no apt-get: stops at once, naming the packages', () => {
    const next = plan(SYSTEM_PROGRAMS, { root: true, aptGet: false });
    expect(next.action).toBe('fail');
    expect(next.action === 'fail' && next.message).toMatch(/no apt-get: install the Debian packages chromium redis-server/);
  });

  it('a failed or timed-out apt-get stops the run with its output', async () => {
    const failed = machine({ present: ['apt-get'], root: true, results: [{ code: 100, output: 'E: Could not get lock', timedOut: false }] });
    await expect(ensureSystemPrograms(SYSTEM_PROGRAMS, failed.m)).rejects.toThrow(/update -qq` exited with 100.*Could not get lock/s);
    expect(failed.ran).toHaveLength(1);

    const slow = machine({ present: ['apt-get'], root: true, results: [{ code: 0, output: '', timedOut: false }, { code: null, output: '', timedOut: true }] });
    await expect(ensureSystemPrograms(SYSTEM_PROGRAMS, slow.m)).rejects.toThrow(/did not finish within 20 minutes/);
  });

  it('an install that leaves a program missing stops the run', async () => {
    const { m } = machine({ present: ['apt-get'], root: true, installs: ['/usr/bin/chromium'] });
    await expect(ensureSystemPrograms(SYSTEM_PROGRAMS, m)).rejects.toThrow(/redis-server \(package redis-server.*still cannot be found/);
  });
});
