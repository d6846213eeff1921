// Invoices as the service renders them (reference §2.6, sample §6.8). Links point at the routes
// the sandbox serves: the sample's `OneTime-` id prefix and path-style line-item links are left
// out, while ids with the prefix are still accepted.
import type { InvoiceBook } from '../billing/invoice-book.js';
import { midnight, timestamp } from '../dates.js';
import { link } from '../links.js';
import type { InvoiceRecord, InvoiceResource } from '../model/invoice.js';

export const invoicePath = (id: string): string => `/invoices/${id}`;

/** The query every new-commerce reconciliation request carries (reference §2.6). */
export const ONETIME_LINES_QUERY = 'provider=onetime&invoicelineitemtype=billinglineitems';

export function invoiceView(book: InvoiceBook, invoice: InvoiceRecord, byId: boolean): InvoiceResource {
  const totalCharges = book.totalCents(invoice) / 100;
  const self = invoicePath(invoice.id);
  return {
    id: invoice.id,
    invoiceDate: timestamp(invoice.invoiceDate),
    billingPeriodStartDate: midnight(invoice.periodStart),
    billingPeriodEndDate: midnight(invoice.periodEnd),
    totalCharges,
    // Sample §6.8 writes what was paid as a positive amount; the newest invoice is still open.
    paidAmount: invoice.paid ? totalCharges : 0,
    currencyCode: invoice.currency.code,
    currencySymbol: invoice.currency.symbol,
    // Only by id, as the docs say (reference §2.6); the statement document itself is not served.
    ...(byId ? { pdfDownloadLink: `${self}/documents/statement` } : {}),
    invoiceDetails: [
      {
        invoiceLineItemType: 'billing_line_items',
        billingProvider: 'one_time',
        links: { self: link(`${self}/lineitems?${ONETIME_LINES_QUERY}`) },
        attributes: { objectType: 'InvoiceDetail' },
      },
    ],
    documentType: 'invoice',
    invoiceType: 'OneTime',
    links: { self: link(self) },
    attributes: { objectType: 'Invoice' },
  };
}
