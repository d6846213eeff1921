// graphql-codegen: prints the schema from the code and compiles the test operations into typed
// documents (client preset) for the tests and for the storefront, with its trusted-documents manifest. `npm run codegen` writes; `npm run check` fails when either is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printedSchema } from './src/schema/index.js';

const config: CodegenConfig = {
  schema: printedSchema(),
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: false, sort: true } },
    'test/gql/': {
      documents: ['test/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', Decimal: 'string' } },
    },
    // The storefront's operations: typed documents plus the trusted-documents manifest
    // (schema/storefront/gql/persisted-documents.json) that PERSISTED_DOCUMENTS points at.
    'schema/storefront/gql/': {
      documents: ['schema/storefront/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', Decimal: 'string' } },
    },
  },
};

export default config;
