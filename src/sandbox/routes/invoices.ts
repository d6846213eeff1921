// Invoice routes (reference §2.6, §3, sample §6.8). The list pages by size and offset, newest
// first, with links.next carrying the next offset; line items live in invoice-lines.ts.
import { invalidInput } from '../errors.js';
import { collection, link } from '../links.js';
import { ok } from '../request.js';
import type { RequestContext, RouteDef } from '../request.js';
import { listInvoiceLineItems, listUnbilledLineItems } from './invoice-lines.js';
import { requireInvoice } from './invoices-lookup.js';
import { invoiceView } from './invoice-view.js';
import { ROUTE } from './keys.js';

/** The docs' example asks for 200 a page (reference §3 "Page sizes"); no maximum is documented. */
export const DEFAULT_INVOICE_PAGE = 200;
/** Undocumented upstream; the sandbox refuses larger pages so callers notice. */
export const MAX_INVOICE_PAGE = 1000;

export const invoiceRoutes: readonly RouteDef[] = [
  { key: ROUTE.listInvoices, handler: listInvoices },
  { key: ROUTE.getInvoice, handler: getInvoice },
  { key: ROUTE.listInvoiceLineItems, handler: listInvoiceLineItems },
  { key: ROUTE.listUnbilledLineItems, handler: listUnbilledLineItems },
];

/** `filter` (reference §2.6) is not simulated: refused rather than ignored, so no caller trusts an unfiltered list. */
function listInvoices(ctx: RequestContext) {
  if (ctx.query.get('filter') !== undefined) throw invalidInput("'filter' is not supported by the sandbox.");
  const size = integer(ctx.query.get('size'), 'size', 0, MAX_INVOICE_PAGE) || DEFAULT_INVOICE_PAGE;
  const offset = integer(ctx.query.get('offset'), 'offset', 0, Number.MAX_SAFE_INTEGER);
  const book = ctx.store.invoices;
  const all = book.list();
  const items = all.slice(offset, offset + size).map((i) => invoiceView(book, i, false));
  const uri = (at: number): string => `/invoices?size=${size}&offset=${at}`;
  const next = offset + size < all.length ? link(uri(offset + size)) : undefined;
  const page = collection(items, uri(offset));
  return ok(next ? { ...page, links: { ...page.links, next } } : page);
}

/** The docs allow this with App+User tokens only (reference §1.2, §2.0 row 26); the sandbox accepts any token. */
function getInvoice(ctx: RequestContext) {
  return ok(invoiceView(ctx.store.invoices, requireInvoice(ctx), true));
}

/** Absent is 0; size=0 is the SDK's "no explicit size". */
function integer(raw: string | undefined, name: string, min: number, max: number): number {
  if (raw === undefined) return 0;
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw invalidInput(`'${name}' must be an integer from ${min} to ${max}; got '${raw}'.`);
  return value;
}
