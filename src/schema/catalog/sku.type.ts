import { BillingCycleEnum, CustomerSegmentEnum } from '../enums.js';
import { joinKey } from '../node.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import { availabilityListKey, availabilityListLoader } from './catalog.loaders.js';
import { validAvailabilityId } from './catalog.args.js';
import { availabilitiesInMemory } from './catalog.source.js';
import { AvailabilityRef, ProductRef, SkuRef } from './refs.js';

SkuRef.implement({
  description: 'A SKU (edition) of a product in one country, e.g. Microsoft 365 Business Basic 0001.',
  fields: (t) => ({
    skuId: t.exposeString('id', { description: 'SKU id, unique within its product, e.g. 0001.' }),
    productId: t.exposeString('productId', { description: 'The product this SKU belongs to.' }),
    country: t.exposeString('country', { description: 'ISO 3166 alpha-2 country this SKU was read for.' }),
    product: t.field({
      type: ProductRef,
      description: 'The product of this SKU.',
      resolve: (s, _args, ctx) => ProductRef.getDataloader(ctx).load(joinKey(s.productId, s.country)),
    }),
    title: t.exposeString('title', { description: 'SKU title.' }),
    description: t.string({ nullable: true, description: 'SKU description.', resolve: (s) => s.description ?? null }),
    minimumQuantity: t.exposeInt('minimumQuantity', { description: 'Fewest seats one line item may buy.' }),
    maximumQuantity: t.exposeInt('maximumQuantity', { description: 'Most seats one line item may buy.' }),
    isTrial: t.exposeBoolean('isTrial', { description: 'Whether this SKU is a trial.' }),
    isAddon: t.boolean({
      description: 'Whether this SKU is an add-on that needs one of prerequisiteSkus.',
      resolve: (s) => s.dynamicAttributes?.isAddon ?? false,
    }),
    prerequisiteSkus: t.stringList({
      description: 'For add-ons: the "productId:skuId" of the base SKUs one of which the customer must own.',
      resolve: (s) => s.dynamicAttributes?.prerequisiteSkus ?? [],
    }),
    supportedBillingCycles: t.field({ type: [BillingCycleEnum], description: 'Billing cycles this SKU can be bought with.', resolve: (s) => s.supportedBillingCycles }),
    availabilities: t.field({
      type: [AvailabilityRef],
      description: 'Where and how this SKU can be bought in its country; the catalogItemId of one is what goes into a cart. One upstream list per SKU and segment.',
      args: { targetSegment: t.arg({ type: CustomerSegmentEnum, required: false, description: 'Only availabilities for this segment.' }) },
      resolve: (s, args, ctx) => {
        const segment = args.targetSegment ?? undefined;
        // Warm: from memory, now; otherwise through the loader, which batches the cold reads of a tick.
        return (
          availabilitiesInMemory(ctx, s.productId, s.id, s.country, segment) ??
          availabilityListLoader(ctx).load(availabilityListKey(s.productId, s.id, s.country, segment))
        );
      },
    }),
    availability: t.field({
      type: AvailabilityRef,
      nullable: true,
      description: 'One availability by id; null when it does not exist.',
      args: { availabilityId: t.arg.string({ required: true, description: 'The availability id, e.g. CFQ7TTC0K971.' }) },
      resolve: (s, args, ctx) =>
        nullIfNotFound(AvailabilityRef.getDataloader(ctx).load(joinKey(s.productId, s.id, validAvailabilityId(args.availabilityId), s.country))),
    }),
  }),
});
