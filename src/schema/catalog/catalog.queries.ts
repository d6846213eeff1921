import { builder } from '../../builder.js';
import { CatalogTargetViewEnum, CustomerSegmentEnum } from '../enums.js';
import { joinKey } from '../node.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import { selectsField } from '../selection.js';
import { mapMaybe } from '../loading.js';
import { decodeOffsetCursor, offsetConnection, pageSize } from '../paging.args.js';
import { validCatalogItemId, validCountry, validProductId } from './catalog.args.js';
import * as source from './catalog.source.js';
import { AvailabilityRef, ProductRef, SkuRef } from './refs.js';

const PRODUCT_PAGE = { default: 20, max: 100 };

const ProductConnection = builder.connectionObject(
  { type: ProductRef, name: 'ProductConnection', description: 'A page of products.' },
  { name: 'ProductEdge', description: 'A product in a page.' },
);

builder.queryFields((t) => ({
  products: t.field({
    type: ProductConnection,
    description: `Products of the catalog for a country and view. Pages of ${PRODUCT_PAGE.default} by default, at most ${PRODUCT_PAGE.max}. The upstream list is read once per market and cached.`,
    args: {
      country: t.arg.string({ required: true, description: 'ISO 3166 alpha-2 country, e.g. US.' }),
      targetView: t.arg({ type: CatalogTargetViewEnum, required: true, description: 'Which part of the catalog.' }),
      targetSegment: t.arg({ type: CustomerSegmentEnum, required: false, description: 'Only products sold to this segment.' }),
      first: t.arg.int({ required: false, description: `How many products, ${PRODUCT_PAGE.default} by default, at most ${PRODUCT_PAGE.max}.` }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
    },
    resolve: (_root, args, ctx) => {
      const country = validCountry(args.country);
      const first = pageSize(args.first, PRODUCT_PAGE);
      const after = decodeOffsetCursor(args.after);
      const items = source.products(ctx, { country, targetView: args.targetView, targetSegment: args.targetSegment ?? undefined });
      return mapMaybe(items, (all) => offsetConnection(all, first, after));
    },
  }),
  product: t.field({
    type: ProductRef,
    nullable: true,
    description: 'One product by id in a country; null when it does not exist there.',
    args: {
      productId: t.arg.string({ required: true, description: 'Partner Center product id, e.g. CFQ7TTC0LH18.' }),
      country: t.arg.string({ required: true, description: 'ISO 3166 alpha-2 country, e.g. US.' }),
    },
    resolve: (_root, args, ctx) => {
      const key = joinKey(validProductId(args.productId), validCountry(args.country));
      return nullIfNotFound(ProductRef.getDataloader(ctx).load(key));
    },
  }),
  catalogItem: t.field({
    type: AvailabilityRef,
    nullable: true,
    description: 'Looks an availability up by its catalogItemId (productId:skuId:availabilityId).',
    args: {
      catalogItemId: t.arg.string({ required: true, description: 'productId:skuId:availabilityId.' }),
      country: t.arg.string({ required: true, description: 'ISO 3166 alpha-2 country, e.g. US.' }),
    },
    resolve: (_root, args, ctx, info) => {
      const { productId, skuId, availabilityId } = validCatalogItemId(args.catalogItemId);
      const country = validCountry(args.country);
      // The id already names the product and SKU: when the query wants them, start their loads now,
      // in the same tick as the availability's, instead of after it resolves.
      if (selectsField(info, 'product')) void ProductRef.getDataloader(ctx).load(joinKey(productId, country)).catch(() => undefined);
      if (selectsField(info, 'sku')) void SkuRef.getDataloader(ctx).load(joinKey(productId, skuId, country)).catch(() => undefined);
      return nullIfNotFound(AvailabilityRef.getDataloader(ctx).load(joinKey(productId, skuId, availabilityId, country)));
    },
  }),
}));
