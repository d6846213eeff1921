import { builder } from '../../builder.js';
import type { UpstreamCustomer } from '../../upstream/customers.js';
import { customerDetailsLoader } from './customer.loaders.js';

/** Customer data is never cached across requests: the per-request loader is its only cache. */
export const CustomerRef = builder.loadableNodeRef<UpstreamCustomer, string, string>('Customer', {
  id: { resolve: (c) => c.id.toLowerCase(), description: 'Global id; node(id) refetches this object.' },
  cacheResolved: (c) => c.id.toLowerCase(),
  load: (ids, ctx) => customerDetailsLoader(ctx).loadMany(ids),
});

CustomerRef.implement({
  description: 'A customer tenant of the partner.',
  fields: (t) => ({
    customerId: t.id({ description: 'The customer tenant id (a GUID).', resolve: (c) => c.id }),
    companyName: t.string({ nullable: true, description: 'Company name.', resolve: (c) => c.companyProfile.companyName ?? null }),
    domain: t.string({ nullable: true, description: 'Default domain, e.g. contoso.onmicrosoft.com.', resolve: (c) => c.companyProfile.domain ?? null }),
    relationshipToPartner: t.string({
      nullable: true,
      description: 'How the partner relates to the customer, e.g. reseller.',
      resolve: (c) => c.relationshipToPartner ?? null,
    }),
  }),
});
