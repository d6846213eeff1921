// Partner Center catalog resources (reference §2.1, samples §6.1-6.3), as the gateway reads them.
import { z } from 'zod';
import { billingCycle, collectionOf, lenientInt, optionalText, segment } from './wire.js';

export interface ItemType {
  id: string;
  displayName: string;
  subType?: ItemType | undefined;
}

const itemType: z.ZodType<ItemType> = z.lazy(() =>
  z.object({
    id: z.string(),
    displayName: z.string().nullish().transform((v) => v ?? ''),
    subType: itemType.nullish().transform((v) => v ?? undefined),
  }),
) as z.ZodType<ItemType>;

export const productSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  description: optionalText,
  productType: itemType,
  isMicrosoftProduct: z.boolean().nullish().transform((v) => v ?? false),
  publisherName: optionalText,
});
export type UpstreamProduct = z.output<typeof productSchema>;

export const skuSchema = z.object({
  id: z.string().min(1),
  productId: z.string().min(1),
  title: z.string(),
  description: optionalText,
  minimumQuantity: lenientInt,
  maximumQuantity: lenientInt,
  isTrial: z.boolean().nullish().transform((v) => v ?? false),
  supportedBillingCycles: z
    .array(billingCycle)
    .nullish()
    .transform((v) => v ?? []),
  purchasePrerequisites: z.array(z.string()).nullish().transform((v) => v ?? []),
  dynamicAttributes: z
    .object({
      isAddon: z.boolean().nullish(),
      prerequisiteSkus: z.array(z.string()).nullish(),
    })
    .nullish(),
});
export type UpstreamSku = z.output<typeof skuSchema>;

const refundOption = z.object({
  sequenceId: lenientInt.nullish().transform((v) => v ?? undefined),
  type: z.string(),
  expiresAfter: optionalText,
});

export const termSchema = z.object({
  id: optionalText,
  duration: z.string().min(1),
  description: optionalText,
  billingCycle,
  cancellationPolicies: z
    .array(z.object({ refundOptions: z.array(refundOption).nullish() }))
    .nullish()
    .transform((v) => v ?? []),
});
export type UpstreamTerm = z.output<typeof termSchema>;

export const availabilitySchema = z.object({
  id: z.string().min(1),
  productId: z.string().min(1),
  skuId: z.string().min(1),
  catalogItemId: z.string().min(1),
  // Older docs tables call it a string; samples and the SDK send {code, symbol}.
  defaultCurrency: z
    .union([z.string(), z.object({ code: z.string(), symbol: optionalText })])
    .transform((c) => (typeof c === 'string' ? { code: c, symbol: undefined } : c)),
  segment,
  country: z.string().min(2),
  isPurchasable: z.boolean(),
  isRenewable: z.boolean().nullish().transform((v) => v ?? false),
  terms: z
    .array(termSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type UpstreamAvailability = z.output<typeof availabilitySchema>;

export const productCollection = collectionOf(productSchema);
export const skuCollection = collectionOf(skuSchema);
export const availabilityCollection = collectionOf(availabilitySchema);
