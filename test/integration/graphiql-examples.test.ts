// Every example operation GraphiQL opens with must run and return data against the sandbox.
import { parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXAMPLE_QUERY } from '../../src/graphiql.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const operations = parse(EXAMPLE_QUERY).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');

it('ships several example operations', () => {
  expect(operations.map((o) => o.name?.value)).toEqual(expect.arrayContaining(['BrowseCatalog', 'CatalogItem', 'Customers']));
});

it.each(operations.map((o) => o.name?.value ?? ''))('example %s returns data without errors', async (operationName) => {
  const r = await stack.raw(EXAMPLE_QUERY, undefined, {});
  expect(r.status).toBe(400); // several operations and no operationName: GraphQL requires one
  const res = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: EXAMPLE_QUERY, operationName }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  const root = Object.values(body.data ?? {})[0];
  expect(root).toBeTruthy();
  expect(JSON.stringify(root).length).toBeGreaterThan(100);
});
