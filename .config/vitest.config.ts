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
    // Before any test file: Debian's chromium and redis-server, installed through apt-get when the
    // run is root and they are missing, or the run stops with the command to install them. Then a
    // directory for the pid files of the redis-servers the tests start, reaped at the end.
    globalSetup: ['test/helpers/system-packages.ts', 'test/helpers/redis-server.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
