// Customers as Partner Center returns them from GET /customers/{id} (reference §2.2). Their links
// do not depend on the request, so the stored record is the wire shape.
import type { Link } from '../links.js';

export interface Address {
  readonly country: string;
  readonly region: string;
  readonly city: string;
  readonly state: string;
  readonly addressLine1: string;
  readonly addressLine2: string;
  readonly postalCode: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phoneNumber: string;
}

export interface CompanyProfile {
  readonly tenantId: string;
  readonly domain: string;
  readonly companyName: string;
  readonly links: { readonly self: Link };
  readonly attributes: { readonly objectType: 'CustomerCompanyProfile' };
}

export interface BillingProfile {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly culture: string;
  readonly language: string;
  readonly companyName: string;
  readonly defaultAddress: Address;
  readonly links: { readonly self: Link };
  readonly attributes: { readonly etag: string; readonly objectType: 'CustomerBillingProfile' };
}

export interface Customer {
  readonly id: string;
  readonly commerceId: string;
  readonly companyProfile: CompanyProfile;
  readonly billingProfile: BillingProfile;
  readonly relationshipToPartner: 'reseller';
  readonly allowDelegatedAccess: boolean;
  readonly links: { readonly self: Link };
  readonly attributes: { readonly objectType: 'Customer' };
}

/** Customers in the stable order that seek paging walks: company name, then id. */
export class CustomerStore {
  private readonly byId = new Map<string, Customer>();
  private ordered: Customer[] | undefined;

  constructor(customers: readonly Customer[]) {
    for (const c of customers) this.add(c);
  }

  add(customer: Customer): void {
    this.byId.set(customer.id.toLowerCase(), customer);
    this.ordered = undefined;
  }

  get(customerId: string): Customer | undefined {
    return this.byId.get(customerId.toLowerCase());
  }

  get size(): number {
    return this.byId.size;
  }

  /** Sorted by seek key; recomputed only after a change. */
  list(): readonly Customer[] {
    this.ordered ??= [...this.byId.values()].sort((a, b) => compareSeekKeys(seekKey(a), seekKey(b)));
    return this.ordered;
  }
}

/** The position of a customer in the walk; a continuation token stores the last one served. */
export type SeekKey = readonly [name: string, id: string];

export const seekKey = (c: Customer): SeekKey => [c.companyProfile.companyName.toLowerCase(), c.id];

export function compareSeekKeys(a: SeekKey, b: SeekKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}
