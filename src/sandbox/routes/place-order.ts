// Placing the order of one order group at checkout: the order, and one subscription per line
// item, created at once and stored with the order (reference §2.4, §2.5, samples §6.5 and §6.7).
// Both start pending; the commerce store turns them completed and active once the order's
// completion time has passed on the clock.
import { durationMonths, inclusiveEnd } from '../dates.js';
import { billingPeriodMonths } from '../model/billing-cycle.js';
import type { CartLineItem } from '../model/cart.js';
import type { CatalogItem, Market } from '../model/catalog.js';
import type { OrderLineRecord, OrderRecord } from '../model/order.js';
import { FULL_REFUND_MS, REFUND_WINDOW_MS } from '../model/seats.js';
import { subscriptionEtag } from '../model/subscription.js';
import type { SubscriptionRecord } from '../model/subscription.js';
import { HEX } from '../random.js';
import type { SandboxStore } from '../store.js';

interface Purchase {
  readonly customerId: string;
  readonly orderId: string;
  readonly market: Market;
  readonly now: number;
}

export function placeOrder(store: SandboxStore, customerId: string, market: Market, lines: readonly CartLineItem[], now: number): OrderRecord {
  const first = lines[0];
  if (!first) throw new Error('an order group without line items');
  const purchase: Purchase = { customerId, orderId: newOrderId(store), market, now };
  const subscriptions: SubscriptionRecord[] = [];
  const lineItems = lines.map((line, lineItemNumber): OrderLineRecord => {
    const item = store.catalog.catalogItem(line.catalogItemId);
    // Checkout refuses carts with line-item errors, so every line resolves here.
    if (!item) throw new Error(`cart line ${line.id} names unknown catalog item ${line.catalogItemId}`);
    const subscription = newSubscription(store, purchase, item, line);
    subscriptions.push(subscription);
    return {
      lineItemNumber,
      productId: item.product.id,
      skuId: item.sku.id,
      availabilityId: item.availability.id,
      offerId: item.availability.catalogItemId,
      ...(line.termDuration !== undefined ? { termDuration: line.termDuration } : {}),
      friendlyName: subscription.friendlyName,
      quantity: line.quantity,
      ...(line.promotionId !== undefined ? { promotionId: line.promotionId } : {}),
      subscriptionId: subscription.id,
    };
  });
  const { orderCompletionMs, orderListDelayMs } = store.commerce.settings;
  const order: OrderRecord = {
    id: purchase.orderId,
    customerId,
    country: market.country,
    billingCycle: first.billingCycle,
    currency: market.currency,
    lineItems,
    createdAt: now,
    completesAt: now + orderCompletionMs,
    listedAt: now + orderListDelayMs,
    status: 'pending',
  };
  store.commerce.addOrder(order, subscriptions);
  return order;
}

/** New-commerce order ids are 12 lower-case hex characters; alternateId repeats it (reference §1.5). */
function newOrderId(store: SandboxStore): string {
  for (;;) {
    const id = store.random.chars(HEX, 12);
    if (!store.commerce.hasOrder(id)) return id;
  }
}

function newSubscription(store: SandboxStore, p: Purchase, item: CatalogItem, line: CartLineItem): SubscriptionRecord {
  const id = store.random.guid();
  // Cart validation matched the line to one of the availability's terms, so the duration parses.
  const commitmentEndAt = inclusiveEnd(p.now, durationMonths(line.termDuration ?? '') ?? 1);
  const periodMonths = billingPeriodMonths(line.billingCycle);
  const refundUntil = p.now + REFUND_WINDOW_MS;
  return {
    id,
    customerId: p.customerId,
    orderId: p.orderId,
    country: p.market.country,
    productId: item.product.id,
    skuId: item.sku.id,
    availabilityId: item.availability.id,
    offerName: item.product.title,
    productType: item.product.productType,
    publisherName: item.product.publisherName,
    isTrial: item.sku.isTrial,
    createdAt: p.now,
    friendlyName: line.friendlyName ?? item.sku.title,
    quantity: line.quantity,
    effectiveStartAt: p.now,
    commitmentEndAt,
    // The end of the NCE cancellation window (reference §2.5, §5 rule 6).
    cancellationAllowedUntilAt: refundUntil,
    // The first billing period's last day; one-time and trial cycles bill for the whole term.
    billingCycleEndAt: periodMonths === undefined ? commitmentEndAt : Math.min(inclusiveEnd(p.now, periodMonths), commitmentEndAt),
    status: 'pending',
    // Trials do not renew on their own (their availability's renewal option is not auto-renewable).
    autoRenewEnabled: !item.sku.isTrial,
    billingCycle: line.billingCycle,
    termDuration: line.termDuration ?? '',
    // Both windows are listed: the full refund of the first day, then the prorated one of the
    // 7-day window. How live data spells the partial option is unverified (reference §8 point 7);
    // sample §6.7 shows the full one only.
    refundOptions: [
      { type: 'Full', expiresAt: p.now + FULL_REFUND_MS },
      { type: 'Partial', expiresAt: refundUntil },
    ],
    seatChunks: [{ quantity: line.quantity, allowedUntilAt: refundUntil }],
    seatChanges: [{ at: p.now, delta: line.quantity }],
    scheduledNextTermInstructions: null,
    ...(line.promotionId !== undefined ? { promotionId: line.promotionId } : {}),
    version: 0,
    etag: subscriptionEtag(store.seed, id, 0),
  };
}
