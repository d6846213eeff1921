// The layer rules of the architecture, as the linter enforces them: each rule fires on a snippet
// that breaks it, and stays quiet on the import the layer is meant to use.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/process.js';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: '.config/eslint.config.js' });
});

/** The messages of the layer rules (no-restricted-imports, no-restricted-properties) for `code` as `file`. */
async function layerMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-properties')
    .map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/sandbox/x.ts', "import { loadConfig } from '../config.js';\nvoid loadConfig;", /sandbox/i],
    ['src/sandbox/model/x.ts', "import { listProducts } from '../../upstream/catalog.js';\nvoid listProducts;", /sandbox/i],
    ['src/sandbox/routes/x.ts', "export { schema } from '../../schema/index.js';", /sandbox/i],
    ['src/yoga.ts', "import { startSandbox } from './sandbox/index.js';\nvoid startSandbox;", /dynamic/i],
    ['src/server.ts', "import { startSandbox } from './sandbox/index.js';\nvoid startSandbox;", /dynamic/i],
    ['src/schema/catalog/x.ts', "import { ROUTE } from '../../sandbox/index.js';\nvoid ROUTE;", /dynamic/i],
    ['src/upstream/x.ts', "import { GraphQLError } from 'graphql';\nvoid GraphQLError;", /upstream/i],
    ['src/upstream/x.ts', "import { createGraphQLError } from 'graphql-yoga';\nvoid createGraphQLError;", /upstream/i],
    ['src/upstream/x.ts', "import { upstreamGraphQLError } from '../schema/errors.js';\nvoid upstreamGraphQLError;", /upstream/i],
    ['src/upstream/x.ts', "import { corsPlugin } from '../plugins/cors.js';\nvoid corsPlugin;", /upstream/i],
    ['src/schema/catalog/x.ts', "import { request } from 'undici';\nvoid request;", /undici/i],
    ['src/plugins/x.ts', "import { upstreamGraphQLError } from '../schema/errors.js';\nvoid upstreamGraphQLError;", /plugins/i],
    ['src/auth/x.ts', "import { schema } from '../schema/index.js';\nvoid schema;", /auth/i],
    ['src/yoga.ts', 'export const port = process.env.PORT;', /process\.env/],
    ['src/sandbox/main.ts', 'export const port = process.env.SANDBOX_PORT;', /process\.env/],
  ])('%s: %s is refused', async (file, code, why) => {
    const messages = await layerMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(why);
  });

  it.each([
    ['src/sandbox/model/x.ts', "import type { Clock } from '../types.js';\nimport { z } from 'zod';\nimport { readFileSync } from 'node:fs';\nexport type C = Clock;\nvoid z; void readFileSync;"],
    ['src/server.ts', "import type { Sandbox } from './sandbox/index.js';\nexport type S = Sandbox;\nexport const load = () => import('./sandbox/index.js');"],
    ['src/upstream/x.ts', "import { request } from 'undici';\nimport { z } from 'zod';\nvoid request; void z;"],
    ['src/schema/catalog/x.ts', "import { GraphQLError } from 'graphql';\nimport { listProducts } from '../../upstream/catalog.js';\nvoid GraphQLError; void listProducts;"],
    ['src/config.ts', 'export const port = process.env.PORT;'],
    ['src/sandbox/settings.ts', 'export const port = process.env.SANDBOX_PORT;'],
  ])('%s: the allowed imports pass', async (file, code) => {
    expect(await layerMessages(file, code)).toEqual([]);
  });
});
