// The sandbox is a separate program that happens to ship in the same repository: it imports
// nothing of the gateway, and the gateway reaches it only through one dynamic import, so a
// production process (remote mode) never loads the simulator.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/process.js';

const SRC = join(ROOT, 'src');
const SANDBOX = join(SRC, 'sandbox');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Module specifiers of static imports and re-exports (`import … from`, `export … from`, `import '…'`). */
function staticSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gms)) found.push(m[1] ?? m[2] ?? '');
  return found;
}

describe('src/sandbox imports nothing of the gateway', () => {
  const files = tsFiles(SANDBOX);

  it('finds the sandbox files', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s', (_name, file) => {
    const outside = staticSpecifiers(readFileSync(file, 'utf8')).filter((s) => {
      if (!s.startsWith('.') && !s.startsWith('/')) return false; // node builtins and npm packages
      return relative(SANDBOX, resolve(dirname(file), s)).startsWith('..');
    });
    expect(outside).toEqual([]);
  });
});

describe('the gateway loads the sandbox only dynamically', () => {
  it.each(tsFiles(SRC).filter((f) => !f.startsWith(SANDBOX + '/')).map((f) => [relative(ROOT, f), f]))('%s', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    // Type-only imports are erased at compile time and load nothing.
    const valueImports = [...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gms)].map((m) => m[1] ?? m[2] ?? '');
    const intoSandbox = valueImports.filter((s) => s.startsWith('.') && !relative(SANDBOX, resolve(dirname(file), s)).startsWith('..'));
    expect(intoSandbox).toEqual([]);
  });
});
