// The one answer to "does this failure mean the object does not exist?". Two errors mean it: a
// Partner Center 404, and the gateway's own NotFoundError, raised where a 404 of one read is
// reported for the object asked about (the customer of a cart, a subscription being changed).
// Reads that run in parallel reject with whichever fails first, so every check must accept both.
import { PartnerCenterError } from '../upstream/errors.js';
import { NotFoundError } from './gateway-errors.js';

export function isNotFound(err: unknown): boolean {
  return err instanceof NotFoundError || (err instanceof PartnerCenterError && err.kind === 'NOT_FOUND');
}

/** Lookups of a missing object return null (architecture rule 4); every other failure propagates. */
export async function nullIfNotFound<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** A failure as the object asked about: a Partner Center 404 becomes NotFoundError with `message`. */
export function asNotFound(err: unknown, message: string): unknown {
  return isNotFound(err) && !(err instanceof NotFoundError) ? new NotFoundError(message) : err;
}
