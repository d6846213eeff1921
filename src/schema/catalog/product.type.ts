import { builder } from '../../builder.js';
import { CustomerSegmentEnum } from '../enums.js';
import { joinKey } from '../node.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import type { ItemType } from '../../upstream/catalog.types.js';
import { skuListKey, skuListLoader } from './catalog.loaders.js';
import { ProductRef, SkuRef } from './refs.js';
import { validSkuId } from './catalog.args.js';
import { skusInMemory } from './catalog.source.js';

const ItemTypeRef = builder.objectRef<ItemType>('ItemType');
ItemTypeRef.implement({
  description: 'A product classification, e.g. OnlineServicesNCE, Azure / VirtualMachines.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Machine name of the type, e.g. OnlineServicesNCE.' }),
    displayName: t.exposeString('displayName', { description: 'Display name of the type.' }),
    subType: t.field({ type: ItemTypeRef, nullable: true, description: 'A finer classification, when there is one.', resolve: (i) => i.subType ?? null }),
  }),
});

ProductRef.implement({
  description: 'A product of the Partner Center catalog in one country, e.g. Microsoft 365 Business Basic in the US.',
  fields: (t) => ({
    productId: t.exposeString('id', { description: 'Partner Center product id, e.g. CFQ7TTC0LH18.' }),
    country: t.exposeString('country', { description: 'ISO 3166 alpha-2 country this product was read for.' }),
    title: t.exposeString('title', { description: 'Product title.' }),
    description: t.string({ nullable: true, description: 'Product description.', resolve: (p) => p.description ?? null }),
    productType: t.field({ type: ItemTypeRef, description: 'The product type, e.g. OnlineServicesNCE.', resolve: (p) => p.productType }),
    isMicrosoftProduct: t.exposeBoolean('isMicrosoftProduct', { description: 'Whether Microsoft publishes the product.' }),
    publisherName: t.string({ nullable: true, description: 'The publisher, e.g. Microsoft Corporation.', resolve: (p) => p.publisherName ?? null }),
    skus: t.field({
      type: [SkuRef],
      description: 'The SKUs of this product in its country; with targetSegment, only those sold to that segment. One upstream list per product and segment.',
      args: { targetSegment: t.arg({ type: CustomerSegmentEnum, required: false, description: 'Only SKUs with an availability for this segment.' }) },
      resolve: (p, args, ctx) => {
        const segment = args.targetSegment ?? undefined;
        // Warm: from memory, now; otherwise through the loader, which batches the cold reads of a tick.
        return skusInMemory(ctx, p.id, p.country, segment) ?? skuListLoader(ctx).load(skuListKey(p.id, p.country, segment));
      },
    }),
    sku: t.field({
      type: SkuRef,
      nullable: true,
      description: 'One SKU of this product by its id, e.g. 0001; null when it does not exist.',
      args: { skuId: t.arg.string({ required: true, description: 'The SKU id, e.g. 0001.' }) },
      resolve: (p, args, ctx) => nullIfNotFound(SkuRef.getDataloader(ctx).load(joinKey(p.id, validSkuId(args.skuId), p.country))),
    }),
  }),
});
