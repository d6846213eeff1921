// All data and state of one sandbox instance. Nothing lives at module level, so two sandboxes in
// one process never share state; resource families add their own collections here and draw their
// ids from `random`, which continues the seeded stream after the seed data.
import type { SandboxCommerceSettings } from '../config.js';
import { DEFAULT_COMMERCE, mergeCommerceSettings } from './commerce-settings.js';
import { IdempotencyLedger } from './idempotency.js';
import type { Clock } from './types.js';
import type { Random } from './random.js';
import { createRandom, deriveSeed } from './random.js';
import type { Catalog } from './model/catalog.js';
import { CommerceStore } from './model/commerce-store.js';
import { CustomerStore } from './model/customer.js';
import { seedCatalog } from './seed/catalog.js';
import { seedCustomers } from './seed/customers.js';

export interface SandboxStore {
  readonly seed: number;
  readonly clock: Clock;
  /** The data stream: ids for everything created after seeding come from here. */
  readonly random: Random;
  readonly catalog: Catalog;
  readonly customers: CustomerStore;
  readonly commerce: CommerceStore;
  readonly idempotency: IdempotencyLedger;
  /** The partner user or app behind every request: what carts record as lastModifiedUser. */
  readonly partnerUserId: string;
}

export const systemClock: Clock = { now: () => new Date() };

export function createStore(seed: number, clock: Clock = systemClock, commerce: Partial<SandboxCommerceSettings> = {}): SandboxStore {
  // Separate streams per seed module: adding a product must not reshuffle every customer.
  const catalog = seedCatalog(createRandom(deriveSeed(seed, 'catalog')));
  const customers = new CustomerStore(seedCustomers(createRandom(deriveSeed(seed, 'customers'))));
  return {
    seed,
    clock,
    random: createRandom(deriveSeed(seed, 'data')),
    catalog,
    customers,
    commerce: new CommerceStore(clock, seed, mergeCommerceSettings(DEFAULT_COMMERCE, commerce)),
    idempotency: new IdempotencyLedger(),
    partnerUserId: createRandom(deriveSeed(seed, 'partner')).guid(),
  };
}
