import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { decodeGlobalId, encodeGlobalId } from '../../src/schema/node.js';

describe('global ids', () => {
  it('round-trips composite keys', () => {
    const id = encodeGlobalId('Availability', 'CFQ7TTC0LH18:0001:CFQ7TTC0K971:US');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeGlobalId(id)).toEqual({ typename: 'Availability', id: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971:US' });
    const c = encodeGlobalId('Customer', '0d8f5c9e-3b1a-4c2d-9e8f-7a6b5c4d3e2f');
    expect(decodeGlobalId(c).typename).toBe('Customer');
  });

  it.each([
    ['an unknown type', encodeGlobalId('Partner', '1234567')],
    ['a key with the wrong number of parts', encodeGlobalId('Product', 'CFQ7TTC0LH18')],
    ['a key part of the wrong shape', encodeGlobalId('Product', 'CFQ7TTC0LH18:usa')],
    ['a path-like key', encodeGlobalId('Product', '../customers:US')],
    ['not base64url', 'not an id!'],
    ['an empty id', ''],
  ])('refuses %s with a VALIDATION_FAILED error', (_label, id) => {
    let err: unknown;
    try {
      decodeGlobalId(id);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GraphQLError);
    expect((err as GraphQLError).extensions.code).toBe('VALIDATION_FAILED');
  });
});
