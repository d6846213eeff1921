// Catalog records as the service renders them: camelCase, with relative links that carry the
// request's country, and without `attributes` (catalog samples have none; reference §1.5).
import type { AvailabilityRecord, ProductRecord, SkuRecord } from '../model/catalog.js';
import { link, withQuery } from '../links.js';

const productPath = (productId: string): string => `/products/${productId}`;
const skuPath = (productId: string, skuId: string): string => `${productPath(productId)}/skus/${skuId}`;

export function productView(p: ProductRecord, country: string) {
  const q = [['country', country]] as const;
  return {
    ...p,
    links: {
      skus: link(withQuery(`${productPath(p.id)}/skus`, q)),
      self: link(withQuery(productPath(p.id), q)),
    },
  };
}

export function skuView(s: SkuRecord, country: string | undefined) {
  const q = [['country', country]] as const;
  return {
    id: s.id,
    productId: s.productId,
    title: s.title,
    description: s.description,
    minimumQuantity: s.minimumQuantity,
    maximumQuantity: s.maximumQuantity,
    isTrial: s.isTrial,
    supportedBillingCycles: s.supportedBillingCycles,
    purchasePrerequisites: s.purchasePrerequisites,
    inventoryVariables: [],
    provisioningVariables: [],
    actions: s.actions,
    dynamicAttributes: s.dynamicAttributes,
    links: {
      availabilities: link(withQuery(`${skuPath(s.productId, s.id)}/availabilities`, q)),
      self: link(withQuery(skuPath(s.productId, s.id), q)),
    },
  };
}

export function availabilityView(a: AvailabilityRecord) {
  const self = withQuery(`${skuPath(a.productId, a.skuId)}/availabilities/${a.id}`, [['country', a.country]]);
  return { ...a, links: { self: link(self) } };
}

/** The product, SKU and availability links that order lines and subscriptions carry (samples §6.5, §6.7). */
export function catalogItemLinks(productId: string, skuId: string, availabilityId: string, country: string) {
  const q = [['country', country]] as const;
  return {
    product: link(withQuery(productPath(productId), q)),
    sku: link(withQuery(skuPath(productId, skuId), q)),
    availability: link(withQuery(`${skuPath(productId, skuId)}/availabilities/${availabilityId}`, q)),
  };
}
