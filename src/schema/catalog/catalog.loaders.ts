// Per-request loaders for the catalog's lists. Each key is one upstream list; DataLoader batches the
// keys of one tick and runs their calls in parallel (Partner Center has no multi-get).
import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import type { Segment } from '../../upstream/wire.js';
import { joinKey, splitKey } from '../node.js';
import { settle } from '../loading.js';
import * as source from './catalog.source.js';

const seg = (s: string | undefined): Segment | undefined => (s ? (s as Segment) : undefined);

export const skuListKey = (productId: string, country: string, segment: Segment | undefined) => joinKey(productId, country, segment ?? '');
export const availabilityListKey = (productId: string, skuId: string, country: string, segment: Segment | undefined) =>
  joinKey(productId, skuId, country, segment ?? '');

export const skuListLoader = createContextCache(
  (ctx: GatewayContext) =>
    new DataLoader<string, source.SkuShape[]>((keys) =>
      Promise.all(
        keys.map((key) => {
          const [productId = '', country = '', segment] = splitKey(key, 3);
          return settle(source.skus(ctx, productId, country, seg(segment)));
        }),
      ),
    ),
);

export const availabilityListLoader = createContextCache(
  (ctx: GatewayContext) =>
    new DataLoader<string, source.AvailabilityShape[]>((keys) =>
      Promise.all(
        keys.map((key) => {
          const [productId = '', skuId = '', country = '', segment] = splitKey(key, 4);
          return settle(source.availabilities(ctx, productId, skuId, country, seg(segment)));
        }),
      ),
    ),
);
