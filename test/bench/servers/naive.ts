// The naive gateway: graphql-yoga whose resolvers each fetch what they need from the sandbox when
// they run: no dataloader, no cache, no batching, ids not reused from the parent. What a first
// GraphQL layer over a REST API usually is, and what the gateway's loaders and cache are measured
// against. Started by the bench: PORT, PARTNER_CENTER_BASE_URL.
import { GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import type { z } from 'zod';
import { serve, upstreamUrl } from './serve.js';
import { BROWSE_SDL, COLD_SDL, productPage } from './sdl.js';
import {
  availabilityList,
  availabilityView,
  availabilityWire,
  customerWire,
  productList,
  productWire,
  skuList,
  skuWire,
  subscriptionList,
  TARGET_VIEWS,
  type SkuWire,
  type SubscriptionWire,
} from './wire.js';

const base = upstreamUrl();
const enc = encodeURIComponent;

/** One upstream GET, through Node's global fetch (keep-alive, no connection limit). */
async function get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const res = await fetch(`${base}/v1${path}`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new GraphQLError(`upstream GET ${path}: ${res.status}`);
  return schema.parse(await res.json());
}

// Each object carries the market it was read in, so its children can fetch in the same one.
interface ProductNode {
  productId: string;
  title: string;
  country: string;
}
type SkuNode = SkuWire & { country: string };
interface AvailabilityNode {
  productId: string;
  skuId: string;
  country: string;
}

const productNode = (p: z.infer<typeof productWire>, country: string): ProductNode => ({ productId: p.id, title: p.title, country });
const skuNode = (s: SkuWire, country: string) => ({ ...s, skuId: s.id, country });

/** Subscription links are relative to the API root without /v1 (a documented quirk); the country is in the query. */
function linkCountry(uri: string): string {
  return new URL(uri, 'http://x').searchParams.get('country') ?? 'US';
}

const schema = createSchema({
  typeDefs: [BROWSE_SDL, COLD_SDL],
  resolvers: {
    Query: {
      products: async (_root: unknown, args: { country: string; targetView: string; first?: number | null }) => {
        const view = TARGET_VIEWS[args.targetView] ?? 'OnlineServices';
        const list = await get(`/products?country=${enc(args.country)}&targetView=${view}`, productList);
        return { edges: list.items.slice(0, productPage(args.first)).map((p) => ({ node: productNode(p, args.country) })) };
      },
      catalogItem: async (_root: unknown, args: { catalogItemId: string; country: string }) => {
        const [productId = '', skuId = '', availabilityId = ''] = args.catalogItemId.split(':');
        const a = await get(`/products/${enc(productId)}/skus/${enc(skuId)}/availabilities/${enc(availabilityId)}?country=${enc(args.country)}`, availabilityWire);
        return { ...availabilityView(a), productId, skuId, country: args.country };
      },
      customer: (_root: unknown, args: { customerId: string }) => get(`/customers/${enc(args.customerId)}`, customerWire),
    },
    Product: {
      skus: async (p: ProductNode) => (await get(`/products/${enc(p.productId)}/skus?country=${enc(p.country)}`, skuList)).items.map((s) => skuNode(s, p.country)),
    },
    Sku: {
      availabilities: async (s: SkuNode) =>
        (await get(`/products/${enc(s.productId)}/skus/${enc(s.id)}/availabilities?country=${enc(s.country)}`, availabilityList)).items.map(availabilityView),
    },
    Availability: {
      product: async (a: AvailabilityNode) => productNode(await get(`/products/${enc(a.productId)}?country=${enc(a.country)}`, productWire), a.country),
      sku: async (a: AvailabilityNode) => skuNode(await get(`/products/${enc(a.productId)}/skus/${enc(a.skuId)}?country=${enc(a.country)}`, skuWire), a.country),
    },
    Customer: {
      subscriptions: async (c: { id: string }, args: { first?: number | null }) => {
        const list = await get(`/customers/${enc(c.id)}/subscriptions`, subscriptionList);
        return { edges: list.items.slice(0, args.first ?? 50).map((node) => ({ node })) };
      },
    },
    CustomerSubscription: {
      product: async (s: SubscriptionWire) => productNode(await get(s.links.product.uri, productWire), linkCountry(s.links.product.uri)),
      sku: async (s: SubscriptionWire) => skuNode(await get(s.links.sku.uri, skuWire), linkCountry(s.links.sku.uri)),
      availability: async (s: SubscriptionWire) => {
        const a = await get(s.links.availability.uri, availabilityWire);
        const [productId = '', skuId = ''] = a.catalogItemId.split(':');
        return { ...availabilityView(a), productId, skuId, country: linkCountry(s.links.availability.uri) };
      },
    },
  },
});

const yoga = createYoga({ schema, graphiql: false, logging: false });
serve(yoga);
