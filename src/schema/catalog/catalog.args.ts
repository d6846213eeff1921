// Argument checks for catalog fields: refused here, before any upstream call, with a clear message.
import { CATALOG_ITEM_ID_EXAMPLE, ID_PATTERNS, parseCatalogItemId, type CatalogItemParts } from '../../ids.js';
import { invalidInput } from '../node.js';

export function validCountry(country: string): string {
  const c = country.trim().toUpperCase();
  if (!ID_PATTERNS.country.test(c)) {
    throw invalidInput(`country must be an ISO 3166 alpha-2 code such as "US" or "DE"; got ${JSON.stringify(country.slice(0, 20))}.`, 'country');
  }
  return c;
}

export function validProductId(productId: string): string {
  if (!ID_PATTERNS.productId.test(productId)) throw invalidInput(`productId ${JSON.stringify(productId.slice(0, 70))} is not a Partner Center product id.`, 'productId');
  return productId;
}

export function validSkuId(skuId: string): string {
  if (!ID_PATTERNS.skuId.test(skuId)) throw invalidInput(`skuId ${JSON.stringify(skuId.slice(0, 20))} is not a Partner Center SKU id.`, 'skuId');
  return skuId;
}

export function validAvailabilityId(availabilityId: string): string {
  if (!ID_PATTERNS.availabilityId.test(availabilityId)) {
    throw invalidInput(`availabilityId ${JSON.stringify(availabilityId.slice(0, 70))} is not a Partner Center availability id.`, 'availabilityId');
  }
  return availabilityId;
}

/** catalogItemId is "productId:skuId:availabilityId"; anything else is refused before any upstream call. */
export function validCatalogItemId(catalogItemId: string): CatalogItemParts {
  const parts = parseCatalogItemId(catalogItemId);
  if (!parts) {
    throw invalidInput(
      `catalogItemId must be "productId:skuId:availabilityId", e.g. "${CATALOG_ITEM_ID_EXAMPLE}"; got ${JSON.stringify(catalogItemId.slice(0, 100))}.`,
      'catalogItemId',
    );
  }
  return parts;
}
