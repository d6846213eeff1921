// Read access to what a sandbox holds, for tests that assert on state rather than on responses
// ("exactly one order exists"). Records are rendered as the by-id routes render them, and copied,
// so a caller cannot change the store through them.
import type { SandboxStore } from './store.js';
import type { SandboxState } from './types.js';
import { cartView } from './routes/cart-view.js';
import { invoiceView } from './routes/invoice-view.js';
import { orderView } from './routes/order-view.js';
import { subscriptionView } from './routes/subscription-view.js';

export function stateOf(store: SandboxStore): SandboxState {
  const { commerce } = store;
  const now = (): number => store.clock.now().getTime();
  return {
    carts: (customerId) => structuredClone(commerce.cartsOf(customerId).map(cartView)),
    orders: (customerId) => structuredClone(commerce.ordersOf(customerId).map(orderView)),
    subscriptions: (customerId) => structuredClone(commerce.subscriptionsOf(customerId).map((s) => subscriptionView(s, now()))),
    invoices: () => store.invoices.list().map((i) => invoiceView(store.invoices, i, true)),
  };
}
