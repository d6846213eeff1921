// `npm run build` into a temporary outDir under test/bench/.build (not dist/, which others may be
// using), for the start-up figures and the built-server contender. It lives inside the project so
// the compiled files find node_modules and package.json's "type": "module"; removed after the run.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, ROOT } from './processes.js';

export interface Build {
  /** The compiled src/server.ts, when tsc wrote it. */
  readonly serverPath?: string;
  readonly ms: number;
  /** tsc's complaint, if any: it still emits on type errors (someone's edit in progress). */
  readonly problem?: string;
  remove(): Promise<void>;
}

export async function buildGateway(): Promise<Build> {
  const outDir = join(ROOT, 'test/bench/.build', String(process.pid));
  const started = performance.now();
  const tsc = launch({
    label: 'tsc',
    command: process.execPath,
    args: [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.config/tsconfig.build.json', '--outDir', outDir],
    env: {},
  });
  const code = await tsc.exited;
  const ms = performance.now() - started;
  const serverPath = join(outDir, 'server.js');
  return {
    ms,
    ...(existsSync(serverPath) ? { serverPath } : {}),
    ...(code === 0 ? {} : { problem: `tsc exited ${code}: ${tsc.stdout().trim().split('\n')[0] ?? ''}` }),
    remove: () => rm(outDir, { recursive: true, force: true }),
  };
}
