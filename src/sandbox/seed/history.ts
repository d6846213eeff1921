// The seeded purchase history: every seeded customer bought 2-8 new-commerce subscriptions in the
// past, in 1-3 line orders of one billing cycle each (reference §5 rule 2), from the commercial
// catalog of their country. Dates are relative to the fixed anchor, so a seed always yields the
// same history. Most subscriptions are long past their 7-day window and active; some are
// suspended, a few expired or cancelled, some do not renew. Drawn from a stream of its own, so the
// catalog, the customers and the ids of later purchases are the same as without it.
import { DAY_MS, durationMonths, inclusiveEnd } from '../dates.js';
import type { BillingCycle } from '../model/billing-cycle.js';
import type { Catalog, CatalogItem, Market } from '../model/catalog.js';
import type { Customer } from '../model/customer.js';
import type { OrderRecord } from '../model/order.js';
import type { SeatChange, SubscriptionRecord } from '../model/subscription.js';
import { HEX } from '../random.js';
import type { Random } from '../random.js';
import { HISTORY_LISTED_AT } from './anchor.js';
import { historySubscription } from './history-subscription.js';
import type { HistoryDraft } from './history-subscription.js';
import { buyableOffers, termsWithCycle } from './offers.js';

export interface History {
  readonly orders: OrderRecord[];
  readonly subscriptions: SubscriptionRecord[];
}

/** One historical order and the subscriptions it created. */
export interface Purchase {
  readonly order: OrderRecord;
  readonly subscriptions: SubscriptionRecord[];
}

const QUANTITIES = [1, 2, 3, 5, 5, 8, 10, 10, 12, 15, 20, 25, 30, 40, 50, 75, 100, 150, 250] as const;
const MAX_AGE_DAYS = 900;
const HOUR_MS = 3_600_000;

export function seedHistory(random: Random, seed: number, catalog: Catalog, customers: readonly Customer[], anchor: number): History {
  const orderIds = new Set<string>();
  const purchases: Purchase[] = [];
  for (const customer of customers) {
    const country = customer.billingProfile.defaultAddress.country;
    const market = marketOf(catalog, country);
    const offers = buyableOffers(catalog, country);
    const count = 2 + random.int(7);
    const bought: Purchase[] = [];
    for (let made = 0; made < count; ) {
      const cycle = drawCycle(random);
      const candidates = offers.filter((o) => termsWithCycle(o, cycle).length > 0);
      const size = Math.min(count - made, 1 + random.int(3));
      const purchasedAt = anchor - (1 + random.int(MAX_AGE_DAYS)) * DAY_MS - random.int(DAY_MS);
      const orderId = newOrderId(random, orderIds);
      const drafts = Array.from({ length: size }, () => {
        const item = random.pick(candidates);
        const base = { customerId: customer.id, country, orderId, item, billingCycle: cycle, purchasedAt };
        return draftLine(random, base, anchor);
      });
      bought.push(historyOrder(seed, market, drafts, anchor));
      made += size;
    }
    purchases.push(...inDateOrder(bought));
  }
  return { orders: purchases.map((p) => p.order), subscriptions: purchases.flatMap((p) => p.subscriptions) };
}

/** A customer's purchases as the order and subscription lists show them: oldest first. */
export function inDateOrder(purchases: readonly Purchase[]): Purchase[] {
  return [...purchases].sort((a, b) => a.order.createdAt - b.order.createdAt);
}

