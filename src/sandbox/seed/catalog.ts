// Builds the catalog records from the product table. The draw order (product, SKU, market, segment)
// is fixed, so one seed always yields the same ids.
import type { Random } from '../random.js';
import { UPPER_ALNUM } from '../random.js';
import { Catalog } from '../model/catalog.js';
import type { AvailabilityRecord, ProductRecord, Segment, SkuRecord } from '../model/catalog.js';
import { DOCUMENTED_AVAILABILITY_IDS, MARKETS, PRODUCTS, TRIAL_QUANTITY } from './products.js';
import type { ProductSpec, SkuSpec } from './products.js';
import { buildTerms } from './terms.js';

const NCE = { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' } as const;
const SEGMENT_ORDER: readonly Segment[] = ['commercial', 'education'];

export function seedCatalog(random: Random): Catalog {
  const products: ProductRecord[] = [];
  const skus: SkuRecord[] = [];
  const availabilities: AvailabilityRecord[] = [];
  const newAvailabilityId = availabilityIds(random);

  for (const spec of PRODUCTS) {
    products.push({
      id: spec.id,
      title: spec.title,
      description: spec.description,
      productType: NCE,
      isMicrosoftProduct: true,
      publisherName: 'Microsoft Corporation',
    });
    for (const skuSpec of spec.skus) {
      skus.push(buildSku(random, spec, skuSpec));
      for (const market of MARKETS) {
        if (skuSpec.countries && !skuSpec.countries.includes(market.country)) continue;
        for (const segment of SEGMENT_ORDER) {
          if (!(skuSpec.segments ?? ['commercial']).includes(segment)) continue;
          const documented = DOCUMENTED_AVAILABILITY_IDS[`${spec.id}:${skuSpec.id}:${market.country}:${segment}`];
          const id = documented ?? newAvailabilityId();
          const terms = buildTerms(random, skuSpec.trial ? 'trial' : spec.triennial ? 'triennial' : 'standard');
          availabilities.push({
            id,
            productId: spec.id,
            skuId: skuSpec.id,
            catalogItemId: `${spec.id}:${skuSpec.id}:${id}`,
            defaultCurrency: market.currency,
            segment,
            country: market.country,
            isPurchasable: !(skuSpec.notPurchasableIn ?? []).includes(`${market.country}/${segment}`),
            isRenewable: true,
            // A trial renews into the paid main SKU, and never on its own.
            renewalInstructions: [
              {
                applicableTermIds: terms.map((t) => t.id),
                renewalOptions: [
                  { renewToId: `${spec.id}:${skuSpec.trial ? mainSkuId(spec) : skuSpec.id}`, isAutoRenewable: !skuSpec.trial },
                ],
              },
            ],
            terms,
          });
        }
      }
    }
  }
  return new Catalog(MARKETS, products, skus, availabilities);
}

function buildSku(random: Random, product: ProductSpec, spec: SkuSpec): SkuRecord {
  const isAddon = spec.prerequisiteSkus !== undefined;
  return {
    id: spec.id,
    productId: product.id,
    title: `${product.title}${spec.suffix ?? ''}`,
    description: product.description,
    minimumQuantity: spec.trial ? TRIAL_QUANTITY : 1,
    maximumQuantity: spec.trial ? TRIAL_QUANTITY : product.maximumQuantity,
    isTrial: spec.trial === true,
    supportedBillingCycles: spec.trial ? ['none'] : product.triennial ? ['annual', 'monthly', 'triennial'] : ['annual', 'monthly'],
    purchasePrerequisites: ['MicrosoftCloudAgreement'],
    actions: ['Refund'],
    dynamicAttributes: {
      isMicrosoftProduct: true,
      // Seat caps below the enterprise ceiling are the constraint the Business plans carry.
      hasConstraints: product.maximumQuantity < 10000,
      isAddon,
      prerequisiteSkus: spec.prerequisiteSkus ?? [],
      isSoftwareAssuranceApplicable: false,
      upgradeTargetOffers: spec.trial || isAddon ? [] : (product.upgradeTargetOffers ?? []),
      provisioningId: random.guid(),
      internal: false,
    },
  };
}

function mainSkuId(product: ProductSpec): string {
  return product.skus.find((s) => !s.trial)?.id ?? '0001';
}

/** Real NCE availability ids look like `CFQ7TTC0` plus four characters; never reuse one. */
function availabilityIds(random: Random): () => string {
  const used = new Set(Object.values(DOCUMENTED_AVAILABILITY_IDS));
  return () => {
    for (;;) {
      const id = `CFQ7TTC0${random.chars(UPPER_ALNUM, 4)}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}
