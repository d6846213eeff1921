// node(id) and nodes(ids) of a Cart that does not exist answer null, every time: whichever of the
// cart read and the customer read fails first, both mean "not found".
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/node.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { findCustomer } from '../helpers/commerce.js';

const TRIES = 30;
let stack: Stack;
let knownCustomer: string;

beforeAll(async () => {
  // Jitter lets either upstream read answer first, as it does against the real service.
  stack = await startStack({ SANDBOX_JITTER_MS: '20' });
  knownCustomer = await findCustomer(stack.sandbox.url, 'US');
});
afterAll(async () => {
  await stack?.stop();
});

const cartId = (customerId: string) => encodeGlobalId('Cart', `${customerId}:${randomUUID()}`);

describe('node(id) of a missing Cart', () => {
  it.each([
    ['an unknown customer', () => randomUUID()],
    ['a known customer', () => knownCustomer],
  ])('is null for an unknown cart of %s, every time', async (_label, customer) => {
    for (let i = 0; i < TRIES; i++) {
      const r = await stack.raw('query($id: ID!) { node(id: $id) { id } }', { id: cartId(customer()) });
      expect(r.errors, `try ${i}`).toBeUndefined();
      expect(r.data).toEqual({ node: null });
    }
  });

  it('is null in nodes(ids) for each missing cart', async () => {
    for (let i = 0; i < TRIES / 3; i++) {
      const ids = [cartId(randomUUID()), cartId(knownCustomer), cartId(randomUUID())];
      const r = await stack.raw('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
      expect(r.errors, `try ${i}`).toBeUndefined();
      expect(r.data).toEqual({ nodes: [null, null, null] });
    }
  });
});
