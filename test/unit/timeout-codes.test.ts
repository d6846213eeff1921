// The code a client sees for a Partner Center call that did not finish: UPSTREAM_TIMEOUT when the
// gateway's deadline ran out, never that when the caller itself went away. The errors come from
// the real client talking to the sandbox, so this follows whatever client.ts makes of each case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { maskError } from '../../src/plugins/mask-error.js';
import { PartnerCenterClient, type ClientOptions } from '../../src/upstream/client.js';
import { ROUTE, startSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;

const settings = (deadlineMs: number): ClientOptions => ({
  baseUrl: '',
  connections: 2,
  connectTimeoutMs: 1_000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  deadlineMs,
  maxAttempts: 1,
  retryBaseMs: 1,
  retryMaxDelayMs: 1,
  retryAfterCapSeconds: 0,
});

async function failure(deadlineMs: number, signal?: AbortSignal): Promise<unknown> {
  const client = new PartnerCenterClient({ ...settings(deadlineMs), baseUrl: sandbox.url });
  sandbox.script({ route: ROUTE.getProduct, kind: 'delay', delayMs: 800 });
  try {
    await client.request({ correlationId: 'c', locale: 'en-US', ...(signal ? { signal } : {}) }, { method: 'GET', path: '/products/CFQ7TTC0LH18', query: { country: 'US' } });
    return undefined;
  } catch (err) {
    return err;
  } finally {
    await client.close();
  }
}

const codeOf = (err: unknown) => {
  const masked = maskError(err, 'Unexpected error.');
  return masked instanceof GraphQLError ? masked.extensions.code : undefined;
};

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

describe('a call that did not finish', () => {
  it('is UPSTREAM_TIMEOUT when the deadline ran out', async () => {
    expect(codeOf(await failure(150))).toBe('UPSTREAM_TIMEOUT');
  });

  it('is REQUEST_CANCELLED, not a timeout, when the caller went away', async () => {
    expect(codeOf(await failure(10_000, AbortSignal.timeout(150)))).toBe('REQUEST_CANCELLED');
  });
});