/** A completed order of drafts bought together, and its subscriptions. */
export function historyOrder(seed: number, market: Market, drafts: readonly HistoryDraft[], anchor: number): Purchase {
  const first = drafts[0];
  if (!first) throw new Error('an order without line items');
  const subscriptions = drafts.map((d) => historySubscription(seed, d, anchor));
  const order: OrderRecord = {
    id: first.orderId,
    customerId: first.customerId,
    country: market.country,
    billingCycle: first.billingCycle,
    currency: market.currency,
    lineItems: drafts.map((d, lineItemNumber) => ({
      lineItemNumber,
      productId: d.item.product.id,
      skuId: d.item.sku.id,
      availabilityId: d.item.availability.id,
      offerId: d.item.availability.catalogItemId,
      termDuration: d.termDuration,
      friendlyName: d.item.sku.title,
      quantity: d.quantity,
      subscriptionId: d.id,
    })),
    createdAt: first.purchasedAt,
    completesAt: first.purchasedAt,
    listedAt: HISTORY_LISTED_AT,
    status: 'completed',
  };
  return { order, subscriptions };
}

export function marketOf(catalog: Catalog, country: string): Market {
  const market = catalog.market(country);
  if (!market) throw new Error(`no seeded market ${country}`);
  return market;
}

/** New-commerce order ids: 12 lower-case hex characters (reference §1.5). */
export function newOrderId(random: Random, used: Set<string>): string {
  for (;;) {
    const id = random.chars(HEX, 12);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

interface LineBase {
  readonly customerId: string;
  readonly country: string;
  readonly orderId: string;
  readonly item: CatalogItem;
  readonly billingCycle: BillingCycle;
  readonly purchasedAt: number;
}

function draftLine(random: Random, b: LineBase, anchor: number): HistoryDraft {
  const term = random.pick(termsWithCycle(b.item, b.billingCycle));
  const { minimumQuantity: min, maximumQuantity: max } = b.item.sku;
  const quantity = Math.min(max, Math.max(min, random.pick(QUANTITIES)));
  const fate = drawFate(random, b.purchasedAt, durationMonths(term.duration) ?? 1, anchor);
  const live = fate.status === 'active' || fate.status === 'suspended';
  const additions = live ? drawAdditions(random, b.purchasedAt, anchor, max - quantity) : [];
  return { ...b, id: random.guid(), termDuration: term.duration, quantity, additions, ...fate };
}

/** Monthly billing is the common case; triennial only where P3Y terms exist. */
function drawCycle(random: Random): BillingCycle {
  const r = random.next();
  return r < 0.6 ? 'monthly' : r < 0.93 ? 'annual' : 'triennial';
}

type Fate = Pick<HistoryDraft, 'status' | 'autoRenewEnabled' | 'cancelledAt'>;

function drawFate(random: Random, purchasedAt: number, termMonths: number, anchor: number): Fate {
  const r = random.next();
  // Cancelled inside the first window (reference §5 rule 6), so only if that window has closed.
  if (r < 0.05 && purchasedAt + 8 * DAY_MS < anchor) {
    return { status: 'deleted', autoRenewEnabled: false, cancelledAt: purchasedAt + DAY_MS + random.int(5 * DAY_MS) };
  }
  // Expired: the first term ended before the anchor without renewal (reference §5 rule 8).
  if (r < 0.11 && inclusiveEnd(purchasedAt, termMonths) + DAY_MS <= anchor) return { status: 'expired', autoRenewEnabled: false };
  return { status: r < 0.2 ? 'suspended' : 'active', autoRenewEnabled: random.next() < 0.85 };
}

/** A fifth of the live subscriptions grew by a few seats in the last three months. */
function drawAdditions(random: Random, purchasedAt: number, anchor: number, room: number): SeatChange[] {
  if (room < 1 || random.next() >= 0.2) return [];
  const from = Math.max(purchasedAt + HOUR_MS, anchor - 90 * DAY_MS);
  const until = anchor - HOUR_MS;
  if (from >= until) return [];
  const times = Array.from({ length: 1 + random.int(2) }, () => from + random.int(until - from)).sort((a, b) => a - b);
  let left = room;
  return times.flatMap((at) => {
    const delta = Math.min(left, 1 + random.int(5));
    left -= delta;
    return delta > 0 ? [{ at, delta }] : [];
  });
}
