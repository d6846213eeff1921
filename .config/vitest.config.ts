import { defineConfig } from 'vitest/config';

// Tests run against real HTTP servers on loopback; two cores, so keep the pool small.
export default defineConfig({
  // graphql 16 ships CJS (main) and ESM (module) builds without an exports map. Node resolves the
  // libraries (yoga, envelop) to the CJS build; without this alias Vite would give our sources the
  // ESM build, and two GraphQLError classes would break instanceof checks.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
