// Finding the invoice a request names.
import { notFound } from '../errors.js';
import type { InvoiceRecord } from '../model/invoice.js';
import type { RequestContext } from '../request.js';

export function requireInvoice(ctx: RequestContext): InvoiceRecord {
  const invoice = ctx.store.invoices.get(ctx.param('invoiceId'));
  // No invoice-specific not-found code is documented (reference §4); the generic 404 1000.
  if (!invoice) throw notFound(`Invoice ${ctx.param('invoiceId')} was not found.`);
  return invoice;
}
