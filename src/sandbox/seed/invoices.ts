// Seeded invoices (reference §2.6, sample §6.8): one OneTime invoice per billing month and
// currency for the BILLED_MONTHS months before the anchor, each issued early on the first day of
// the next month, numbered in the modern format in issue order. Their lines are the seeded
// subscriptions' charges (billing/invoice-book.ts). Drawn from a stream of their own.
import type { Market } from '../model/catalog.js';
import type { InvoiceRecord } from '../model/invoice.js';
import type { Random } from '../random.js';
import type { PartnerIdentity } from '../billing/line-item.js';
import { BILLED_MONTHS, billedMonthEnd, billedMonthStart } from './anchor.js';

const MINUTE_MS = 60_000;

/** Newest first, as the invoice list returns them. */
export function seedInvoices(random: Random, markets: readonly Market[]): InvoiceRecord[] {
  const currencies = [...new Map(markets.map((m) => [m.currency.code, m.currency] as const)).values()];
  // Other partners' invoices are numbered in between: the ids grow, with gaps.
  let serial = 700_000 + random.int(200_000);
  const records: InvoiceRecord[] = [];
  for (let month = 0; month < BILLED_MONTHS; month++) {
    let issuedAt = billedMonthStart(month + 1) + (2 * 60 + random.int(8 * 60)) * MINUTE_MS;
    for (const currency of currencies) {
      serial += 1 + random.int(5_000);
      issuedAt += (5 + random.int(55)) * MINUTE_MS + random.int(MINUTE_MS);
      records.push({
        id: `G${String(serial).padStart(9, '0')}`,
        currency,
        invoiceDate: issuedAt,
        periodStart: billedMonthStart(month),
        periodEnd: billedMonthEnd(month),
        paid: month < BILLED_MONTHS - 1,
      });
    }
  }
  return records.sort((a, b) => b.invoiceDate - a.invoiceDate);
}

/** The partner tenant the invoices are addressed to, and its MPN id (sample §6.9 fields). */
export function seedPartner(random: Random): PartnerIdentity {
  return { partnerId: random.guid(), mpnId: String(1_000_000 + random.int(9_000_000)) };
}
