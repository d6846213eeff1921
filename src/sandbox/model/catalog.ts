// The catalog as the sandbox stores it: plain records without links. Links depend on the
// request's country, so the presenters in routes/catalog-view.ts add them per response.

export type Segment = 'commercial' | 'education' | 'government' | 'nonprofit';
export type TermBillingCycle = 'Monthly' | 'Annual' | 'Triennial' | 'None';
export type SkuBillingCycle = 'monthly' | 'annual' | 'triennial' | 'none';

export interface ItemType {
  readonly id: string;
  readonly displayName: string;
}

export interface Market {
  readonly country: string;
  readonly currency: { readonly code: string; readonly symbol: string };
}

export interface ProductRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly productType: ItemType;
  readonly isMicrosoftProduct: boolean;
  readonly publisherName: string;
}

export interface SkuDynamicAttributes {
  readonly isMicrosoftProduct: boolean;
  readonly hasConstraints: boolean;
  readonly isAddon: boolean;
  readonly prerequisiteSkus: readonly string[];
  readonly isSoftwareAssuranceApplicable: boolean;
  readonly upgradeTargetOffers: readonly string[];
  readonly provisioningId: string;
  readonly internal: boolean;
}

export interface SkuRecord {
  readonly id: string;
  readonly productId: string;
  readonly title: string;
  readonly description: string;
  readonly minimumQuantity: number;
  readonly maximumQuantity: number;
  readonly isTrial: boolean;
  readonly supportedBillingCycles: readonly SkuBillingCycle[];
  readonly purchasePrerequisites: readonly string[];
  readonly actions: readonly string[];
  readonly dynamicAttributes: SkuDynamicAttributes;
}

export interface RefundOption {
  readonly sequenceId: number;
  readonly type: 'Full' | 'Partial';
  readonly expiresAfter: string;
}

export interface TermRecord {
  readonly id: string;
  readonly duration: 'P1M' | 'P1Y' | 'P3Y';
  readonly description: string;
  /** PascalCase on the wire, unlike the SKU's supportedBillingCycles (reference §1.5). */
  readonly billingCycle: TermBillingCycle;
  readonly cancellationPolicies: readonly { readonly refundOptions: readonly RefundOption[] }[];
}

export interface RenewalInstruction {
  readonly applicableTermIds: readonly string[];
  readonly renewalOptions: readonly { readonly renewToId: string; readonly isAutoRenewable: boolean }[];
}

export interface AvailabilityRecord {
  readonly id: string;
  readonly productId: string;
  readonly skuId: string;
  readonly catalogItemId: string;
  readonly defaultCurrency: Market['currency'];
  readonly segment: Segment;
  readonly country: string;
  readonly isPurchasable: boolean;
  readonly isRenewable: boolean;
  readonly renewalInstructions: readonly RenewalInstruction[];
  readonly terms: readonly TermRecord[];
}

export interface CatalogItem {
  readonly product: ProductRecord;
  readonly sku: SkuRecord;
  readonly availability: AvailabilityRecord;
}

export interface AvailabilityFilter {
  readonly country?: string;
  readonly segment?: Segment;
}

/** Read-only indexes over the seeded catalog. Ids are matched case-insensitively. */
export class Catalog {
  private readonly productsById = new Map<string, ProductRecord>();
  private readonly skusByKey = new Map<string, SkuRecord>();
  private readonly availabilityById = new Map<string, AvailabilityRecord>();

  constructor(
    readonly markets: readonly Market[],
    readonly products: readonly ProductRecord[],
    readonly skus: readonly SkuRecord[],
    readonly availabilities: readonly AvailabilityRecord[],
  ) {
    for (const p of products) this.productsById.set(p.id.toUpperCase(), p);
    for (const s of skus) this.skusByKey.set(skuKey(s.productId, s.id), s);
    for (const a of availabilities) this.availabilityById.set(a.id.toUpperCase(), a);
  }

  market(country: string): Market | undefined {
    return this.markets.find((m) => m.country === country.toUpperCase());
  }

  product(productId: string): ProductRecord | undefined {
    return this.productsById.get(productId.toUpperCase());
  }

  sku(productId: string, skuId: string): SkuRecord | undefined {
    return this.skusByKey.get(skuKey(productId, skuId));
  }

  skusOf(productId: string): SkuRecord[] {
    const id = productId.toUpperCase();
    return this.skus.filter((s) => s.productId === id);
  }

  availability(availabilityId: string): AvailabilityRecord | undefined {
    return this.availabilityById.get(availabilityId.toUpperCase());
  }

  /** Availabilities of a product (or one of its SKUs) in seed order, optionally narrowed. */
  availabilitiesOf(productId: string, skuId: string | undefined, filter: AvailabilityFilter): AvailabilityRecord[] {
    const p = productId.toUpperCase();
    const s = skuId?.toUpperCase();
    return this.availabilities.filter(
      (a) =>
        a.productId === p &&
        (s === undefined || a.skuId === s) &&
        (filter.country === undefined || a.country === filter.country.toUpperCase()) &&
        (filter.segment === undefined || a.segment === filter.segment),
    );
  }

  /** Resolves `productId:skuId:availabilityId`, the value a cart line item carries. */
  catalogItem(catalogItemId: string): CatalogItem | undefined {
    const [productId, skuId, availabilityId, ...rest] = catalogItemId.split(':');
    if (!productId || !skuId || !availabilityId || rest.length > 0) return undefined;
    const availability = this.availability(availabilityId);
    const product = this.product(productId);
    const sku = this.sku(productId, skuId);
    if (!availability || !product || !sku || availability.productId !== product.id || availability.skuId !== sku.id) {
      return undefined;
    }
    return { product, sku, availability };
  }
}

const skuKey = (productId: string, skuId: string): string => `${productId.toUpperCase()}:${skuId.toUpperCase()}`;
