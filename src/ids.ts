// Every identifier rule of the gateway in one place: the shapes of Partner Center ids, GUIDs and
// catalog item ids. Plain functions with no GraphQL or HTTP dependency, so settings, auth, plugins,
// the schema and the upstream layer all check an id the same way.

/** Partner Center id shapes, part by part. */
export const ID_PATTERNS = {
  productId: /^[A-Za-z0-9]{1,64}$/,
  skuId: /^[A-Za-z0-9]{1,16}$/,
  availabilityId: /^[A-Za-z0-9]{1,64}$/,
  country: /^[A-Z]{2}$/,
  guid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  // New-commerce orders have 12 hex chars; legacy ones a GUID or 33 URL-safe base64 chars.
  orderId: /^[A-Za-z0-9_-]{1,64}$/,
  // Modern invoices are G + 9 digits, legacy ones 10 alphanumerics; the list also shows prefixes like Recurring-.
  invoiceId: /^[A-Za-z0-9-]{1,40}$/,
} as const;

export function isGuid(value: string): boolean {
  return ID_PATTERNS.guid.test(value);
}

/** The GUID in its canonical (trimmed, lower-case) form, or undefined when it is not one. */
export function normalizeGuid(value: string | number): string | undefined {
  const v = String(value).trim().toLowerCase();
  return isGuid(v) ? v : undefined;
}

export interface CatalogItemParts {
  productId: string;
  skuId: string;
  availabilityId: string;
}

/**
 * productId, skuId and availabilityId of a catalog item id ("CFQ7TTC0LH18:0001:CFQ7TTC0K971", which
 * is also a new-commerce subscription's offerId), or undefined when it is not one (a legacy offer id).
 */
export function parseCatalogItemId(value: string): CatalogItemParts | undefined {
  const parts = value.split(':');
  if (parts.length !== 3) return undefined;
  const [productId = '', skuId = '', availabilityId = ''] = parts;
  if (!ID_PATTERNS.productId.test(productId) || !ID_PATTERNS.skuId.test(skuId) || !ID_PATTERNS.availabilityId.test(availabilityId)) return undefined;
  return { productId, skuId, availabilityId };
}

export const CATALOG_ITEM_ID_EXAMPLE = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';
