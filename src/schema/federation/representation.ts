// Turns an `_entities` representation into the loader key its type's Node ref uses (node.ts keys),
// or undefined when it cannot name an existing object. Representations arrive as `_Any`: the
// router forwards what another subgraph returned, so nothing about their shape is trusted and a
// malformed one costs no upstream call.
import { ID_PATTERNS, normalizeGuid, parseCatalogItemId } from '../../ids.js';
import { joinKey } from '../node.js';

export type Representation = Readonly<Record<string, unknown>>;

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);
const matching = (v: unknown, re: RegExp): string | undefined => {
  const s = text(v);
  return s !== undefined && re.test(s) ? s : undefined;
};
// Loader keys hold GUIDs in lower case and countries in upper case (as the schema's own lookups do),
// so a representation spelled differently still hits the same cached load.
const guid = (v: unknown) => (typeof v === 'string' ? normalizeGuid(v) : undefined);
const country = (v: unknown) => matching(text(v)?.toUpperCase(), ID_PATTERNS.country);

function key(...parts: (string | undefined)[]): string | undefined {
  return parts.every((p): p is string => p !== undefined) ? joinKey(...parts) : undefined;
}

/** productId:skuId:availabilityId, the id a cart line item buys. */
function catalogItem(v: unknown): string | undefined {
  const p = parseCatalogItemId(text(v) ?? '');
  return p && joinKey(p.productId, p.skuId, p.availabilityId);
}

/** One function per entity: its @key fields in, its Node ref's loader key out. */
export const entityKey = {
  Product: (r: Representation) => key(matching(r.productId, ID_PATTERNS.productId), country(r.country)),
  Sku: (r: Representation) => key(matching(r.productId, ID_PATTERNS.productId), matching(r.skuId, ID_PATTERNS.skuId), country(r.country)),
  Availability: (r: Representation) => key(catalogItem(r.catalogItemId), country(r.country)),
  Customer: (r: Representation) => guid(r.customerId),
  Cart: (r: Representation) => key(guid(r.customerId), guid(r.cartId)),
  Order: (r: Representation) => key(guid(r.customerId), matching(r.orderId, ID_PATTERNS.orderId)),
  CustomerSubscription: (r: Representation) => key(guid(r.customerId), guid(r.subscriptionId)),
  Invoice: (r: Representation) => matching(r.invoiceId, ID_PATTERNS.invoiceId),
} as const;
