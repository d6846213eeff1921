// Writes a printed SDL file under schema/, or with --check fails when the committed one is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function writeOrCheckSdl(file: string, sdl: string, script: string, argv: readonly string[]): void {
  const target = fileURLToPath(new URL(`../../schema/${file}`, import.meta.url));
  if (!argv.includes('--check')) {
    writeFileSync(target, sdl);
    console.log(`wrote ${target}`);
    return;
  }
  let current: string;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = '';
  }
  if (current !== sdl) {
    console.error(`schema/${file} is stale: run \`${script}\` and commit the result.`);
    process.exit(1);
  }
  console.log(`schema/${file} is up to date.`);
}
