// What seeded customers have bought: the commercial availabilities of their own country that a
// partner can buy outright (not trials, which are free and short; not add-ons, which need a base).
import type { BillingCycle } from '../model/billing-cycle.js';
import { termHasCycle } from '../model/billing-cycle.js';
import type { Catalog, CatalogItem, TermRecord } from '../model/catalog.js';

export function buyableOffers(catalog: Catalog, country: string): CatalogItem[] {
  return catalog.availabilities.flatMap((availability) => {
    if (availability.country !== country || availability.segment !== 'commercial' || !availability.isPurchasable) return [];
    const product = catalog.product(availability.productId);
    const sku = catalog.sku(availability.productId, availability.skuId);
    if (!product || !sku || sku.isTrial || sku.dynamicAttributes.isAddon) return [];
    return [{ product, sku, availability }];
  });
}

export function termsWithCycle(item: CatalogItem, cycle: BillingCycle): TermRecord[] {
  return item.availability.terms.filter((t) => termHasCycle(t.billingCycle, cycle));
}
