// Helpers for the cart, checkout and order tests: a clock the test moves, write requests, and
// lookups of customers and catalog items through the API itself.
import { startSandbox } from '../../src/sandbox/index.js';
import type { CartCheckoutResult, CartResource, Clock, OrderResource, Sandbox, SandboxOptions, SubscriptionResource } from '../../src/sandbox/index.js';
import { get } from './helpers.js';
import type { Fetched, WireAvailability, WireCollection, WireCustomer } from './helpers.js';

/** A clock that stands still until the test advances it. */
export class TestClock implements Clock {
  constructor(public ms: number = Date.parse('2024-03-14T09:30:00.000Z')) {}

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

export type SandboxPool = ReturnType<typeof sandboxPool>;

/** Sandboxes opened by a test file; close them in afterEach/afterAll. */
export function sandboxPool() {
  const open: Sandbox[] = [];
  return {
    async start(options: SandboxOptions = {}): Promise<Sandbox> {
      const s = await startSandbox({ port: 0, ...options });
      open.push(s);
      return s;
    },
    closeAll: () => Promise.all(open.splice(0).map((s) => s.close())),
  };
}

/** A request with a JSON body (a string body is sent as is), parsed like get(). */
export async function send<T>(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Fetched<T>> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${sandbox.url}/v1${path}`, {
    method,
    headers: { Authorization: 'Bearer test-token', ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text === '' ? undefined : JSON.parse(text)) as T, text };
}

/** The first customer (in list order) whose billing address is in `country`. */
export async function customerIn(sandbox: Sandbox, country: string): Promise<string> {
  const all = (await get<WireCollection<WireCustomer>>(sandbox, '/customers?size=500')).body.items;
  for (const c of all) {
    const full = await get<WireCustomer>(sandbox, `/customers/${c.id}`);
    if (full.body.billingProfile?.defaultAddress.country === country) return c.id;
  }
  throw new Error(`no customer in ${country}`);
}

/** The catalogItemId of a SKU's commercial availability in a country. */
export async function catalogItemOf(sandbox: Sandbox, productId: string, skuId: string, country: string): Promise<string> {
  const list = await get<WireCollection<WireAvailability>>(sandbox, `/products/${productId}/skus/${skuId}/availabilities?country=${country}`);
  const a = list.body.items.find((x) => x.segment === 'commercial') ?? list.body.items[0];
  if (!a) throw new Error(`no availability of ${productId}:${skuId} in ${country}`);
  return a.catalogItemId;
}

/** Documented ids (samples §6.4, §6.5): Business Basic and Entra ID P1 in the US. */
export const BASIC_US = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';
export const ENTRA_US = 'CFQ7TTC0LFLS:0002:CFQ7TTC0KDLJ';

export interface LineInput {
  catalogItemId: string;
  quantity: number;
  billingCycle: string;
  termDuration?: string;
  friendlyName?: string;
  id?: number;
}

export const line = (catalogItemId: string, billingCycle: string, termDuration: string, quantity = 1, extra: Partial<LineInput> = {}): LineInput => ({
  catalogItemId,
  quantity,
  billingCycle,
  termDuration,
  ...extra,
});


export const cartPath = (customerId: string, cartId?: string): string => `/customers/${customerId}/carts${cartId === undefined ? '' : `/${cartId}`}`;
export const checkoutPath = (customerId: string, cartId: string): string => `${cartPath(customerId, cartId)}/checkout`;
export const orderPath = (customerId: string, orderId: string): string => `/customers/${customerId}/orders/${orderId}`;

/** The order timing of openShop(): long enough that nothing completes unless the test moves the clock. */
export const COMPLETION_MS = 60_000;
export const LIST_DELAY_MS = 300_000;

/** What a customer holds beyond the seeded history, which every customer has: what the test made. */
export interface Made {
  orders(): OrderResource[];
  subscriptions(): SubscriptionResource[];
}

/** Takes the customer's current orders and subscriptions as the baseline. */
export function madeSince(s: Sandbox, customer: string): Made {
  const orders = new Set(s.state().orders(customer).map((o) => o.id));
  const subscriptions = new Set(s.state().subscriptions(customer).map((x) => x.id));
  return {
    orders: () => s.state().orders(customer).filter((o) => !orders.has(o.id)),
    subscriptions: () => s.state().subscriptions(customer).filter((x) => !subscriptions.has(x.id)),
  };
}

/** A fresh sandbox on a test clock, a US customer, and shortcuts to buy as that customer. */
export interface Shop {
  s: Sandbox;
  clock: TestClock;
  customer: string;
  /** The orders and subscriptions the test created (the customer's seeded history left out). */
  made: Made;
  /** Creates a cart and returns its id. */
  cart(lines: LineInput[]): Promise<string>;
  checkout(cartId: string, headers?: Record<string, string>): Promise<Fetched<CartCheckoutResult>>;
}

export async function openShop(pool: SandboxPool): Promise<Shop> {
  const clock = new TestClock();
  const s = await pool.start({ clock, commerce: { orderCompletionMs: COMPLETION_MS, orderListDelayMs: LIST_DELAY_MS } });
  const customer = await customerIn(s, 'US');
  return {
    s,
    clock,
    customer,
    made: madeSince(s, customer),
    async cart(lines) {
      const res = await send<CartResource>(s, 'POST', cartPath(customer), { lineItems: lines });
      if (res.status !== 201) throw new Error(`cart refused: ${res.text}`);
      return res.body.id;
    },
    // The .NET SDK posts the JSON string "success" (reference §1.6).
    checkout: (cartId, headers = {}) => send<CartCheckoutResult>(s, 'POST', checkoutPath(customer, cartId), '"success"', headers),
  };
}
