// `npm run schema` writes schema/schema.graphql; with --check it fails when the file is stale.
import { printedSchema } from './index.js';
import { writeOrCheckSdl } from './sdl-file.js';

writeOrCheckSdl('schema.graphql', printedSchema(), 'npm run schema', process.argv);
