// All data and state of one sandbox instance. Nothing lives at module level, so two sandboxes in
// one process never share state; resource families add their own collections here and draw their
// ids from `random`, which continues the seeded stream after the seed data.
import { InvoiceBook } from './billing/invoice-book.js';
import type { PartnerIdentity } from './billing/line-item.js';
import { billingSubject } from './billing/subject.js';
import type { BillingSubject } from './billing/subject.js';
import { ControllableClock } from './clock.js';
import { DEFAULT_COMMERCE, mergeCommerceSettings } from './commerce-settings.js';
import { IdempotencyLedger } from './idempotency.js';
import type { Clock, SandboxCommerceSettings } from './types.js';
import type { Random } from './random.js';
import { createRandom, deriveSeed } from './random.js';
import type { Catalog } from './model/catalog.js';
import { CommerceStore } from './model/commerce-store.js';
import { CustomerStore } from './model/customer.js';
import { HISTORY_ANCHOR_MS } from './seed/anchor.js';
import { seedBulkCustomer, seedBulkHistory } from './seed/bulk-customer.js';
import { seedCatalog } from './seed/catalog.js';
import { seedCustomers } from './seed/customers.js';
import { seedHistory } from './seed/history.js';
import type { History } from './seed/history.js';
import { seedInvoices, seedPartner } from './seed/invoices.js';

export interface SandboxStore {
  readonly seed: number;
  readonly clock: ControllableClock;
  /** The data stream: ids for everything created after seeding come from here. */
  readonly random: Random;
  readonly catalog: Catalog;
  readonly customers: CustomerStore;
  readonly commerce: CommerceStore;
  readonly invoices: InvoiceBook;
  /** The partner tenant the invoices belong to. */
  readonly partner: PartnerIdentity;
  readonly idempotency: IdempotencyLedger;
  /** The partner user or app behind every request: what carts record as lastModifiedUser. */
  readonly partnerUserId: string;
}

export const systemClock: Clock = { now: () => new Date() };

export function createStore(seed: number, clock: Clock = systemClock, commerce: Partial<SandboxCommerceSettings> = {}): SandboxStore {
  // Separate streams per seed module: adding a product must not reshuffle every customer, and the
  // history, the bulk customer and the invoices must not change anything seeded before them.
  const stream = (name: string): Random => createRandom(deriveSeed(seed, name));
  const catalog = seedCatalog(stream('catalog'));
  const generated = seedCustomers(stream('customers'));
  const bulk = seedBulkCustomer(stream('bulk-customer'));
  const customers = new CustomerStore([...generated, bulk]);
  const controllable = new ControllableClock(clock);
  const store = new CommerceStore(controllable, seed, mergeCommerceSettings(DEFAULT_COMMERCE, commerce));
  const history = seedHistory(stream('history'), seed, catalog, generated, HISTORY_ANCHOR_MS);
  const bulkHistory = seedBulkHistory(stream('bulk-history'), seed, catalog, bulk, HISTORY_ANCHOR_MS);
  for (const h of [history, bulkHistory]) store.addHistory(h.orders, h.subscriptions);
  return {
    seed,
    clock: controllable,
    random: stream('data'),
    catalog,
    customers,
    commerce: store,
    invoices: new InvoiceBook(seedInvoices(stream('invoices'), catalog.markets), [...subjectsOf(history), ...subjectsOf(bulkHistory)]),
    partner: seedPartner(stream('partner-tenant')),
    idempotency: new IdempotencyLedger(),
    partnerUserId: stream('partner').guid(),
  };
}

/** Copies of the seeded subscriptions as billing sees them, taken before any request changes them. */
function subjectsOf(history: History): BillingSubject[] {
  const orders = new Map(history.orders.map((o) => [o.id, o]));
  return history.subscriptions.flatMap((s) => {
    const order = orders.get(s.orderId);
    return order ? [billingSubject(s, order)] : [];
  });
}
