// `npm run schema:subgraph` writes schema/subgraph.graphql, the federation subgraph SDL (what
// `_service { sdl }` answers, for composing a supergraph offline); with --check it fails when stale.
import { printedSubgraphSchema } from './index.js';
import { writeOrCheckSdl } from './sdl-file.js';

writeOrCheckSdl('subgraph.graphql', printedSubgraphSchema(), 'npm run schema:subgraph', process.argv);
