// The gateway over a misbehaving sandbox: random 429s, 503s and dropped connections on every route.
// With retries the answer is the same as over a healthy upstream; only the call count grows.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { BrowseCatalogDocument, ProductDocument } from '../gql/graphql.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ UPSTREAM_MAX_ATTEMPTS: '6', SANDBOX_RETRY_AFTER_S: '0', CATALOG_CACHE_TTL_S: '0' });
});
afterAll(async () => {
  await stack?.stop();
});

it('answers exactly as a healthy upstream would, despite 429s, 503s and dropped connections', async () => {
  const healthy = await stack.gql(BrowseCatalogDocument, { country: 'US', first: 8 });
  expect(healthy.errors).toBeUndefined();
  const cleanCalls = stack.sandbox.totalRequests();

  stack.sandbox.resetCounters();
  stack.sandbox.setFaults({ rate429: 0.05, rate5xx: 0.05, rateDrop: 0.05 });
  const faulty = await stack.gql(BrowseCatalogDocument, { country: 'US', first: 8 });
  stack.sandbox.setFaults({ rate429: 0, rate5xx: 0, rateDrop: 0 });

  expect(faulty.errors).toBeUndefined();
  expect(faulty.data).toEqual(healthy.data);
  const statuses = stack.sandbox.requests().map((r) => r.status);
  expect(statuses.filter((s) => s !== 200).length).toBe(stack.sandbox.totalRequests() - cleanCalls);
  expect(stack.sandbox.totalRequests()).toBeGreaterThan(cleanCalls);
});

it('maps an upstream refusal of the input to VALIDATION_FAILED with the Partner Center code', async () => {
  const r = await stack.gql(ProductDocument, { productId: 'CFQ7TTC0LH18', country: 'JP' });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', upstream: { status: 400, code: 800070 } });
});
