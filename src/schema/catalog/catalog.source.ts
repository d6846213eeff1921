// Catalog reads through the cross-request cache. The public catalog is the same for every caller of
// this partner, so it is cached per market (country, segment, view, locale) with a TTL, served stale
// while it refreshes and when Partner Center fails (src/state/shared-cache.ts); nothing
// customer-specific passes through here.
import type { GatewayContext } from '../../context.js';
import * as catalog from '../../upstream/catalog.js';
import type { UpstreamAvailability, UpstreamProduct, UpstreamSku } from '../../upstream/catalog.types.js';
import type { CallContext } from '../../upstream/client.js';
import type { Segment } from '../../upstream/wire.js';

export type ProductShape = UpstreamProduct & { country: string };
export type SkuShape = UpstreamSku & { country: string };
export type AvailabilityShape = UpstreamAvailability;

async function cached<T>(ctx: GatewayContext, parts: (string | undefined)[], load: (call: CallContext) => Promise<T>): Promise<T> {
  const key = ['catalog', ctx.locale, ...parts.map((p) => p ?? '*')].join('|');
  // A shared load (other readers, other replicas, a background refresh) must not die with the
  // request that happened to start it: drop the caller's signal (the upstream deadline still bounds it).
  const { signal: _signal, ...call } = ctx.call;
  const read = await ctx.catalogCache.read(key, () => load(call));
  if (read.staleAgeMs !== undefined) ctx.staleCatalog.note(read.staleAgeMs);
  return read.value;
}

export function products(ctx: GatewayContext, q: catalog.ProductListQuery): Promise<ProductShape[]> {
  return cached(ctx, ['products', q.country, q.targetView, q.targetSegment], async (call) =>
    (await catalog.listProducts(ctx.upstream, call, q)).map((p) => ({ ...p, country: q.country })),
  );
}

export function product(ctx: GatewayContext, productId: string, country: string): Promise<ProductShape> {
  return cached(ctx, ['product', country, productId], async (call) => ({
    ...(await catalog.getProduct(ctx.upstream, call, { productId, country })),
    country,
  }));
}

export function skus(ctx: GatewayContext, productId: string, country: string, targetSegment: Segment | undefined): Promise<SkuShape[]> {
  return cached(ctx, ['skus', country, productId, targetSegment], async (call) =>
    (await catalog.listSkus(ctx.upstream, call, { productId, country, targetSegment })).map((s) => ({ ...s, country })),
  );
}

export function sku(ctx: GatewayContext, productId: string, skuId: string, country: string): Promise<SkuShape> {
  return cached(ctx, ['sku', country, productId, skuId], async (call) => ({
    ...(await catalog.getSku(ctx.upstream, call, { productId, skuId, country })),
    country,
  }));
}

export function availabilities(
  ctx: GatewayContext,
  productId: string,
  skuId: string,
  country: string,
  targetSegment: Segment | undefined,
): Promise<AvailabilityShape[]> {
  return cached(ctx, ['availabilities', country, productId, skuId, targetSegment], (call) =>
    catalog.listAvailabilities(ctx.upstream, call, { productId, skuId, country, targetSegment }),
  );
}

export function availability(ctx: GatewayContext, productId: string, skuId: string, availabilityId: string, country: string): Promise<AvailabilityShape> {
  return cached(ctx, ['availability', country, productId, skuId, availabilityId], (call) =>
    catalog.getAvailability(ctx.upstream, call, { productId, skuId, availabilityId, country }),
  );
}
