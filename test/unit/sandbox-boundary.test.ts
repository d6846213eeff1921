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

describe('the sandbox and the gateway stay apart', () => {
  it('src/sandbox imports nothing of the gateway', () => {
    const files = tsFiles(SANDBOX);
    expect(files.length).toBeGreaterThan(30);
    const offenders = files.flatMap((file) =>
      staticSpecifiers(readFileSync(file, 'utf8'))
        // node builtins and npm packages are fine; a relative path must stay inside src/sandbox
        .filter((s) => (s.startsWith('.') || s.startsWith('/')) && relative(SANDBOX, resolve(dirname(file), s)).startsWith('..'))
        .map((s) => `${relative(ROOT, file)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the gateway loads the sandbox only dynamically', () => {
    const offenders = tsFiles(SRC)
      .filter((f) => !f.startsWith(SANDBOX + '/'))
      .flatMap((file) => {
        const source = readFileSync(file, 'utf8');
        // Type-only imports are erased at compile time and load nothing.
        const valueImports = [...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gms)].map((m) => m[1] ?? m[2] ?? '');
        return valueImports
          .filter((s) => s.startsWith('.') && !relative(SANDBOX, resolve(dirname(file), s)).startsWith('..'))
          .map((s) => `${relative(ROOT, file)} imports ${s}`);
      });
    expect(offenders).toEqual([]);
  });
});
