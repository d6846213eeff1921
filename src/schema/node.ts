// Global ids: base64url("Type:key") where the key is the type's composite key joined by ':'
// (e.g. "Availability:CFQ7TTC0LH18:0001:CFQ7TTC0K971:US"). Decoding checks the type exists and
// the key has the type's shape, so a forged or mistyped id is refused before any upstream call.
import { GraphQLError } from 'graphql';
import { ID_PATTERNS as PART, normalizeGuid } from '../ids.js';

/** The shape of each Node type's key, part by part. */
export const NODE_KEYS: Readonly<Record<string, readonly RegExp[]>> = {
  Product: [PART.productId, PART.country],
  Sku: [PART.productId, PART.skuId, PART.country],
  Availability: [PART.productId, PART.skuId, PART.availabilityId, PART.country],
  Customer: [PART.guid],
  Cart: [PART.guid, PART.guid],
  Order: [PART.guid, PART.orderId],
  CustomerSubscription: [PART.guid, PART.guid],
  Invoice: [PART.invoiceId],
};

export function invalidInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'VALIDATION_FAILED', ...(field ? { field } : {}) } });
}

export function encodeGlobalId(typename: string, key: string): string {
  return Buffer.from(`${typename}:${key}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const raw = /^[A-Za-z0-9_-]{1,512}$/.test(globalId) ? Buffer.from(globalId, 'base64url').toString('utf8') : '';
  const sep = raw.indexOf(':');
  const typename = sep > 0 ? raw.slice(0, sep) : '';
  const id = raw.slice(sep + 1);
  const shape = NODE_KEYS[typename];
  const parts = id.split(':');
  if (!shape || parts.length !== shape.length || !shape.every((re, i) => re.test(parts[i] ?? ''))) {
    throw invalidInput(`Invalid ID: ${JSON.stringify(globalId.slice(0, 100))} is not an id issued by this gateway.`, 'id');
  }
  return { typename, id };
}

export function joinKey(...parts: string[]): string {
  return parts.join(':');
}

export function splitKey(key: string, count: number): string[] {
  const parts = key.split(':');
  if (parts.length !== count) throw new Error(`Malformed loader key ${key}`);
  return parts;
}

/** Checks a GUID argument (customer, cart, subscription ids) and returns it in lower case. */
export function validGuid(value: string, field: string): string {
  const v = normalizeGuid(value);
  if (v === undefined) throw invalidInput(`${field} must be a GUID; got ${JSON.stringify(String(value).slice(0, 60))}.`, field);
  return v;
}
