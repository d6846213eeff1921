// graphql-codegen: prints the schema from the code and compiles the test operations into typed
// documents (client preset). `npm run codegen` writes; `npm run check` fails when either is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printedSchema } from './src/schema/index.js';

const config: CodegenConfig = {
  schema: printedSchema(),
  documents: ['test/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: false, sort: true } },
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', Decimal: 'string' } },
    },
  },
};

export default config;
