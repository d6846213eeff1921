// Lenient readers for Partner Center's JSON quirks (reference §1.5): numbers sent as strings,
// enums in any casing ('Annual', 'annual', 'one_time', 'OneTime'), dates with 7 fractional digits or
// an offset, empty strings where a value is absent. Unknown object fields are dropped by zod.
import { z } from 'zod';

/** A number, or a string holding one ("16", "14.4"). Kept as the decimal string to avoid float drift. */
export const decimalString = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = typeof v === 'number' ? String(v) : v.trim();
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: `expected a number, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return s;
});

export const lenientInt = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
  if (!Number.isInteger(n)) {
    ctx.addIssue({ code: 'custom', message: `expected an integer, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return n;
});

/** ISO-8601 in, normalised UTC ISO-8601 out ("2021-08-18T17:29:52.3517492Z" → "...52.351Z"). */
export const isoDate = z.string().transform((v, ctx) => {
  const t = Date.parse(v);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: 'custom', message: `expected an ISO-8601 date, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return new Date(t).toISOString();
});

/** Optional date: null, undefined and "" all mean absent. */
export const optionalIsoDate = z
  .union([z.null(), z.literal(''), isoDate])
  .optional()
  .transform((v) => (v === '' || v === null ? undefined : v));

/** Optional string where the service writes "" for absent. */
export const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v));

/** Folds 'OneTime', 'one_time', 'ONE-TIME' to 'onetime' so enum spellings compare equal. */
export function foldEnum(v: string): string {
  return v.replace(/[\s_-]/g, '').toLowerCase();
}

export const BILLING_CYCLES = ['monthly', 'annual', 'triennial', 'biennial', 'one_time', 'none', 'unknown'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];
const billingByFold = new Map(BILLING_CYCLES.map((b) => [foldEnum(b), b] as const));

/** Billing cycles arrive as 'Annual' (terms), 'annual' (SKUs), 'one_time' or integers (SDK enum order). */
export const billingCycle = z.union([z.string(), z.number()]).transform((v): BillingCycle => {
  if (typeof v === 'number') return (['unknown', 'monthly', 'annual', 'none', 'one_time', 'triennial', 'biennial'] as const)[v] ?? 'unknown';
  // Unknown future values are kept visible as 'unknown' instead of failing the whole response.
  return billingByFold.get(foldEnum(v)) ?? 'unknown';
});

export const SEGMENTS = ['commercial', 'education', 'government', 'nonprofit'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const segment = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v): Segment | undefined => {
    if (!v) return undefined;
    const f = foldEnum(v);
    return SEGMENTS.find((s) => s === f);
  });

export const linkSchema = z.object({
  uri: z.string(),
  method: z.string().optional(),
  headers: z
    .array(z.object({ key: z.string(), value: z.string() }))
    .nullish()
    .transform((h) => h ?? []),
});
export type Link = z.output<typeof linkSchema>;

/** The collection envelope (reference §3). totalCount counts this page only, so it is not trusted. */
export function collectionOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z
      .array(item)
      .nullish()
      .transform((i) => i ?? []),
    continuationToken: z.string().nullish(),
    links: z
      .object({ self: linkSchema.nullish(), next: linkSchema.nullish(), previous: linkSchema.nullish() })
      .nullish(),
  });
}
