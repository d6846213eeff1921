// Telling a timeout from a cancellation. A timeout (kind TIMEOUT) is Partner Center not answering in
// time: the gateway's deadline, undici's header or body timeout, a 408 or 504; after it a write may
// or may not have been made. A cancellation (kind CANCELLED) is the caller going away, which says
// nothing about Partner Center.
import { PartnerCenterError } from '../upstream/errors.js';

export function isCallerCancellation(err: unknown): boolean {
  return err instanceof PartnerCenterError && err.kind === 'CANCELLED';
}
