// "Fabrikam Bulk Licensing": one more US customer, appended after the generated ones, with exactly
// 50 active subscriptions of exactly 8 products, a load fixture for the gateway. It onboards staff
// daily: in the newest billed month each subscription gained a seat four times a day, so that
// month's USD invoice carries thousands of reconciliation lines and paging through it matters.
// Drawn from streams of its own: the other customers and their history are the same without it.
import { DAY_MS } from '../dates.js';
import type { BillingCycle } from '../model/billing-cycle.js';
import type { Catalog, CatalogItem } from '../model/catalog.js';
import type { Customer } from '../model/customer.js';
import type { SeatChange } from '../model/subscription.js';
import type { Random } from '../random.js';
import { billedMonthEnd, billedMonthStart, BILLED_MONTHS } from './anchor.js';
import { buildCustomer } from './customers.js';
import { historyOrder, inDateOrder, marketOf, newOrderId } from './history.js';
import type { History, Purchase } from './history.js';
import type { HistoryDraft } from './history-subscription.js';
import { buyableOffers, termsWithCycle } from './offers.js';

export const BULK_CUSTOMER_NAME = 'Fabrikam Bulk Licensing';
export const BULK_SUBSCRIPTIONS = 50;
export const BULK_PRODUCTS = 8;
const LINES_PER_ORDER = 5;
/** Seat additions per subscription and day in the newest billed month. */
const DAILY_ADDITIONS = 4;

export function seedBulkCustomer(random: Random): Customer {
  return buildCustomer(random, 'Fabrikam Bulk Licensing', 'US', BULK_CUSTOMER_NAME);
}

export function seedBulkHistory(random: Random, seed: number, catalog: Catalog, customer: Customer, anchor: number): History {
  const market = marketOf(catalog, 'US');
  const products = pickProducts(random, buyableOffers(catalog, 'US'));
  const bought: Purchase[] = [];
  const orderIds = new Set<string>();
  const monthStart = billedMonthStart(BILLED_MONTHS - 1);
  const days = Math.round((billedMonthEnd(BILLED_MONTHS - 1) - monthStart) / DAY_MS) + 1;
  for (let first = 0; first < BULK_SUBSCRIPTIONS; first += LINES_PER_ORDER) {
    const billingCycle: BillingCycle = random.next() < 0.7 ? 'monthly' : 'annual';
    // Bought between about two years and two and a half months before the anchor: all before the
    // newest billed month, so every subscription is billed through it.
    const purchasedAt = anchor - (80 + random.int(620)) * DAY_MS - random.int(DAY_MS);
    const orderId = newOrderId(random, orderIds);
    const drafts = Array.from({ length: LINES_PER_ORDER }, (_, i): HistoryDraft => {
      const item = products[(first + i) % products.length];
      if (!item) throw new Error('no bulk products');
      const term = random.pick(termsWithCycle(item, billingCycle));
      const growth = days * DAILY_ADDITIONS;
      const cap = Math.min(item.sku.maximumQuantity - growth, 1000);
      return {
        id: random.guid(),
        customerId: customer.id,
        country: 'US',
        orderId,
        item,
        termDuration: term.duration,
        billingCycle,
        purchasedAt,
        quantity: 20 + random.int(cap - 20 + 1),
        additions: dailyAdditions(random, monthStart, days),
        status: 'active',
        autoRenewEnabled: random.next() < 0.9,
      };
    });
    bought.push(historyOrder(seed, market, drafts, anchor));
  }
  const placed = inDateOrder(bought);
  return { orders: placed.map((p) => p.order), subscriptions: placed.flatMap((p) => p.subscriptions) };
}

/** One offer of each of BULK_PRODUCTS distinct products, in a seeded order. */
function pickProducts(random: Random, offers: readonly CatalogItem[]): CatalogItem[] {
  const byProduct = new Map<string, CatalogItem[]>();
  for (const o of offers) byProduct.set(o.product.id, [...(byProduct.get(o.product.id) ?? []), o]);
  const ids = [...byProduct.keys()];
  for (let i = ids.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [ids[i], ids[j]] = [ids[j] ?? '', ids[i] ?? ''];
  }
  if (ids.length < BULK_PRODUCTS) throw new Error(`only ${ids.length} US products to spread the bulk customer over`);
  return ids.slice(0, BULK_PRODUCTS).map((id) => random.pick(byProduct.get(id) ?? []));
}

/** One seat at a time, DAILY_ADDITIONS times a day, each in its own quarter of the day. */
function dailyAdditions(random: Random, monthStart: number, days: number): SeatChange[] {
  const slot = DAY_MS / DAILY_ADDITIONS;
  const changes: SeatChange[] = [];
  for (let day = 0; day < days; day++) {
    for (let k = 0; k < DAILY_ADDITIONS; k++) changes.push({ at: monthStart + day * DAY_MS + k * slot + random.int(slot), delta: 1 });
  }
  return changes;
}
