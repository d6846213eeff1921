// What the bench's own servers read of the sandbox's JSON: only the fields the benchmark documents
// select, parsed (not cast) so a change in the sandbox fails loudly instead of skewing a figure.
import { z } from 'zod';

const collection = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const productWire = z.object({ id: z.string(), title: z.string() });
export const skuWire = z.object({
  id: z.string(),
  productId: z.string(),
  title: z.string(),
  minimumQuantity: z.number(),
  maximumQuantity: z.number(),
});
export const availabilityWire = z.object({
  catalogItemId: z.string(),
  defaultCurrency: z.object({ code: z.string() }),
  terms: z.array(z.object({ duration: z.string(), billingCycle: z.union([z.string(), z.number()]) })),
});
const link = z.object({ uri: z.string() });
export const subscriptionWire = z.object({
  offerId: z.string(),
  links: z.object({ product: link, sku: link, availability: link }),
});
export const customerWire = z.object({ id: z.string() });

export const productList = collection(productWire);
export const skuList = collection(skuWire);
export const availabilityList = collection(availabilityWire);
export const subscriptionList = collection(subscriptionWire);

export type ProductWire = z.infer<typeof productWire>;
export type SkuWire = z.infer<typeof skuWire>;
export type AvailabilityWire = z.infer<typeof availabilityWire>;
export type SubscriptionWire = z.infer<typeof subscriptionWire>;

/** The gateway's rule (src/upstream/wire.ts) in short: 'Annual', 'annual', 'one_time' name one value. */
const CYCLES: Readonly<Record<string, string>> = {
  monthly: 'MONTHLY',
  annual: 'ANNUAL',
  triennial: 'TRIENNIAL',
  biennial: 'BIENNIAL',
  onetime: 'ONE_TIME',
  none: 'NONE',
};
const BY_NUMBER = ['UNKNOWN', 'MONTHLY', 'ANNUAL', 'NONE', 'ONE_TIME', 'TRIENNIAL', 'BIENNIAL'] as const;

export function billingCycle(v: string | number): string {
  if (typeof v === 'number') return BY_NUMBER[v] ?? 'UNKNOWN';
  return CYCLES[v.replace(/[\s_-]/g, '').toLowerCase()] ?? 'UNKNOWN';
}

/** The GraphQL enum value → the targetView the service takes. */
export const TARGET_VIEWS: Readonly<Record<string, string>> = {
  ONLINE_SERVICES: 'OnlineServices',
  AZURE: 'Azure',
  SOFTWARE: 'Software',
  AZURE_RESERVATIONS: 'AzureReservations',
};

/** Shaped as the browse selects it, so the ceiling's default resolvers just read properties. */
export interface AvailabilityView {
  catalogItemId: string;
  currency: { code: string };
  terms: { duration: string; billingCycle: string }[];
}

export function availabilityView(a: AvailabilityWire): AvailabilityView {
  return {
    catalogItemId: a.catalogItemId,
    currency: { code: a.defaultCurrency.code },
    terms: a.terms.map((t) => ({ duration: t.duration, billingCycle: billingCycle(t.billingCycle) })),
  };
}
