// The ids the scenarios use, looked up in the sandbox before anything is measured. Every cold
// scenario first runs its document once in another market (another country, another customer),
// which warms the process's code paths and upstream connections but none of the catalog entries
// the measured document needs.
import { z } from 'zod';
import type { SandboxProcess } from './sandbox-process.js';

/** src/sandbox/seed/bulk-customer.ts: 50 subscriptions of 8 products, in the US. */
const BULK_CUSTOMER_NAME = 'Fabrikam Bulk Licensing';
const COUNTRY = 'US';
const WARMUP_COUNTRY = 'DE';

export interface Fixtures {
  readonly country: string;
  readonly warmupCountry: string;
  readonly catalogItemId: string;
  readonly warmupCatalogItemId: string;
  readonly bulkCustomerId: string;
  readonly warmupCustomerId: string;
}

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const customers = items(z.object({ id: z.string(), companyProfile: z.object({ companyName: z.string() }) }));
const customer = z.object({ billingProfile: z.object({ defaultAddress: z.object({ country: z.string() }) }) });
const idList = items(z.object({ id: z.string() }));
const availabilities = items(z.object({ catalogItemId: z.string() }));
const subscriptionList = z.object({ totalCount: z.number() });

async function firstCatalogItem(sandbox: SandboxProcess, country: string): Promise<string> {
  const [product] = (await sandbox.get(`/v1/products?country=${country}&targetView=OnlineServices`, idList)).items;
  if (!product) throw new Error(`no products in ${country}`);
  const [sku] = (await sandbox.get(`/v1/products/${product.id}/skus?country=${country}`, idList)).items;
  if (!sku) throw new Error(`no SKUs of ${product.id} in ${country}`);
  const [availability] = (await sandbox.get(`/v1/products/${product.id}/skus/${sku.id}/availabilities?country=${country}`, availabilities)).items;
  if (!availability) throw new Error(`no availability of ${product.id}:${sku.id} in ${country}`);
  return availability.catalogItemId;
}

export async function findFixtures(sandbox: SandboxProcess): Promise<Fixtures> {
  const all = (await sandbox.get('/v1/customers?size=500', customers)).items;
  const bulk = all.find((c) => c.companyProfile.companyName === BULK_CUSTOMER_NAME);
  if (!bulk) throw new Error(`no customer ${BULK_CUSTOMER_NAME} in the sandbox`);
  const countries = await Promise.all(all.map(async (c) => ({ id: c.id, country: (await sandbox.get(`/v1/customers/${c.id}`, customer)).billingProfile.defaultAddress.country })));
  let warmupCustomerId: string | undefined;
  for (const c of countries.filter((x) => x.country === WARMUP_COUNTRY)) {
    if ((await sandbox.get(`/v1/customers/${c.id}/subscriptions`, subscriptionList)).totalCount > 0) {
      warmupCustomerId = c.id;
      break;
    }
  }
  if (!warmupCustomerId) throw new Error(`no ${WARMUP_COUNTRY} customer with subscriptions`);
  const [catalogItemId, warmupCatalogItemId] = await Promise.all([firstCatalogItem(sandbox, COUNTRY), firstCatalogItem(sandbox, WARMUP_COUNTRY)]);
  await sandbox.reset();
  return { country: COUNTRY, warmupCountry: WARMUP_COUNTRY, catalogItemId, warmupCatalogItemId, bulkCustomerId: bulk.id, warmupCustomerId };
}
