// Enums shared by several domains. Values map to Partner Center's wire spellings.
import { builder } from '../builder.js';
import { TARGET_VIEWS } from '../upstream/catalog.js';
import type { BillingCycle, Segment } from '../upstream/wire.js';

export const CatalogTargetViewEnum = builder.enumType('CatalogTargetView', {
  description: 'Which part of the catalog to list (Partner Center targetView).',
  values: {
    ONLINE_SERVICES: { value: TARGET_VIEWS.ONLINE_SERVICES, description: 'License-based online services, new commerce included (OnlineServices).' },
    AZURE: { value: TARGET_VIEWS.AZURE, description: 'Azure products (Azure).' },
    SOFTWARE: { value: TARGET_VIEWS.SOFTWARE, description: 'Software products (Software).' },
    AZURE_RESERVATIONS: { value: TARGET_VIEWS.AZURE_RESERVATIONS, description: 'Azure reservations (AzureReservations).' },
  } as const,
});

export const CustomerSegmentEnum = builder.enumType('CustomerSegment', {
  description: 'The customer segment an availability is sold to.',
  values: {
    COMMERCIAL: { value: 'commercial' as Segment, description: 'Commercial customers.' },
    EDUCATION: { value: 'education' as Segment, description: 'Education customers.' },
    GOVERNMENT: { value: 'government' as Segment, description: 'Government customers.' },
    NONPROFIT: { value: 'nonprofit' as Segment, description: 'Nonprofit customers.' },
  } as const,
});

export const BillingCycleEnum = builder.enumType('BillingCycle', {
  description: 'How often a term is billed.',
  values: {
    MONTHLY: { value: 'monthly' as BillingCycle, description: 'Billed every month.' },
    ANNUAL: { value: 'annual' as BillingCycle, description: 'Billed every year.' },
    TRIENNIAL: { value: 'triennial' as BillingCycle, description: 'Billed once for three years.' },
    BIENNIAL: { value: 'biennial' as BillingCycle, description: 'Billed once for two years.' },
    ONE_TIME: { value: 'one_time' as BillingCycle, description: 'Billed once.' },
    NONE: { value: 'none' as BillingCycle, description: 'Not billed (trials).' },
    UNKNOWN: { value: 'unknown' as BillingCycle, description: 'A value Partner Center sent that this gateway does not know yet.' },
  } as const,
});
