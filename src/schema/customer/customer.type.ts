import { builder } from '../../builder.js';
import type { UpstreamCustomer } from '../../upstream/customers.js';
import { customerDetailsLoader } from './customer.loaders.js';
import { fromRecord } from './customer.record.js';

/**
 * Customer data is never cached across requests: the per-request loader is its only cache. A
 * customer may be resolved by id alone (customer.record.ts): fields of its record read it through
 * fromRecord, never from the object directly.
 */
export const CustomerRef = builder.loadableNodeRef<UpstreamCustomer, string, string>('Customer', {
  id: { resolve: (c) => c.id.toLowerCase(), description: 'Global id; node(id) refetches this object.' },
  cacheResolved: (c) => c.id.toLowerCase(),
  load: (ids, ctx) => customerDetailsLoader(ctx).loadMany(ids),
});

CustomerRef.implement({
  description: 'A customer tenant of the partner.',
  fields: (t) => ({
    customerId: t.id({ description: 'The customer tenant id (a GUID).', resolve: (c) => c.id }),
    companyName: t.string({ nullable: true, description: 'Company name.', resolve: (c, _a, ctx) => fromRecord(ctx, c, (r) => r.companyProfile.companyName ?? null) }),
    domain: t.string({ nullable: true, description: 'Default domain, e.g. contoso.onmicrosoft.com.', resolve: (c, _a, ctx) => fromRecord(ctx, c, (r) => r.companyProfile.domain ?? null) }),
    relationshipToPartner: t.string({
      nullable: true,
      description: 'How the partner relates to the customer, e.g. reseller.',
      resolve: (c, _a, ctx) => fromRecord(ctx, c, (r) => r.relationshipToPartner ?? null),
    }),
  }),
});
