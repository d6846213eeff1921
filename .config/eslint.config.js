import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layer rules (../shared/design/architecture.md): data flows schema → loaders → upstream → HTTP,
// and the sandbox is a separate program the gateway loads only dynamically, in sandbox mode.
// no-restricted-imports takes one option list per file, so each layer's block below lists every
// group that applies to it, and a later block replaces (not extends) an earlier one's list.

/** Relative imports of a top-level src/ folder, from anywhere in src/ (there is one folder of each name). */
const into = (folder) => `^\\.{1,2}/(?:\\.\\./)*(?:${folder})(?:/|\\.js$|$)`;

const NO_SANDBOX = {
  regex: into('sandbox'),
  message:
    'The sandbox is loaded only by the dynamic import in src/server.ts, in sandbox mode, so a production gateway never loads the simulator. Type-only imports are fine.',
  allowTypeImports: true,
};
const UPSTREAM_NO_GRAPHQL = {
  regex: '^(?:graphql|graphql-yoga|@graphql-yoga/.+|@pothos/.+)(?:/|$)',
  message: 'src/upstream speaks HTTP to Partner Center and knows nothing of GraphQL: return typed results and errors, let the schema shape them.',
};
const UPSTREAM_NO_SCHEMA = {
  regex: into('schema|plugins'),
  message: 'src/upstream sits below the schema and the plugins (schema → loaders → upstream): move shared code down into src/upstream or src/ids.ts.',
};
const SCHEMA_NO_UNDICI = {
  regex: '^undici(?:/|$)',
  message: 'Only src/upstream speaks HTTP (undici); the schema calls its functions through loaders.',
};
const PLUGINS_NO_SCHEMA = {
  regex: into('schema'),
  message: 'src/plugins wrap the server around any schema: they must not depend on the domain types of src/schema; move what both need out of src/schema.',
};
const AUTH_NO_SCHEMA = {
  regex: into('schema'),
  message: 'src/auth (tokens, caller validation) works below GraphQL and must not depend on src/schema.',
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/**
 * The sandbox imports only itself, node builtins and npm packages. A glob cannot say "outside
 * src/sandbox", so one block per folder depth refuses the `../` that climb out of it.
 */
const sandboxBlocks = [0, 1, 2, 3].map((depth) => ({
  files: [`src/sandbox/${'*/'.repeat(depth)}*.ts`],
  rules: restrict({
    regex: `^(?:\\.\\./){${depth + 1}}|^/`,
    message: 'The sandbox is a separate program (the Partner Center simulator): it imports nothing of the gateway. Keep its settings and types in src/sandbox.',
  }),
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/gql/**', 'schema/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts (the gateway) and src/sandbox/settings.ts (the sandbox) read process.env; take settings from their results.' },
      ],
    },
  },
  {
    files: ['src/config.ts', 'src/sandbox/settings.ts', 'test/**/*.ts', 'codegen.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  { files: ['src/**/*.ts'], ignores: ['src/sandbox/**'], rules: restrict(NO_SANDBOX) },
  { files: ['src/upstream/**/*.ts'], rules: restrict(NO_SANDBOX, UPSTREAM_NO_GRAPHQL, UPSTREAM_NO_SCHEMA) },
  { files: ['src/schema/**/*.ts'], rules: restrict(NO_SANDBOX, SCHEMA_NO_UNDICI) },
  { files: ['src/plugins/**/*.ts'], rules: restrict(NO_SANDBOX, PLUGINS_NO_SCHEMA) },
  { files: ['src/auth/**/*.ts'], rules: restrict(NO_SANDBOX, AUTH_NO_SCHEMA) },
  ...sandboxBlocks,
);
