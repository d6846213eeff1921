// Argument checks for catalog fields: refused here, before any upstream call, with a clear message.
import { invalidInput, keyPatterns } from '../node.js';

export function validCountry(country: string): string {
  const c = country.trim().toUpperCase();
  if (!keyPatterns.country.test(c)) {
    throw invalidInput(`country must be an ISO 3166 alpha-2 code such as "US" or "DE"; got ${JSON.stringify(country.slice(0, 20))}.`, 'country');
  }
  return c;
}

export function validProductId(productId: string): string {
  if (!keyPatterns.productId.test(productId)) throw invalidInput(`productId ${JSON.stringify(productId.slice(0, 70))} is not a Partner Center product id.`, 'productId');
  return productId;
}

export function validSkuId(skuId: string): string {
  if (!keyPatterns.skuId.test(skuId)) throw invalidInput(`skuId ${JSON.stringify(skuId.slice(0, 20))} is not a Partner Center SKU id.`, 'skuId');
  return skuId;
}

export function validAvailabilityId(availabilityId: string): string {
  if (!keyPatterns.availabilityId.test(availabilityId)) {
    throw invalidInput(`availabilityId ${JSON.stringify(availabilityId.slice(0, 70))} is not a Partner Center availability id.`, 'availabilityId');
  }
  return availabilityId;
}

/** catalogItemId is "productId:skuId:availabilityId". */
export function parseCatalogItemId(catalogItemId: string): { productId: string; skuId: string; availabilityId: string } {
  const parts = catalogItemId.split(':');
  const [productId = '', skuId = '', availabilityId = ''] = parts;
  if (parts.length !== 3 || !keyPatterns.productId.test(productId) || !keyPatterns.skuId.test(skuId) || !keyPatterns.availabilityId.test(availabilityId)) {
    throw invalidInput(
      `catalogItemId must be "productId:skuId:availabilityId", e.g. "CFQ7TTC0LH18:0001:CFQ7TTC0K971"; got ${JSON.stringify(catalogItemId.slice(0, 100))}.`,
      'catalogItemId',
    );
  }
  return { productId, skuId, availabilityId };
}
