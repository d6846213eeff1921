// The GraphQL types of expected failures: the Error interface and one object type per error class
// of src/errors/gateway-errors.ts. Mutations return them as members of their result unions (see
// mutation-result.ts); queries surface upstream failures as GraphQL errors with the same stable
// codes in `extensions.code` (src/errors/query-errors.ts).
import { builder } from '../builder.js';
import {
  ConflictError,
  NotFoundError,
  ThrottledError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  ValidationError,
  type FieldError,
  type GatewayError,
} from '../errors/gateway-errors.js';

export const ErrorInterface = builder.interfaceRef<GatewayError>('Error').implement({
  description: 'Implemented by every expected failure returned from a mutation.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, for people.' }),
    code: t.exposeString('code', {
      description: 'Stable machine-readable code, e.g. VALIDATION_FAILED, NOT_FOUND, CONFLICT, THROTTLED, UPSTREAM_UNAVAILABLE.',
    }),
  }),
});

const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
  description: 'One invalid input field.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Dotted path of the field in the input, e.g. lineItems.1.quantity.' }),
    message: t.exposeString('message', { description: 'Why the value was refused.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was refused before anything was changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ValidationError,
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldErrorRef], description: 'Each invalid field with its reason.', resolve: (e) => e.fieldErrors }),
    partnerCenterCode: t.string({
      nullable: true,
      description: 'Partner Center error code when the service refused the input.',
      resolve: (e) => (e.partnerCenterCode === undefined ? null : String(e.partnerCenterCode)),
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object named in the input does not exist.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof NotFoundError,
  fields: () => ({}),
});

builder.objectType(ThrottledError, {
  name: 'ThrottledError',
  description: 'Partner Center is throttling this partner; try again after retryAfter seconds.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ThrottledError,
  fields: (t) => ({
    retryAfter: t.int({ nullable: true, description: 'Seconds to wait, from Retry-After.', resolve: (e) => e.retryAfter ?? null }),
  }),
});

builder.objectType(UpstreamUnavailableError, {
  name: 'UpstreamUnavailableError',
  description: 'Partner Center could not be reached or failed; nothing is known to have changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof UpstreamUnavailableError,
  fields: () => ({}),
});

builder.objectType(UpstreamTimeoutError, {
  name: 'UpstreamTimeoutError',
  description:
    'Partner Center did not answer in time, so the change may or may not have been made. Read the object again before changing it again; a checkout may be repeated with the same idempotencyKey, which never places a second order.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof UpstreamTimeoutError,
  fields: () => ({}),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The change conflicts with the current state; read the object again before retrying.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ConflictError,
  fields: (t) => ({
    partnerCenterCode: t.string({
      nullable: true,
      description: 'Partner Center error code, e.g. 800064 (cart being processed) or 800065 (already ordered).',
      resolve: (e) => (e.partnerCenterCode === undefined ? null : String(e.partnerCenterCode)),
    }),
  }),
});

/** The error types every mutation result union carries (their types are registered above). */
export const MUTATION_ERRORS = [ValidationError, NotFoundError, ConflictError, ThrottledError, UpstreamUnavailableError, UpstreamTimeoutError] as const;
