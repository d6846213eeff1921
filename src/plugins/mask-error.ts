// What a client sees of a failed field. Expected failures keep their message and get a stable
// extensions.code; anything else becomes "Unexpected error." (logged with its correlation id by
// the operation log).
import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';
import { InteractionRequiredError, TokenAcquisitionError } from '../auth/errors.js';
import { GatewayError } from '../errors/gateway-errors.js';
import { upstreamGraphQLError } from '../errors/query-errors.js';
import { PartnerCenterError } from '../upstream/errors.js';

export function maskError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const located = error instanceof GraphQLError ? error : undefined;
  const at = (text: string, extensions: GraphQLErrorExtensions) =>
    new GraphQLError(text, { nodes: located?.nodes ?? null, path: located?.path ?? null, extensions });
  if (original instanceof InteractionRequiredError) return at(original.message, { code: original.kind, ...(original.claims ? { claims: original.claims } : {}) });
  if (original instanceof TokenAcquisitionError) return at(original.message, { code: 'UPSTREAM_AUTH_FAILED' });
  if (original instanceof PartnerCenterError) {
    const e = upstreamGraphQLError(original);
    return at(e.message, e.extensions);
  }
  // An expected failure outside a mutation's union (a cart whose customer has no billing country,
  // read in a query) says what it is, as it would inside one.
  if (original instanceof GatewayError) return at(original.message, { code: original.code });
  // Errors the gateway raised on purpose (validation, parse errors) pass as they are.
  if (original instanceof GraphQLError) return located ?? original;
  if (located && !original) return located;
  return at(message, { code: 'INTERNAL_SERVER_ERROR' });
}
