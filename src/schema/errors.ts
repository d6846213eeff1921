// Expected failures. Mutations return them as members of their result unions (Pothos errors
// plugin); queries surface upstream failures as GraphQL errors with the same stable codes in
// `extensions.code`. Anything else is masked by the server and logged with its correlation id.
import { GraphQLError } from 'graphql';
import { builder } from '../builder.js';
import { PartnerCenterError } from '../upstream/errors.js';

export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export class ValidationError extends GatewayError {
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly partnerCenterCode?: number | string,
  ) {
    super(message, 'VALIDATION_FAILED');
  }
}

export class NotFoundError extends GatewayError {
  constructor(message: string) {
    super(message, 'NOT_FOUND');
  }
}

export class ThrottledError extends GatewayError {
  constructor(
    message: string,
    readonly retryAfter: number | undefined,
  ) {
    super(message, 'THROTTLED');
  }
}

/** The request conflicts with the object's state: a cart being checked out, already ordered, or an idempotency key reused for another cart. */
export class ConflictError extends GatewayError {
  constructor(message: string, code: 'CONFLICT' | 'IDEMPOTENCY_KEY_REUSED' = 'CONFLICT', readonly partnerCenterCode?: number | string) {
    super(message, code);
  }
}

export class UpstreamUnavailableError extends GatewayError {
  constructor(message: string) {
    super(message, 'UPSTREAM_UNAVAILABLE');
  }
}

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

export const ValidationErrorRef = builder.objectType(ValidationError, {
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

export const NotFoundErrorRef = builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object named in the input does not exist.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof NotFoundError,
  fields: () => ({}),
});

export const ThrottledErrorRef = builder.objectType(ThrottledError, {
  name: 'ThrottledError',
  description: 'Partner Center is throttling this partner; try again after retryAfter seconds.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ThrottledError,
  fields: (t) => ({
    retryAfter: t.int({ nullable: true, description: 'Seconds to wait, from Retry-After.', resolve: (e) => e.retryAfter ?? null }),
  }),
});

export const UpstreamUnavailableErrorRef = builder.objectType(UpstreamUnavailableError, {
  name: 'UpstreamUnavailableError',
  description: 'Partner Center could not be reached or failed; nothing is known to have changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof UpstreamUnavailableError,
  fields: () => ({}),
});

export const ConflictErrorRef = builder.objectType(ConflictError, {
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

/** The error types every mutation result union carries. */
export const MUTATION_ERRORS = [ValidationError, NotFoundError, ConflictError, ThrottledError, UpstreamUnavailableError];

/** Turns an upstream failure into the typed error a frontend can act on; other errors pass through. */
export function toMutationError(err: unknown): unknown {
  if (!(err instanceof PartnerCenterError)) return err;
  const desc = err.description;
  switch (err.kind) {
    case 'NOT_FOUND':
      return new NotFoundError(desc);
    case 'CONFLICT':
      return new ConflictError(desc, 'CONFLICT', err.code);
    case 'THROTTLED':
      return new ThrottledError(`Partner Center is throttling requests: ${desc}`, err.retryAfter);
    case 'BAD_INPUT':
    case 'FORBIDDEN':
      // 800065 "already submitted" is a state conflict, not bad input.
      if (err.code === 800065) return new ConflictError(desc, 'CONFLICT', err.code);
      return new ValidationError(desc, [], err.code);
    default:
      return new UpstreamUnavailableError(`Partner Center could not complete the request: ${desc}`);
  }
}

/** Runs a mutation's upstream work and rethrows failures as union members. */
export async function typedErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toMutationError(err);
  }
}

const QUERY_CODES: Record<PartnerCenterError['kind'], string> = {
  BAD_INPUT: 'VALIDATION_FAILED',
  UNAUTHORIZED: 'UPSTREAM_UNAUTHORIZED',
  FORBIDDEN: 'UPSTREAM_FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  THROTTLED: 'THROTTLED',
  SERVER_ERROR: 'UPSTREAM_UNAVAILABLE',
  UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  TIMEOUT: 'UPSTREAM_UNAVAILABLE',
  NETWORK: 'UPSTREAM_UNAVAILABLE',
  INVALID_RESPONSE: 'UPSTREAM_INVALID_RESPONSE',
};

/** A query-level GraphQL error for an upstream failure: stable code plus what support needs. */
export function upstreamGraphQLError(err: PartnerCenterError): GraphQLError {
  const message =
    err.kind === 'THROTTLED'
      ? `Partner Center is throttling requests${err.retryAfter === undefined ? '' : `; retry after ${err.retryAfter} s`}.`
      : `Partner Center request failed: ${err.description}`;
  return new GraphQLError(message, {
    extensions: {
      code: QUERY_CODES[err.kind],
      ...(err.retryAfter === undefined ? {} : { retryAfter: err.retryAfter }),
      upstream: {
        status: err.status,
        code: err.code,
        requestId: err.requestId,
        correlationId: err.correlationId,
        retryable: err.retryable,
        ...(err.field ? { field: err.field } : {}),
      },
    },
  });
}

/** Lookups of a missing object return null; every other failure propagates. */
export async function nullIfNotFound<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof PartnerCenterError && err.kind === 'NOT_FOUND') return null;
    throw err;
  }
}
