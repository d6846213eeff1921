// The seeded invoices and their lines. Lines are the charges of the invoice's month and currency,
// computed from copies of the seeded subscriptions taken at start (billing/subject.ts), on first
// use and then kept: compact charge records, rendered into line items only page by page.
import { DAY_MS } from '../dates.js';
import type { InvoiceRecord } from '../model/invoice.js';
import { chargeAmounts } from './amounts.js';
import { chargesBetween, compareCharges } from './charges.js';
import type { Charge } from './charges.js';
import type { BillingSubject } from './subject.js';

export class InvoiceBook {
  private readonly byId = new Map<string, InvoiceRecord>();
  private charges: Map<string, Charge[]> | undefined;
  private readonly totals = new Map<string, number>();

  constructor(
    /** Newest first. */
    private readonly records: readonly InvoiceRecord[],
    private readonly subjects: readonly BillingSubject[],
  ) {
    for (const r of records) this.byId.set(r.id.toUpperCase(), r);
  }

  list(): readonly InvoiceRecord[] {
    return this.records;
  }

  /** By id, in any casing; the docs' links also write the id as `OneTime-G000024130` (sample §6.8). */
  get(invoiceId: string): InvoiceRecord | undefined {
    return this.byId.get(invoiceId.toUpperCase().replace(/^ONETIME-/, ''));
  }

  /** The invoice's lines in listing order. */
  chargesOf(invoice: InvoiceRecord): readonly Charge[] {
    this.charges ??= this.bucket();
    return this.charges.get(invoice.id) ?? [];
  }

  /** The sum of the lines' totalForCustomer, in cents. */
  totalCents(invoice: InvoiceRecord): number {
    let total = this.totals.get(invoice.id);
    if (total === undefined) {
      total = this.chargesOf(invoice).reduce((sum, c) => sum + chargeAmounts(c).totalCents, 0);
      this.totals.set(invoice.id, total);
    }
    return total;
  }

  /** One pass over every subscription's charges in the billed months, sorted into invoices. */
  private bucket(): Map<string, Charge[]> {
    const buckets = new Map<string, Charge[]>(this.records.map((r) => [r.id, []]));
    if (this.records.length === 0) return buckets;
    const from = Math.min(...this.records.map((r) => r.periodStart));
    const to = Math.max(...this.records.map((r) => r.periodEnd)) + DAY_MS;
    for (const subject of this.subjects) {
      for (const charge of chargesBetween(subject, from, to)) {
        const invoice = this.records.find(
          (r) => r.currency.code === subject.currencyCode && r.periodStart <= charge.at && charge.at < r.periodEnd + DAY_MS,
        );
        if (invoice) buckets.get(invoice.id)?.push(charge);
      }
    }
    for (const list of buckets.values()) list.sort(compareCharges);
    return buckets;
  }
}
