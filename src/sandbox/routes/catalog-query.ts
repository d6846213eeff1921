// Validation of the catalog's query parameters (reference §2.1). Values are matched
// case-insensitively and normalised to the form the service echoes in links.
import { ApiError, FaultCode, invalidInput } from '../errors.js';
import type { Segment } from '../model/catalog.js';
import type { RequestContext } from '../request.js';

const TARGET_VIEWS = [
  'Azure', 'AzureReservations', 'AzureReservationsVM', 'AzureReservationsSQL', 'AzureReservationsCosmosDb',
  'MicrosoftAzure', 'OnlineServices', 'Software', 'SoftwareSUSELinux', 'SoftwarePerpetual', 'SoftwareSubscriptions',
] as const;
export type TargetView = (typeof TARGET_VIEWS)[number];

/** The view that holds new-commerce license-based products; the sandbox seeds no other. */
export const NCE_VIEW: TargetView = 'OnlineServices';

const SEGMENTS: readonly Segment[] = ['commercial', 'education', 'government', 'nonprofit'];
/** This sandbox's partner is authorised for these segments only. */
const ALLOWED_SEGMENTS: readonly Segment[] = ['commercial', 'education'];

export function requireCountry(ctx: RequestContext): string {
  const raw = ctx.query.get('country');
  if (raw === undefined) throw invalidInput("the 'country' query parameter is required.");
  return checkCountry(ctx, raw);
}

/** Get-SKU and get-availability do not require a country (reference §2.0 rows 4 and 6). */
export function optionalCountry(ctx: RequestContext): string | undefined {
  const raw = ctx.query.get('country');
  return raw === undefined ? undefined : checkCountry(ctx, raw);
}

function checkCountry(ctx: RequestContext, raw: string): string {
  if (!/^[A-Za-z]{2}$/.test(raw)) {
    throw invalidInput(`'country' must be an ISO 3166-1 alpha-2 code; got '${raw}'.`);
  }
  const country = raw.toUpperCase();
  // A well-formed code the sandbox does not seed answers like a market the partner cannot sell
  // in: 400 800070 rather than an empty list, so a caller can tell "no market" from "no offers".
  if (!ctx.store.catalog.market(country)) {
    throw new ApiError(400, FaultCode.offerNotInCountry, `Offer is not available in the specified country '${country}'.`);
  }
  return country;
}

export function requireTargetView(ctx: RequestContext): TargetView {
  const raw = ctx.query.get('targetView');
  if (raw === undefined) throw invalidInput("the 'targetView' query parameter is required.");
  const view = TARGET_VIEWS.find((v) => v.toLowerCase() === raw.toLowerCase());
  if (!view) throw invalidInput(`'${raw}' is not a valid targetView.`);
  return view;
}

export function optionalSegment(ctx: RequestContext): Segment | undefined {
  const raw = ctx.query.get('targetSegment');
  if (raw === undefined) return undefined;
  const segment = SEGMENTS.find((s) => s === raw.toLowerCase());
  if (!segment) throw invalidInput(`'${raw}' is not a valid targetSegment.`);
  if (!ALLOWED_SEGMENTS.includes(segment)) {
    throw new ApiError(403, FaultCode.segmentNotAllowed, 'Access to the requested targetSegment is not allowed');
  }
  return segment;
}
