// What a query reports for a failed Partner Center call: a GraphQL error with a stable code in
// extensions.code and what support needs to find the call (request id, correlation id).
import { GraphQLError } from 'graphql';
import type { PartnerCenterError } from '../upstream/errors.js';
import { isCallerCancellation } from './timeouts.js';

const QUERY_CODES: Record<PartnerCenterError['kind'], string> = {
  BAD_INPUT: 'VALIDATION_FAILED',
  UNAUTHORIZED: 'UPSTREAM_UNAUTHORIZED',
  FORBIDDEN: 'UPSTREAM_FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  THROTTLED: 'THROTTLED',
  SERVER_ERROR: 'UPSTREAM_UNAVAILABLE',
  UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  TIMEOUT: 'UPSTREAM_TIMEOUT',
  CANCELLED: 'REQUEST_CANCELLED',
  NETWORK: 'UPSTREAM_UNAVAILABLE',
  INVALID_RESPONSE: 'UPSTREAM_INVALID_RESPONSE',
};

function messageOf(err: PartnerCenterError): string {
  if (err.kind === 'THROTTLED') return `Partner Center is throttling requests${err.retryAfter === undefined ? '' : `; retry after ${err.retryAfter} s`}.`;
  if (isCallerCancellation(err)) return 'The request was cancelled before Partner Center answered.';
  return `Partner Center request failed: ${err.description}`;
}

/** A query-level GraphQL error for an upstream failure: stable code plus what support needs. */
export function upstreamGraphQLError(err: PartnerCenterError): GraphQLError {
  return new GraphQLError(messageOf(err), {
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
