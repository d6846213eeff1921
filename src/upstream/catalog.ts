// Catalog calls: products, SKUs and availabilities of the partner-scoped catalog (reference §2.1).
// These lists are unpaged: one envelope each.
import type { CallContext, PartnerCenterClient } from './client.js';
import { getParsed } from './parse.js';
import {
  availabilityCollection,
  availabilitySchema,
  productCollection,
  productSchema,
  skuCollection,
  skuSchema,
  type UpstreamAvailability,
  type UpstreamProduct,
  type UpstreamSku,
} from './catalog.types.js';
import type { Segment } from './wire.js';

/** The targetView values the service documents; the gateway sends them as written here. */
export const TARGET_VIEWS = {
  ONLINE_SERVICES: 'OnlineServices',
  AZURE: 'Azure',
  SOFTWARE: 'Software',
  AZURE_RESERVATIONS: 'AzureReservations',
} as const;
export type TargetView = (typeof TARGET_VIEWS)[keyof typeof TARGET_VIEWS];

const enc = encodeURIComponent;

export interface ProductListQuery {
  country: string;
  targetView: TargetView;
  targetSegment?: Segment | undefined;
}

export async function listProducts(client: PartnerCenterClient, ctx: CallContext, q: ProductListQuery): Promise<UpstreamProduct[]> {
  const query = { country: q.country, targetView: q.targetView, targetSegment: q.targetSegment };
  return (await getParsed(client, ctx, productCollection, '/products', query)).items;
}

export function getProduct(client: PartnerCenterClient, ctx: CallContext, q: { productId: string; country: string }): Promise<UpstreamProduct> {
  return getParsed(client, ctx, productSchema, `/products/${enc(q.productId)}`, { country: q.country });
}

export async function listSkus(
  client: PartnerCenterClient,
  ctx: CallContext,
  q: { productId: string; country: string; targetSegment?: Segment | undefined },
): Promise<UpstreamSku[]> {
  const query = { country: q.country, targetSegment: q.targetSegment };
  return (await getParsed(client, ctx, skuCollection, `/products/${enc(q.productId)}/skus`, query)).items;
}

export function getSku(client: PartnerCenterClient, ctx: CallContext, q: { productId: string; skuId: string; country: string }): Promise<UpstreamSku> {
  return getParsed(client, ctx, skuSchema, `/products/${enc(q.productId)}/skus/${enc(q.skuId)}`, { country: q.country });
}

export async function listAvailabilities(
  client: PartnerCenterClient,
  ctx: CallContext,
  q: { productId: string; skuId: string; country: string; targetSegment?: Segment | undefined },
): Promise<UpstreamAvailability[]> {
  const path = `/products/${enc(q.productId)}/skus/${enc(q.skuId)}/availabilities`;
  return (await getParsed(client, ctx, availabilityCollection, path, { country: q.country, targetSegment: q.targetSegment })).items;
}

export function getAvailability(
  client: PartnerCenterClient,
  ctx: CallContext,
  q: { productId: string; skuId: string; availabilityId: string; country: string },
): Promise<UpstreamAvailability> {
  const path = `/products/${enc(q.productId)}/skus/${enc(q.skuId)}/availabilities/${enc(q.availabilityId)}`;
  return getParsed(client, ctx, availabilitySchema, path, { country: q.country });
}
