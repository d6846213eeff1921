// Which failures let the catalog cache serve its last good copy (stale-if-error). Partner Center
// being down, slow, unreachable or throttling us says nothing about the catalog itself, so an old
// copy is still the best answer. A 404 or a 400 does say something (the product is gone, the
// question is wrong), and an old copy would hide it; so do auth failures, which an operator must see.
import { PartnerCenterError, type PartnerCenterErrorKind } from '../upstream/errors.js';

const OUTAGE_KINDS: ReadonlySet<PartnerCenterErrorKind> = new Set<PartnerCenterErrorKind>([
  'SERVER_ERROR',
  'UNAVAILABLE',
  'TIMEOUT',
  'NETWORK',
  'THROTTLED',
]);

export function isUpstreamOutage(err: unknown): boolean {
  return err instanceof PartnerCenterError && OUTAGE_KINDS.has(err.kind);
}
