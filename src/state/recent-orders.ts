// Read-your-writes for orders. Partner Center lists a new order only after up to 15 minutes; orders
// placed through the gateway are kept here for longer than that and merged into the customer's list,
// so a storefront sees its order at once and never twice.
import type { CacheStore } from './store.js';

export interface RecentOrder {
  id: string;
  creationDate?: string | undefined;
}

export class RecentOrders<T extends RecentOrder> {
  constructor(
    private readonly store: CacheStore,
    private readonly ttlMs: number,
  ) {}

  private key(scope: string, customerId: string): string {
    return `recent-orders:${scope}:${customerId.toLowerCase()}`;
  }

  async add(scope: string, customerId: string, orders: readonly T[]): Promise<void> {
    if (orders.length === 0) return;
    const key = this.key(scope, customerId);
    const kept = ((await this.store.get(key)) as T[] | undefined) ?? [];
    const ids = new Set(orders.map((o) => o.id));
    await this.store.set(key, [...kept.filter((o) => !ids.has(o.id)), ...orders], this.ttlMs);
  }

  async list(scope: string, customerId: string): Promise<T[]> {
    return ((await this.store.get(this.key(scope, customerId))) as T[] | undefined) ?? [];
  }
}

/** The upstream list plus recent orders it does not show yet; the upstream copy wins, newest first. */
export function mergeOrders<T extends RecentOrder>(upstream: readonly T[], recent: readonly T[]): T[] {
  const seen = new Set(upstream.map((o) => o.id));
  const merged = [...upstream, ...recent.filter((o) => !seen.has(o.id))];
  return merged.sort((a, b) => (b.creationDate ?? '').localeCompare(a.creationDate ?? '') || a.id.localeCompare(b.id));
}
