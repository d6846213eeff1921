// Telling a timeout from a cancellation. Both arrive as PartnerCenterError kind TIMEOUT, but they
// mean different things: a timeout is Partner Center not answering in time (the gateway's deadline,
// undici's header or body timeout, a 408 or 504), after which a write may or may not have been made;
// a cancellation is the caller going away, which says nothing about Partner Center.
// client.ts networkError marks the caller's cancellation as the only non-retryable TIMEOUT (a repeat
// would be cancelled too); every real timeout is retryable.
import { PartnerCenterError } from '../upstream/errors.js';

export function isCallerCancellation(err: unknown): boolean {
  return err instanceof PartnerCenterError && err.kind === 'TIMEOUT' && !err.retryable;
}

export function isUpstreamTimeout(err: unknown): boolean {
  return err instanceof PartnerCenterError && err.kind === 'TIMEOUT' && err.retryable;
}
