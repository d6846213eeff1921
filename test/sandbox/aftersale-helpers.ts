// Helpers for the subscription-change, history and invoice tests: a sandbox on a test clock set
// after the history anchor, buying through the API, PATCHing like a client (GET, change, PATCH
// back), and walking seek collections through links.next.
import type { CartCheckoutResult, CartResource, OneTimeInvoiceLineItem, Sandbox, SubscriptionResource } from '../../src/sandbox/index.js';
import { HISTORY_ANCHOR_MS } from '../../src/sandbox/index.js';
import { TestClock, cartPath, checkoutPath, customerIn, madeSince, send } from './commerce-helpers.js';
import type { LineInput, Made, SandboxPool } from './commerce-helpers.js';
import { follow, get } from './helpers.js';
import type { Fetched, WireCollection } from './helpers.js';

export const DAY = 86_400_000;
/** Nine days after the history anchor: every seeded purchase lies in the past. */
export const AFTER_ANCHOR = HISTORY_ANCHOR_MS + 9 * DAY + 9.5 * 3_600_000;

export interface Desk {
  s: Sandbox;
  clock: TestClock;
  customer: string;
  made: Made;
  /** Buys the lines in one cart; returns the new subscriptions, in line order. */
  buy(lines: LineInput[]): Promise<SubscriptionResource[]>;
}

/** A sandbox whose orders provision at once, on a test clock after the anchor, and a US customer. */
export async function openDesk(pool: SandboxPool, seed = 1): Promise<Desk> {
  const clock = new TestClock(AFTER_ANCHOR);
  const s = await pool.start({ seed, clock, commerce: { orderCompletionMs: 0, orderListDelayMs: 0 } });
  const customer = await customerIn(s, 'US');
  const made = madeSince(s, customer);
  return {
    s,
    clock,
    customer,
    made,
    async buy(lines) {
      const cart = await send<CartResource>(s, 'POST', cartPath(customer), { lineItems: lines });
      if (cart.status !== 201) throw new Error(`cart refused: ${cart.text}`);
      const out = await send<CartCheckoutResult>(s, 'POST', checkoutPath(customer, cart.body.id));
      const orders = new Set(out.body.orders.map((o) => o.id));
      return made.subscriptions().filter((x) => orders.has(x.orderId));
    },
  };
}

export const subPath = (customer: string, id: string): string => `/customers/${customer}/subscriptions/${id}`;

/** GET the subscription, change some fields, PATCH the full resource back (reference §2.5). */
export async function patch<T = SubscriptionResource>(
  s: Sandbox,
  customer: string,
  id: string,
  changes: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Fetched<T>> {
  const current = await get<SubscriptionResource>(s, subPath(customer, id));
  return send<T>(s, 'PATCH', subPath(customer, id), { ...current.body, ...changes }, headers);
}

/** Every page of a seek collection, following links.next (uri and headers) like the .NET SDK. */
export async function walk<T>(s: Sandbox, first: string, headers: Record<string, string> = {}): Promise<Fetched<WireCollection<T>>[]> {
  const pages = [await get<WireCollection<T>>(s, first, headers)];
  for (let next = pages[0]?.body.links.next; next; next = pages.at(-1)?.body.links.next) {
    if (pages.length > 50) throw new Error('paging does not end');
    pages.push(await follow<WireCollection<T>>(s, next));
  }
  return pages;
}

export const lines = (pages: Fetched<WireCollection<OneTimeInvoiceLineItem>>[]): OneTimeInvoiceLineItem[] => pages.flatMap((p) => p.body.items);

/** Decimal strings to cents, exactly. */
export const cents = (text: string): number => Math.round(Number(text) * 100);

export const ONETIME = 'provider=onetime&invoicelineitemtype=billinglineitems';
