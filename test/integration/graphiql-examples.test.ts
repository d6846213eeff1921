// Every example operation GraphiQL opens with must be valid against the schema, and must run and
// return data against the sandbox with the example variables, the way GraphiQL sends them: the
// whole document, an operationName and the one variables object shared by every operation.
import { randomUUID } from 'node:crypto';
import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../../src/graphiql.js';
import { schema } from '../../src/schema/index.js';
import { findCustomer } from '../helpers/commerce.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const document = parse(EXAMPLE_QUERY);
const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
const names = operations.map((o) => o.name?.value ?? '');
// The checkout needs a cart that exists only after CreateCart has run, so the two run as a chain.
const CHAIN = ['CreateCart', 'CheckoutCart'];

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: unknown;
}

async function run(operationName: string, variables: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: EXAMPLE_QUERY, operationName, variables }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

/** The answer's root field, which must be there and, for a mutation's result union, not an Error. */
function rootOf(answer: Answer): Record<string, unknown> {
  expect(answer.errors).toBeUndefined();
  const root = Object.values(answer.data ?? {})[0] as Record<string, unknown> | null | undefined;
  expect(root).toBeTruthy();
  const typename = root?.__typename;
  if (typeof typename === 'string') expect(typename, JSON.stringify(root)).toMatch(/Payload$/);
  return root ?? {};
}

describe('the example document', () => {
  it('ships the catalog, cart, checkout, subscription and invoice examples', () => {
    expect(names).toEqual(expect.arrayContaining(['BrowseCatalog', 'CatalogItem', 'Customers', 'CreateCart', 'CheckoutCart', 'Subscriptions', 'Invoices', 'ReconcileInvoice']));
    expect(names.every((n) => n !== '')).toBe(true);
  });

  it('is valid against the schema', () => {
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  });

  it('has an example value for every variable an operation requires', () => {
    const required = operations.flatMap((o) => (o.variableDefinitions ?? []).filter((v) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue).map((v) => v.variable.name.value));
    expect(Object.keys(EXAMPLE_VARIABLES)).toEqual(expect.arrayContaining([...new Set(required)]));
  });

  it('holds the ids the default seed gives: the first US customer and the newest USD invoice', async () => {
    expect(EXAMPLE_VARIABLES.customerId).toBe(await findCustomer(stack.sandbox.url, 'US'));
    const invoices = rootOf(await run('Invoices', {})) as { edges: { node: { invoiceId: string; currencyCode: string } }[] };
    expect(invoices.edges.find((e) => e.node.currencyCode === 'USD')?.node.invoiceId).toBe(EXAMPLE_VARIABLES.invoiceId);
  });

  it('needs an operationName, as GraphiQL sends', async () => {
    const r = await stack.raw(EXAMPLE_QUERY, undefined, {});
    expect(r.status).toBe(400); // several operations and no operationName: GraphQL requires one
  });
});

describe('every example runs against the sandbox', () => {
  it.each(names.filter((n) => !CHAIN.includes(n)))('%s returns data without errors', async (operationName) => {
    const root = rootOf(await run(operationName, { ...EXAMPLE_VARIABLES }));
    expect(JSON.stringify(root).length).toBeGreaterThan(100);
  });

  it('CreateCart then CheckoutCart with the cartId it answered places an order', async () => {
    const created = rootOf(await run('CreateCart', { ...EXAMPLE_VARIABLES })) as { cart: { cartId: string; lineItems: { catalogItemId: string; error: unknown }[] } };
    expect(created.cart.lineItems).toEqual([expect.objectContaining({ catalogItemId: EXAMPLE_VARIABLES.catalogItemId, error: null })]);
    const checkout = rootOf(await run('CheckoutCart', { ...EXAMPLE_VARIABLES, cartId: created.cart.cartId, idempotencyKey: randomUUID() })) as {
      orders: { orderId: string; lineItems: { offerId: string }[] }[];
      orderErrors: unknown[];
    };
    expect(checkout.orderErrors).toEqual([]);
    expect(checkout.orders).toHaveLength(1);
    expect(checkout.orders[0]?.lineItems[0]?.offerId).toBe(EXAMPLE_VARIABLES.catalogItemId);
  });
});
