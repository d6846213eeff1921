// Carts, orders and subscriptions of one sandbox. Provisioning is derived from the clock when the
// data is read, with no timers: every accessor first settles the orders whose completion time has
// passed (order completed, its subscriptions active), so all routes see one consistent state.
import type { SandboxCommerceSettings } from '../../config.js';
import type { Clock } from '../types.js';
import type { CartRecord } from './cart.js';
import type { OrderRecord } from './order.js';
import { subscriptionEtag } from './subscription.js';
import type { SubscriptionRecord } from './subscription.js';

export class CommerceStore {
  private readonly carts = new Map<string, CartRecord>();
  private readonly orders = new Map<string, OrderRecord>();
  private readonly subscriptions = new Map<string, SubscriptionRecord>();
  private readonly pending = new Set<OrderRecord>();

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

  /** Records a change to a subscription: a new version, so a new etag. */
  touch(subscription: SubscriptionRecord): void {
    subscription.version += 1;
    subscription.etag = subscriptionEtag(this.seed, subscription.id, subscription.version);
  }

  private settle(): void {
    if (this.pending.size === 0) return;
    const now = this.clock.now().getTime();
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

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
