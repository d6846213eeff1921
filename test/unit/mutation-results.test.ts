// Every mutation answers the same way: a result union built by the Pothos errors plugin from its
// payload and the shared error types, so a client can rely on `... on Error` and on each type, and
// a union member is picked by the error's class, never by its (minifiable) class name.
import { describe, expect, it } from 'vitest';
import { GraphQLUnionType, getNamedType } from 'graphql';
import { schema } from '../../src/schema/index.js';

const SHARED = ['ConflictError', 'NotFoundError', 'ThrottledError', 'UpstreamTimeoutError', 'UpstreamUnavailableError', 'ValidationError'];
const SUBSCRIPTION = ['CancellationWindowClosedError', 'ChangePendingError', 'InvalidSubscriptionStateError', 'SeatDecreaseNotAllowedError'];
const SUBSCRIPTION_MUTATIONS = ['updateSubscription', 'suspendSubscription', 'reactivateSubscription', 'cancelSubscription'];

const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
const members = (name: string) => {
  const type = schema.getType(name);
  return type instanceof GraphQLUnionType ? type.getTypes().map((t) => t.name).sort() : [];
};

describe('mutation results', () => {
  it('are unions built by the errors plugin, carrying every shared error type', () => {
    expect(mutations.length).toBeGreaterThanOrEqual(7);
    for (const field of mutations) {
      const type = getNamedType(field.type);
      expect(type, field.name).toBeInstanceOf(GraphQLUnionType);
      expect(field.extensions.pothosErrors, `${field.name} goes through the errors plugin`).toBeDefined();
      expect(members(type.name), field.name).toEqual(expect.arrayContaining(SHARED));
    }
  });

  it('share one UpdateSubscriptionResult and UpdateSubscriptionPayload across the four subscription mutations', () => {
    for (const name of SUBSCRIPTION_MUTATIONS) {
      const field = mutations.find((f) => f.name === name);
      expect(field && getNamedType(field.type).name, name).toBe('UpdateSubscriptionResult');
    }
    expect(members('UpdateSubscriptionResult')).toEqual([...SHARED, ...SUBSCRIPTION, 'UpdateSubscriptionPayload'].sort());
    const payload = schema.getType('UpdateSubscriptionPayload');
    expect(payload && 'getFields' in payload ? Object.keys(payload.getFields()) : []).toEqual(['subscription']);
  });
});
