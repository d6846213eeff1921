// The one mapping from an upstream failure to the member of a mutation's result union a frontend
// can act on. Resolvers run their upstream work through typedErrors; the Pothos errors plugin then
// returns whatever matches the union's error classes as a member and throws the rest.
import { PartnerCenterError } from '../upstream/errors.js';
import { ConflictError, NotFoundError, ThrottledError, UpstreamTimeoutError, UpstreamUnavailableError, ValidationError } from './gateway-errors.js';

/** Partner Center's "already submitted" code: a state conflict although it comes as bad input. */
const ALREADY_SUBMITTED = 800065;

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
      if (err.code === ALREADY_SUBMITTED) return new ConflictError(desc, 'CONFLICT', err.code);
      return new ValidationError(desc, [], err.code);
    case 'CANCELLED':
      // A caller that went away reads no answer: not a union member, it stays a request error.
      return err;
    case 'TIMEOUT':
      return new UpstreamTimeoutError(`Partner Center did not answer in time (${desc}); the change may or may not have been made.`);
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
