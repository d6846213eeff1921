// Reconciliation lines (reference §2.6, sample §6.9): billed ones of a seeded invoice, and unbilled
// ones of the current or previous billing month (calendar months, UTC) on the clock, computed from
// the subscriptions as they are now, seeded and bought alike. Both page by seek (line-paging.ts).
import { chargesBetween, compareCharges } from '../billing/charges.js';
import type { Charge } from '../billing/charges.js';
import { lineItemView } from '../billing/line-item.js';
import type { LineContext } from '../billing/line-item.js';
import { billingSubject } from '../billing/subject.js';
import { invalidInput } from '../errors.js';
import { ok } from '../request.js';
import type { RequestContext } from '../request.js';
import type { SandboxStore } from '../store.js';
import { requireInvoice } from './invoices-lookup.js';
import { ONETIME_LINES_QUERY, invoicePath } from './invoice-view.js';
import { linePage, readLineRequest } from './line-paging.js';

const PERIODS = ['current', 'previous'] as const;

/**
 * `offset` (legacy Office/Azure line paging, reference §3) is not read: new-commerce lines page by
 * seek only.
 */
export function listInvoiceLineItems(ctx: RequestContext) {
  const invoice = requireInvoice(ctx);
  const scope = `invoice:${invoice.id}`;
  const req = readLineRequest(ctx, scope);
  const charges = req.hasLines ? ctx.store.invoices.chargesOf(invoice) : [];
  const page = linePage(charges, req, scope, undefined, `${invoicePath(invoice.id)}/lineitems`, ONETIME_LINES_QUERY);
  return ok(renderPage(page, lineContext(ctx.store), invoice.id));
}

/** currencycode and period are required; a currency nobody is billed in lists nothing. */
export function listUnbilledLineItems(ctx: RequestContext) {
  const rawCurrency = ctx.query.get('currencycode');
  if (rawCurrency === undefined || !/^[A-Za-z]{3}$/.test(rawCurrency)) throw invalidInput("'currencycode' is required: an ISO 4217 code such as USD.");
  const currency = rawCurrency.toUpperCase();
  const rawPeriod = ctx.query.get('period');
  const period = PERIODS.find((p) => p === rawPeriod?.toLowerCase());
  if (!period) throw invalidInput(`'period' must be current or previous; got '${rawPeriod ?? ''}'.`);
  const scope = `unbilled:${currency}:${period}`;
  const req = readLineRequest(ctx, scope);
  // A walk stays in the month it started in, even if the clock crosses into the next one.
  const start = req.position?.start ?? monthStart(ctx.store.clock.now().getTime(), period === 'current' ? 0 : -1);
  const charges = req.hasLines ? unbilledCharges(ctx.store, currency, start, monthStart(start, 1)) : [];
  const query = `${ONETIME_LINES_QUERY}&currencycode=${currency}&period=${period}`;
  const page = linePage(charges, req, scope, start, '/invoices/unbilled/lineitems', query);
  return ok(renderPage(page, lineContext(ctx.store), ''));
}

function renderPage(page: ReturnType<typeof linePage<Charge>>, ctx: LineContext, invoiceNumber: string) {
  return { ...page, items: page.items.map((c) => lineItemView(c, ctx, invoiceNumber)) };
}

function lineContext(store: SandboxStore): LineContext {
  return { seed: store.seed, partner: store.partner, customers: store.customers, catalog: store.catalog };
}

function unbilledCharges(store: SandboxStore, currency: string, from: number, to: number): Charge[] {
  const { commerce } = store;
  return commerce
    .allSubscriptions()
    .flatMap((s) => {
      const order = commerce.order(s.customerId, s.orderId);
      return order?.currency.code === currency ? chargesBetween(billingSubject(s, order), from, to) : [];
    })
    .sort(compareCharges);
}

/** The first moment of the UTC month `offset` months from the one holding `at`. */
function monthStart(at: number, offset: number): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}
