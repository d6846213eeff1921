import { builder } from '../../builder.js';
import { BillingCycleEnum, CustomerSegmentEnum } from '../enums.js';
import { joinKey } from '../node.js';
import type { UpstreamTerm } from '../../upstream/catalog.types.js';
import { AvailabilityRef, ProductRef, SkuRef } from './refs.js';

interface RefundPolicyShape {
  sequenceId?: number | undefined;
  type: string;
  expiresAfter?: string | undefined;
}

const CurrencyRef = builder.objectRef<{ code: string; symbol?: string | undefined }>('Currency').implement({
  description: 'A currency.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ISO 4217 code, e.g. USD.' }),
    symbol: t.string({ nullable: true, description: 'Display symbol, e.g. $.', resolve: (c) => c.symbol ?? null }),
  }),
});

const RefundPolicyRef = builder.objectRef<RefundPolicyShape>('RefundPolicy').implement({
  description: 'A refund available after purchase for a while.',
  fields: (t) => ({
    sequenceId: t.int({ nullable: true, description: 'Order among the policies of a term.', resolve: (r) => r.sequenceId ?? null }),
    type: t.exposeString('type', { description: 'Full or Partial.' }),
    expiresAfter: t.string({ nullable: true, description: 'ISO-8601 duration, e.g. P1D.', resolve: (r) => r.expiresAfter ?? null }),
  }),
});

const TermRef = builder.objectRef<UpstreamTerm>('Term').implement({
  description: 'One purchasable term of an availability: a duration with a billing cycle.',
  fields: (t) => ({
    termId: t.string({ nullable: true, description: 'Partner Center term id.', resolve: (x) => x.id ?? null }),
    duration: t.exposeString('duration', { description: 'ISO-8601 duration: P1M, P1Y, P3Y.' }),
    billingCycle: t.field({ type: BillingCycleEnum, description: 'How the term is billed.', resolve: (x) => x.billingCycle }),
    description: t.string({ nullable: true, description: 'e.g. One-Year commitment for monthly/yearly billing.', resolve: (x) => x.description ?? null }),
    refundPolicies: t.field({
      type: [RefundPolicyRef],
      description: 'Refunds available after purchase.',
      resolve: (x) => x.cancellationPolicies.flatMap((c) => c.refundOptions ?? []),
    }),
  }),
});

AvailabilityRef.implement({
  description: 'A SKU on sale in one country and segment, with its terms. Its catalogItemId is what a cart line item buys.',
  fields: (t) => ({
    availabilityId: t.exposeString('id', { description: 'Availability id. Partner Center reissues these: re-read before building a cart.' }),
    catalogItemId: t.exposeString('catalogItemId', { description: 'productId:skuId:availabilityId, the id a cart line item buys.' }),
    productId: t.exposeString('productId', { description: 'The product id.' }),
    skuId: t.exposeString('skuId', { description: 'The SKU id.' }),
    product: t.field({
      type: ProductRef,
      description: 'The product.',
      resolve: (a, _args, ctx) => ProductRef.getDataloader(ctx).load(joinKey(a.productId, a.country)),
    }),
    sku: t.field({
      type: SkuRef,
      description: 'The SKU.',
      resolve: (a, _args, ctx) => SkuRef.getDataloader(ctx).load(joinKey(a.productId, a.skuId, a.country)),
    }),
    country: t.exposeString('country', { description: 'ISO 3166 alpha-2 country.' }),
    segment: t.field({ type: CustomerSegmentEnum, nullable: true, description: 'The customer segment it is sold to.', resolve: (a) => a.segment ?? null }),
    currency: t.field({ type: CurrencyRef, description: 'The currency it is priced in.', resolve: (a) => a.defaultCurrency }),
    isPurchasable: t.exposeBoolean('isPurchasable', { description: 'Whether it can be bought now.' }),
    isRenewable: t.exposeBoolean('isRenewable', { description: 'Whether it renews.' }),
    terms: t.field({ type: [TermRef], description: 'The terms it can be bought with.', resolve: (a) => a.terms }),
  }),
});
