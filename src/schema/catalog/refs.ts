// The catalog's loadable Node refs, declared together because Product, Sku and Availability point
// at each other. Their fields live in product.type.ts, sku.type.ts and availability.type.ts.
import { builder } from '../../builder.js';
import { joinKey, splitKey } from '../node.js';
import { settle } from '../loading.js';
import * as source from './catalog.source.js';


export const productKey = (p: { id: string; country: string }) => joinKey(p.id, p.country);
export const skuKey = (s: { productId: string; id: string; country: string }) => joinKey(s.productId, s.id, s.country);
export const availabilityKey = (a: { productId: string; skuId: string; id: string; country: string }) =>
  joinKey(a.productId, a.skuId, a.id, a.country);

export const ProductRef = builder.loadableNodeRef<source.ProductShape, string, string>('Product', {
  id: { resolve: productKey, description: 'Global id; node(id) refetches this object.' },
  // Any Product resolved elsewhere (a list) primes the loader, so it is never fetched again by id.
  cacheResolved: productKey,
  load: (keys, ctx) =>
    Promise.all(
      keys.map((k) => {
        const [productId = '', country = ''] = splitKey(k, 2);
        return settle(source.product(ctx, productId, country));
      }),
    ),
});

export const SkuRef = builder.loadableNodeRef<source.SkuShape, string, string>('Sku', {
  id: { resolve: skuKey, description: 'Global id; node(id) refetches this object.' },
  cacheResolved: skuKey,
  load: (keys, ctx) =>
    Promise.all(
      keys.map((k) => {
        const [productId = '', skuId = '', country = ''] = splitKey(k, 3);
        return settle(source.sku(ctx, productId, skuId, country));
      }),
    ),
});

export const AvailabilityRef = builder.loadableNodeRef<source.AvailabilityShape, string, string>('Availability', {
  id: { resolve: availabilityKey, description: 'Global id; node(id) refetches this object.' },
  cacheResolved: availabilityKey,
  load: (keys, ctx) =>
    Promise.all(
      keys.map((k) => {
        const [productId = '', skuId = '', availabilityId = '', country = ''] = splitKey(k, 4);
        return settle(source.availability(ctx, productId, skuId, availabilityId, country));
      }),
    ),
});
