// package.json promises a Node version (engines.node). Every package the lockfile installs must run
// on the oldest Node that range admits, or `npm ci` on that Node installs code that may not start
// (npm only warns on an engines mismatch). Overrides in package.json pin the packages whose newest
// releases dropped Node 20.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/process.js';

interface LockedPackage {
  version?: string;
  engines?: Record<string, string> | string[];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };

const range = manifest.engines.node;
const oldest = semver.minVersion(range)?.version;

describe('engines', () => {
  it('package.json names a Node range with a lowest version on Node 20', () => {
    expect(oldest).toBeDefined();
    expect(semver.major(oldest ?? '0.0.0')).toBe(20);
  });

  it('no locked package declares an engines.node range that excludes the oldest Node package.json admits', () => {
    const excluding = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, pkg]) => {
        // Old packages may still write engines as an array; only the object form names node.
        const node = pkg.engines && !Array.isArray(pkg.engines) ? pkg.engines.node : undefined;
        return node !== undefined && !semver.satisfies(oldest ?? '0.0.0', node) ? [`${path}@${pkg.version} wants node ${node}`] : [];
      });
    expect(excluding, `packages that do not run on Node ${oldest} (package.json: ${range})`).toEqual([]);
  });
});
