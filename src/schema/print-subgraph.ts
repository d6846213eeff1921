// `npm run schema:subgraph` writes schema/subgraph.graphql, the federation subgraph SDL (what
// `_service { sdl }` answers, for composing a supergraph offline); with --check it fails when stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printedSubgraphSchema } from './index.js';

const target = fileURLToPath(new URL('../../schema/subgraph.graphql', import.meta.url));
const sdl = printedSubgraphSchema();
if (process.argv.includes('--check')) {
  let current: string;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = '';
  }
  if (current !== sdl) {
    console.error('schema/subgraph.graphql is stale: run `npm run schema:subgraph` and commit the result.');
    process.exit(1);
  }
  console.log('schema/subgraph.graphql is up to date.');
} else {
  writeFileSync(target, sdl);
  console.log(`wrote ${target}`);
}
