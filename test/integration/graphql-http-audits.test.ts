// The GraphQL-over-HTTP server audits of graphql-http, against the production plugin set (CSRF
// prevention, armor limits, masking) over real HTTP.
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

// Audits the security settings turn into warnings or notices, with the reason.
const ACCEPTED: Record<string, string> = {
  // URL-encoded GET requests without the CSRF header are refused by design (CSRF prevention):
  // frontends send x-graphql-csrf on GET, or use POST with JSON.
  '5A70': 'GET without the CSRF header is refused (CSRF prevention)',
  D6D5: 'GET without the CSRF header is refused (CSRF prevention)',
  '6A70': 'GET without the CSRF header is refused (CSRF prevention)',
};

const audits = serverAudits({ url: () => `${stack.url}/graphql`, fetchFn: fetch });

describe('graphql-http server audits', () => {
  it('has all its audits', () => {
    expect(audits.length).toBeGreaterThanOrEqual(60);
  });

  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      if (result.status === 'error') throw new Error(`${audit.id}: ${result.reason}`);
      if (result.status !== 'ok') expect(ACCEPTED[audit.id], `${audit.id} ${result.status}: ${result.reason}`).toBeDefined();
    });
  }
});
