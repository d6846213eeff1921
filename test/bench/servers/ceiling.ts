// The ceiling: bare graphql-yoga answering the browse document from memory. It reads the catalog
// of the market once from the sandbox at start, so while measured it makes no upstream call and
// does nothing but parse, validate, execute and serialize: what any yoga server over this schema
// costs at least. Started by the bench: PORT, PARTNER_CENTER_BASE_URL, CEILING_COUNTRY (US).
import { GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { serve, upstreamUrl } from './serve.js';
import { BROWSE_SDL, productPage } from './sdl.js';
import { availabilityList, availabilityView, productList, skuList, type AvailabilityView } from './wire.js';
import type { z } from 'zod';

interface SkuView {
  skuId: string;
  title: string;
  minimumQuantity: number;
  maximumQuantity: number;
  availabilities: AvailabilityView[];
}
interface ProductView {
  productId: string;
  title: string;
  skus: SkuView[];
}

const base = upstreamUrl();
const country = process.env.CEILING_COUNTRY ?? 'US';

async function get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const res = await fetch(`${base}/v1${path}`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`sandbox GET ${path}: ${res.status}`);
  return schema.parse(await res.json());
}

/** The whole OnlineServices catalog of the market, shaped as the browse selects it. */
async function loadCatalog(): Promise<ProductView[]> {
  const products = await get(`/products?country=${country}&targetView=OnlineServices`, productList);
  return Promise.all(
    products.items.map(async (p) => {
      const skus = await get(`/products/${encodeURIComponent(p.id)}/skus?country=${country}`, skuList);
      return {
        productId: p.id,
        title: p.title,
        skus: await Promise.all(
          skus.items.map(async (s) => {
            const path = `/products/${encodeURIComponent(p.id)}/skus/${encodeURIComponent(s.id)}/availabilities?country=${country}`;
            const availabilities = await get(path, availabilityList);
            return { skuId: s.id, title: s.title, minimumQuantity: s.minimumQuantity, maximumQuantity: s.maximumQuantity, availabilities: availabilities.items.map(availabilityView) };
          }),
        ),
      };
    }),
  );
}

const catalog = await loadCatalog();

const schema = createSchema({
  typeDefs: BROWSE_SDL,
  resolvers: {
    Query: {
      products: (_root: unknown, args: { country: string; targetView: string; first?: number | null }) => {
        if (args.country !== country || args.targetView !== 'ONLINE_SERVICES') throw new GraphQLError(`the ceiling holds only ${country} ONLINE_SERVICES`);
        return { edges: catalog.slice(0, productPage(args.first)).map((node) => ({ node })) };
      },
    },
  },
});

// Yoga's defaults, nothing added: no GraphiQL (never fetched by the bench), no request logging.
const yoga = createYoga({ schema, graphiql: false, logging: false });
serve(yoga);
