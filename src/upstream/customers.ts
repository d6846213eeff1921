// Customers (reference §2.2): a seek-paged list and get by id. List items carry only id,
// companyProfile and relationshipToPartner; get-by-id adds the billing profile.
import { z } from 'zod';
import type { CallContext, PartnerCenterClient } from './client.js';
import { getPage, getParsed } from './parse.js';
import type { Page, PageRequest } from './paging.js';
import { collectionOf, optionalText } from './wire.js';

export const customerSchema = z.object({
  id: z.string().min(1),
  companyProfile: z
    .object({ tenantId: optionalText, domain: optionalText, companyName: optionalText })
    .nullish()
    .transform((v) => v ?? { tenantId: undefined, domain: undefined, companyName: undefined }),
  relationshipToPartner: optionalText,
  billingProfile: z
    .object({
      culture: optionalText,
      defaultAddress: z.object({ country: optionalText }).nullish(),
    })
    .nullish(),
});
export type UpstreamCustomer = z.output<typeof customerSchema>;

const customerCollection = collectionOf(customerSchema);

export interface CustomerListQuery {
  size: number;
  companyNameStartsWith?: string | undefined;
}

/** The first page's request. Filters are URL-encoded JSON, and starts_with is the supported operator. */
export function firstCustomerPage(q: CustomerListQuery): PageRequest {
  const params = new URLSearchParams({ size: String(q.size) });
  if (q.companyNameStartsWith !== undefined) {
    params.set('filter', JSON.stringify({ Field: 'CompanyName', Value: q.companyNameStartsWith, Operator: 'starts_with' }));
  }
  return { uri: `/customers?${params.toString()}`, headers: {} };
}

export function listCustomers(client: PartnerCenterClient, ctx: CallContext, request: PageRequest): Promise<Page<UpstreamCustomer>> {
  return getPage(client, ctx, customerCollection, request);
}

export function getCustomer(client: PartnerCenterClient, ctx: CallContext, customerId: string): Promise<UpstreamCustomer> {
  return getParsed(client, ctx, customerSchema, `/customers/${encodeURIComponent(customerId)}`);
}
