// Carts, orders and subscriptions of one sandbox. Provisioning is derived from the clock when the
// data is read, with no timers: every accessor first settles the orders whose completion time has
// passed (order completed, its subscriptions active) and the accepted subscription changes whose
// time has come, so all routes see one consistent state.
import type { Clock, SandboxCommerceSettings } from '../types.js';
import type { CartRecord } from './cart.js';
import type { OrderRecord } from './order.js';
import { subscriptionEtag } from './subscription.js';
import type { SubscriptionRecord } from './subscription.js';

export class CommerceStore {
  private readonly carts = new Map<string, CartRecord>();
  private readonly orders = new Map<string, OrderRecord>();
  private readonly subscriptions = new Map<string, SubscriptionRecord>();
  private readonly pending = new Set<OrderRecord>();
  /** Accepted (202) subscription changes by lower-case subscription id, applied once due. */
  private readonly changes = new Map<string, PendingChange>();

  constructor(
    private readonly clock: Clock,
    private readonly seed: number,
    /** Read when an order is placed; changing them does not move orders already placed. */
    public settings: SandboxCommerceSettings,
  ) {}

  addCart(cart: CartRecord): void {
    this.carts.set(cart.id.toLowerCase(), cart);
  }

  /** The customer's cart; another customer's cart is as unknown as a missing one. */
  cart(customerId: string, cartId: string): CartRecord | undefined {
    const cart = this.carts.get(cartId.toLowerCase());
    return cart && sameId(cart.customerId, customerId) ? cart : undefined;
  }

  cartsOf(customerId: string): CartRecord[] {
    return [...this.carts.values()].filter((c) => sameId(c.customerId, customerId));
  }

  hasOrder(orderId: string): boolean {
    return this.orders.has(orderId.toLowerCase());
  }

  addOrder(order: OrderRecord, subscriptions: readonly SubscriptionRecord[]): void {
    this.orders.set(order.id.toLowerCase(), order);
    for (const s of subscriptions) this.subscriptions.set(s.id.toLowerCase(), s);
    if (order.status === 'pending') this.pending.add(order);
    this.settle();
  }

  /** Seeded history: completed orders and their subscriptions, already listed. */
  addHistory(orders: readonly OrderRecord[], subscriptions: readonly SubscriptionRecord[]): void {
    for (const o of orders) this.orders.set(o.id.toLowerCase(), o);
    for (const s of subscriptions) this.subscriptions.set(s.id.toLowerCase(), s);
  }

  order(customerId: string, orderId: string): OrderRecord | undefined {
    this.settle();
    const order = this.orders.get(orderId.toLowerCase());
    return order && sameId(order.customerId, customerId) ? order : undefined;
  }

  /** In the order they were placed, including those not yet listed. */
  ordersOf(customerId: string): OrderRecord[] {
    this.settle();
    return [...this.orders.values()].filter((o) => sameId(o.customerId, customerId));
  }

  subscription(customerId: string, subscriptionId: string): SubscriptionRecord | undefined {
    this.settle();
    const s = this.subscriptions.get(subscriptionId.toLowerCase());
    return s && sameId(s.customerId, customerId) ? s : undefined;
  }

  subscriptionsOf(customerId: string, orderId?: string): SubscriptionRecord[] {
    this.settle();
    return [...this.subscriptions.values()].filter(
      (s) => sameId(s.customerId, customerId) && (orderId === undefined || sameId(s.orderId, orderId)),
    );
  }

  /** Every customer's subscriptions, in the order they were created. */
  allSubscriptions(): SubscriptionRecord[] {
    this.settle();
    return [...this.subscriptions.values()];
  }

  /** Accepts a change that shows at `applyAt` on the clock (reference §2.5 "PATCH responses"). */
  schedule(subscription: SubscriptionRecord, applyAt: number, apply: (at: number) => void): void {
    this.changes.set(subscription.id.toLowerCase(), { subscription, applyAt, apply });
    this.settle();
  }

  hasPendingChange(subscription: SubscriptionRecord): boolean {
    this.settle();
    return this.changes.has(subscription.id.toLowerCase());
  }

  /** Records a change to a subscription: a new version, so a new etag. */
  touch(subscription: SubscriptionRecord): void {
    subscription.version += 1;
    subscription.etag = subscriptionEtag(this.seed, subscription.id, subscription.version);
  }

  private settle(): void {
    if (this.pending.size === 0 && this.changes.size === 0) return;
    const now = this.clock.now().getTime();
    this.completeOrders(now);
    for (const [key, change] of this.changes) {
      if (change.applyAt > now) continue;
      this.changes.delete(key);
      change.apply(change.applyAt);
      this.touch(change.subscription);
    }
  }

  private completeOrders(now: number): void {
    for (const order of this.pending) {
      if (order.completesAt > now) continue;
      this.pending.delete(order);
      if (order.status !== 'pending') continue;
      order.status = 'completed';
      for (const line of order.lineItems) {
        const s = this.subscriptions.get(line.subscriptionId.toLowerCase());
        if (s?.status !== 'pending') continue;
        s.status = 'active';
        this.touch(s);
      }
    }
  }
}

interface PendingChange {
  readonly subscription: SubscriptionRecord;
  readonly applyAt: number;
  /** Changes the record as of `at`; the store bumps the etag afterwards. */
  readonly apply: (at: number) => void;
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
