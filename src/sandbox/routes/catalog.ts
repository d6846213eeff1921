// Catalog routes: products, SKUs and availabilities (reference §2.1, samples §6.1-6.3). All lists
// are unpaged: one envelope with only links.self.
import { ApiError, FaultCode, notFound } from '../errors.js';
import { collection, withQuery } from '../links.js';
import type { ProductRecord, SkuRecord } from '../model/catalog.js';
import { ok } from '../request.js';
import type { RequestContext, RouteDef } from '../request.js';
import { NCE_VIEW, optionalCountry, optionalSegment, requireCountry, requireTargetView } from './catalog-query.js';
import { availabilityView, productView, skuView } from './catalog-view.js';
import { ROUTE } from './keys.js';

export const catalogRoutes: readonly RouteDef[] = [
  { key: ROUTE.listProducts, echoIdsTwice: true, handler: listProducts },
  { key: ROUTE.getProduct, echoIdsTwice: true, handler: getProduct },
  { key: ROUTE.listSkus, echoIdsTwice: true, handler: listSkus },
  { key: ROUTE.getSku, echoIdsTwice: true, handler: getSku },
  { key: ROUTE.listAvailabilities, echoIdsTwice: true, handler: listAvailabilities },
  { key: ROUTE.getAvailability, echoIdsTwice: true, handler: getAvailability },
];

function listProducts(ctx: RequestContext) {
  const country = requireCountry(ctx);
  const view = requireTargetView(ctx);
  const segment = optionalSegment(ctx);
  const { catalog } = ctx.store;
  // Other valid views (Azure, Software, ...) hold no new-commerce products: a valid, empty list.
  const products =
    view === NCE_VIEW ? catalog.products.filter((p) => catalog.availabilitiesOf(p.id, undefined, { country, segment }).length > 0) : [];
  const self = withQuery('/products', [['country', country], ['targetView', view], ['targetSegment', segment]]);
  return ok(collection(products.map((p) => productView(p, country)), self));
}

function getProduct(ctx: RequestContext) {
  const country = requireCountry(ctx);
  return ok(productView(findProduct(ctx, country), country));
}

function listSkus(ctx: RequestContext) {
  const country = requireCountry(ctx);
  const segment = optionalSegment(ctx);
  const product = findProduct(ctx, country);
  const { catalog } = ctx.store;
  // Only SKUs with an availability in the market (and segment) are listed.
  const skus = catalog.skusOf(product.id).filter((s) => catalog.availabilitiesOf(product.id, s.id, { country, segment }).length > 0);
  const self = withQuery(`/products/${product.id}/skus`, [['country', country], ['targetSegment', segment]]);
  return ok(collection(skus.map((s) => skuView(s, country)), self));
}

function getSku(ctx: RequestContext) {
  const country = optionalCountry(ctx);
  return ok(skuView(findSku(ctx, country), country));
}

function listAvailabilities(ctx: RequestContext) {
  const country = requireCountry(ctx);
  const segment = optionalSegment(ctx);
  const sku = findSku(ctx, country);
  const items = ctx.store.catalog.availabilitiesOf(sku.productId, sku.id, { country, segment });
  const self = withQuery(`/products/${sku.productId}/skus/${sku.id}/availabilities`, [['country', country], ['targetSegment', segment]]);
  return ok(collection(items.map(availabilityView), self));
}

function getAvailability(ctx: RequestContext) {
  const country = optionalCountry(ctx);
  const sku = findSku(ctx, country);
  const availability = ctx.store.catalog.availability(ctx.param('availabilityId'));
  if (
    !availability ||
    availability.productId !== sku.productId ||
    availability.skuId !== sku.id ||
    (country !== undefined && availability.country !== country)
  ) {
    // No catalog-specific code is documented for a missing availability; use the generic 1000.
    throw notFound('The requested availability was not found');
  }
  return ok(availabilityView(availability));
}

/** The path's product, if it is sold in the market; otherwise 404 400013 as the docs list it. */
function findProduct(ctx: RequestContext, country: string | undefined): ProductRecord {
  const { catalog } = ctx.store;
  const product = catalog.product(ctx.param('productId'));
  if (!product || (country !== undefined && catalog.availabilitiesOf(product.id, undefined, { country }).length === 0)) {
    throw new ApiError(404, FaultCode.productNotFound, 'The parent product was not found');
  }
  return product;
}

function findSku(ctx: RequestContext, country: string | undefined): SkuRecord {
  const product = findProduct(ctx, country);
  const { catalog } = ctx.store;
  const sku = catalog.sku(product.id, ctx.param('skuId'));
  if (!sku || (country !== undefined && catalog.availabilitiesOf(product.id, sku.id, { country }).length === 0)) {
    throw new ApiError(404, FaultCode.skuNotFound, 'The requested SKU was not found');
  }
  return sku;
}
