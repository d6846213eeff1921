// Generated customers: enough of them (45) that seek paging with the default size of 40 needs a
// second page. Names, ids and addresses all come from the seeded PRNG.
import type { Random } from '../random.js';
import { link } from '../links.js';
import type { Customer } from '../model/customer.js';
import { COMPANY_BASES, PEOPLE, SECTORS } from './names.js';

export const CUSTOMER_COUNT = 45;
const COUNTRIES = ['US', 'DE', 'FR'] as const;

export function seedCustomers(random: Random): Customer[] {
  const usedNames = new Set<string>();
  const customers: Customer[] = [];
  while (customers.length < CUSTOMER_COUNT) {
    const brand = `${random.pick(COMPANY_BASES)} ${random.pick(SECTORS)}`;
    if (usedNames.has(brand)) continue;
    usedNames.add(brand);
    customers.push(buildCustomer(random, brand, random.pick(COUNTRIES)));
  }
  return customers;
}

/** A customer of `brand`; `companyName` replaces the drawn "brand + legal form" when given. */
export function buildCustomer(random: Random, brand: string, country: (typeof COUNTRIES)[number], name?: string): Customer {
  const people = PEOPLE[country];
  const id = random.guid();
  const companyName = name ?? `${brand} ${random.pick(people.legalForms)}`;
  // Unique because the brand is; onmicrosoft.com labels allow only letters and digits.
  const domain = `${brand.toLowerCase().replace(/[^a-z0-9]/g, '')}.onmicrosoft.com`;
  const firstName = random.pick(people.firstNames);
  const lastName = random.pick(people.lastNames);
  const [city, state, postalPrefix] = random.pick(people.cities);
  const postalCode = `${postalPrefix}${String(random.int(10 ** (5 - postalPrefix.length))).padStart(5 - postalPrefix.length, '0')}`;
  const self = `/customers/${id}`;
  return {
    id,
    commerceId: random.guid(),
    companyProfile: {
      tenantId: id,
      domain,
      companyName,
      links: { self: link(`${self}/profiles/company`) },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    billingProfile: {
      id: random.guid(),
      firstName,
      lastName,
      email: `${asciiLocalPart(firstName)}.${asciiLocalPart(lastName)}@${domain}`,
      culture: people.culture,
      language: people.language,
      companyName,
      defaultAddress: {
        country,
        region: '',
        city,
        state,
        addressLine1: streetLine(people.numberAfterStreet === true, 1 + random.int(250), random.pick(people.streets)),
        addressLine2: '',
        postalCode,
        firstName,
        lastName,
        phoneNumber: `${people.phonePrefix} ${String(random.int(10_000_000)).padStart(7, '0')}`,
      },
      links: { self: link(`${self}/profiles/billing`) },
      attributes: { etag: random.chars('0123456789', 19), objectType: 'CustomerBillingProfile' },
    },
    relationshipToPartner: 'reseller',
    allowDelegatedAccess: true,
    links: { self: link(self) },
    attributes: { objectType: 'Customer' },
  };
}

function streetLine(numberAfterStreet: boolean, houseNumber: number, street: string): string {
  return numberAfterStreet ? `${street} ${houseNumber}` : `${houseNumber} ${street}`;
}

function asciiLocalPart(name: string): string {
  return name.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}
