// Catalog reads through the cross-request cache. The public catalog is the same for every caller of
// this partner, so it is cached per market (country, segment, view, locale) with a TTL, served stale
// while it refreshes and when Partner Center fails (src/state/shared-cache.ts); nothing
// customer-specific passes through here.
//
// Every read answers without a promise when this process holds the entry in memory and may serve
// it (SharedCache.peek): a warm catalog page then executes synchronously, and graphql-js completes
// plain values far more cheaply than promises. Otherwise it answers a promise of the read-through.
import type { GatewayContext } from '../../context.js';
import * as catalog from '../../upstream/catalog.js';
import type { UpstreamAvailability, UpstreamProduct, UpstreamSku } from '../../upstream/catalog.types.js';
import type { CallContext } from '../../upstream/client.js';
import type { Segment } from '../../upstream/wire.js';
import type { MaybePromise } from '../loading.js';

export type ProductShape = UpstreamProduct & { country: string };
export type SkuShape = UpstreamSku & { country: string };
export type AvailabilityShape = UpstreamAvailability;

type Load<T> = (call: CallContext) => Promise<T>;

// The key is "catalog|<locale>|<kind>|<parts, '*' for none>"; it is also the Redis key, so it
// stays the same from one version to the next (a rolling deploy shares the entries).
const key = (ctx: GatewayContext, kind: string, ...parts: (string | undefined)[]) => `catalog|${ctx.locale}|${kind}|${parts.map((p) => p ?? '*').join('|')}`;

/** The load as the cache runs it: shared by other readers, so without this caller's signal. */
function shared<T>(ctx: GatewayContext, load: Load<T>): () => Promise<T> {
  return () => {
    // A shared load (other readers, other replicas, a background refresh) must not die with the
    // request that happened to start it: drop the caller's signal (the upstream deadline still bounds it).
    const { signal: _signal, ...call } = ctx.call;
    return load(call);
  };
}

/** The entry's value if this process may serve it now from memory, else undefined. */
function inMemory<T>(ctx: GatewayContext, cacheKey: string, load: Load<T>): T | undefined {
  const entry = ctx.catalogCache.peek(cacheKey, shared(ctx, load));
  // The result cache keeps a result with the entries it was made from (plugins/catalog-result-cache.ts).
  if (entry && ctx.catalogServed) ctx.catalogServed.add(cacheKey, entry);
  return entry?.value;
}

async function readThrough<T>(ctx: GatewayContext, cacheKey: string, load: Load<T>): Promise<T> {
  if (ctx.catalogServed) ctx.catalogServed.incomplete = true;
  const read = await ctx.catalogCache.read(cacheKey, shared(ctx, load));
  if (read.staleAgeMs !== undefined) ctx.staleCatalog.note(read.staleAgeMs);
  return read.value;
}

function cached<T>(ctx: GatewayContext, cacheKey: string, load: Load<T>): MaybePromise<T> {
  const warm = inMemory(ctx, cacheKey, load);
  return warm !== undefined ? warm : readThrough(ctx, cacheKey, load);
}

const productsLoad = (ctx: GatewayContext, q: catalog.ProductListQuery): Load<ProductShape[]> => async (call) =>
  (await catalog.listProducts(ctx.upstream, call, q)).map((p) => ({ ...p, country: q.country }));

export function products(ctx: GatewayContext, q: catalog.ProductListQuery): MaybePromise<ProductShape[]> {
  return cached(ctx, key(ctx, 'products', q.country, q.targetView, q.targetSegment), productsLoad(ctx, q));
}

export function product(ctx: GatewayContext, productId: string, country: string): MaybePromise<ProductShape> {
  return cached(ctx, key(ctx, 'product', country, productId), async (call) => ({
    ...(await catalog.getProduct(ctx.upstream, call, { productId, country })),
    country,
  }));
}

const skusKey = (ctx: GatewayContext, productId: string, country: string, targetSegment: Segment | undefined) => key(ctx, 'skus', country, productId, targetSegment);
const skusLoad = (ctx: GatewayContext, productId: string, country: string, targetSegment: Segment | undefined): Load<SkuShape[]> => async (call) =>
  (await catalog.listSkus(ctx.upstream, call, { productId, country, targetSegment })).map((s) => ({ ...s, country }));

export function skus(ctx: GatewayContext, productId: string, country: string, targetSegment: Segment | undefined): MaybePromise<SkuShape[]> {
  return cached(ctx, skusKey(ctx, productId, country, targetSegment), skusLoad(ctx, productId, country, targetSegment));
}

/** The SKU list when it can be served from memory now; undefined: read it through its loader. */
export function skusInMemory(ctx: GatewayContext, productId: string, country: string, targetSegment: Segment | undefined): SkuShape[] | undefined {
  return inMemory(ctx, skusKey(ctx, productId, country, targetSegment), skusLoad(ctx, productId, country, targetSegment));
}

export function sku(ctx: GatewayContext, productId: string, skuId: string, country: string): MaybePromise<SkuShape> {
  return cached(ctx, key(ctx, 'sku', country, productId, skuId), async (call) => ({
    ...(await catalog.getSku(ctx.upstream, call, { productId, skuId, country })),
    country,
  }));
}

const availabilitiesKey = (ctx: GatewayContext, productId: string, skuId: string, country: string, targetSegment: Segment | undefined) =>
  key(ctx, 'availabilities', country, productId, skuId, targetSegment);
const availabilitiesLoad =
  (ctx: GatewayContext, productId: string, skuId: string, country: string, targetSegment: Segment | undefined): Load<AvailabilityShape[]> =>
  (call) =>
    catalog.listAvailabilities(ctx.upstream, call, { productId, skuId, country, targetSegment });

export function availabilities(ctx: GatewayContext, productId: string, skuId: string, country: string, targetSegment: Segment | undefined): MaybePromise<AvailabilityShape[]> {
  return cached(ctx, availabilitiesKey(ctx, productId, skuId, country, targetSegment), availabilitiesLoad(ctx, productId, skuId, country, targetSegment));
}

/** The availability list when it can be served from memory now; undefined: read it through its loader. */
export function availabilitiesInMemory(
  ctx: GatewayContext,
  productId: string,
  skuId: string,
  country: string,
  targetSegment: Segment | undefined,
): AvailabilityShape[] | undefined {
  return inMemory(ctx, availabilitiesKey(ctx, productId, skuId, country, targetSegment), availabilitiesLoad(ctx, productId, skuId, country, targetSegment));
}

export function availability(ctx: GatewayContext, productId: string, skuId: string, availabilityId: string, country: string): MaybePromise<AvailabilityShape> {
  return cached(ctx, key(ctx, 'availability', country, productId, skuId, availabilityId), (call) =>
    catalog.getAvailability(ctx.upstream, call, { productId, skuId, availabilityId, country }),
  );
}
