import { builder } from '../../builder.js';
import { firstReconPage, getInvoice, listReconLines, reconLinesPath, type UpstreamInvoice, type UpstreamReconLine } from '../../upstream/invoices.js';
import { settle } from '../loading.js';
import { joinKey } from '../node.js';
import { isGuid } from '../../ids.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import { pageSize } from '../paging.args.js';
import { linkConnection } from '../seek-cursor.js';
import { CustomerSubscriptionRef } from '../subscription/subscription.type.js';

export const RECON_PAGE = { default: 100, max: 2000 };

export const InvoiceRef = builder.loadableNodeRef<UpstreamInvoice, string, string>('Invoice', {
  id: { resolve: (i) => i.id, description: 'Global id; node(id) refetches this object.' },
  cacheResolved: (i) => i.id,
  load: (ids, ctx) => Promise.all(ids.map((id) => settle(getInvoice(ctx.upstream, ctx.call, id)))),
});

export const ReconciliationLineItemRef = builder.objectRef<UpstreamReconLine>('ReconciliationLineItem').implement({
  description: 'A billed or unbilled new-commerce reconciliation line (provider onetime, billing line items).',
  fields: (t) => {
    const text = (name: keyof UpstreamReconLine & string, description: string) =>
      t.string({ nullable: true, description, resolve: (l) => (l[name] as string | undefined) ?? null });
    const money = (name: 'unitPrice' | 'effectiveUnitPrice' | 'subtotal' | 'taxTotal' | 'totalForCustomer', description: string) =>
      t.field({ type: 'Decimal', nullable: true, description, resolve: (l) => l[name] ?? null });
    const date = (name: 'chargeStartDate' | 'chargeEndDate', description: string) =>
      t.field({ type: 'DateTime', nullable: true, description, resolve: (l) => l[name] ?? null });
    return {
      invoiceNumber: text('invoiceNumber', 'The invoice the line is billed on (empty for unbilled lines).'),
      customerId: t.exposeString('customerId', { description: 'The customer tenant id.' }),
      customerName: text('customerName', 'The customer name.'),
      orderId: text('orderId', 'The order that created the charge.'),
      subscriptionId: text('subscriptionId', 'The subscription charged.'),
      productId: text('productId', 'Product id.'),
      skuId: text('skuId', 'SKU id.'),
      availabilityId: text('availabilityId', 'Availability id.'),
      productName: text('productName', 'Product name.'),
      skuName: text('skuName', 'SKU name.'),
      chargeType: text('chargeType', 'What was charged: new, renew, addQuantity, cancel, …'),
      unitPrice: money('unitPrice', 'Price of one unit.'),
      effectiveUnitPrice: money('effectiveUnitPrice', 'Price of one unit after discounts.'),
      quantity: t.int({ nullable: true, description: 'Units charged.', resolve: (l) => l.quantity ?? null }),
      subtotal: money('subtotal', 'Amount before tax.'),
      taxTotal: money('taxTotal', 'Tax.'),
      totalForCustomer: money('totalForCustomer', 'Amount after tax.'),
      currency: text('currency', 'Currency of the amounts.'),
      chargeStartDate: date('chargeStartDate', 'Start of the charged period.'),
      chargeEndDate: date('chargeEndDate', 'End of the charged period.'),
      termAndBillingCycle: text('termAndBillingCycle', 'e.g. One-Year commitment for monthly/yearly billing.'),
      billingFrequency: text('billingFrequency', 'e.g. Monthly.'),
      promotionId: text('promotionId', 'Promotion applied.'),
      subscription: t.field({
        type: CustomerSubscriptionRef,
        nullable: true,
        description: 'The subscription charged; null when Partner Center no longer has it.',
        resolve: (l, _a, ctx) =>
          l.subscriptionId && isGuid(l.subscriptionId) && isGuid(l.customerId)
            ? nullIfNotFound(CustomerSubscriptionRef.getDataloader(ctx).load(joinKey(l.customerId.toLowerCase(), l.subscriptionId.toLowerCase())))
            : null,
      }),
    };
  },
});

export const ReconciliationConnection = builder.connectionObject(
  { type: ReconciliationLineItemRef, name: 'ReconciliationLineItemConnection', description: 'A page of reconciliation lines.' },
  { name: 'ReconciliationLineItemEdge', description: 'A reconciliation line in a page.' },
);

InvoiceRef.implement({
  description: "An invoice of the partner.",
  fields: (t) => ({
    invoiceId: t.exposeString('id', { description: 'Invoice id, e.g. G000773581.' }),
    invoiceDate: t.field({ type: 'DateTime', nullable: true, description: 'When it was issued.', resolve: (i) => i.invoiceDate ?? null }),
    billingPeriodStartDate: t.field({ type: 'DateTime', nullable: true, description: 'Start of the billing period.', resolve: (i) => i.billingPeriodStartDate ?? null }),
    billingPeriodEndDate: t.field({ type: 'DateTime', nullable: true, description: 'End of the billing period.', resolve: (i) => i.billingPeriodEndDate ?? null }),
    totalCharges: t.field({ type: 'Decimal', description: 'Total, adjustments included.', resolve: (i) => i.totalCharges }),
    paidAmount: t.field({ type: 'Decimal', nullable: true, description: 'Paid so far (negative when a payment was received).', resolve: (i) => i.paidAmount ?? null }),
    currencyCode: t.exposeString('currencyCode', { description: 'ISO 4217 currency.' }),
    documentType: t.string({ nullable: true, description: 'invoice, void_note, adjustment_note.', resolve: (i) => i.documentType ?? null }),
    invoiceType: t.string({ nullable: true, description: 'Recurring or OneTime.', resolve: (i) => i.invoiceType ?? null }),
    reconciliationLineItems: t.field({
      type: ReconciliationConnection,
      description: `New commerce (provider onetime) billed reconciliation line items of this invoice. Each page is one upstream call of \`first\` lines (${RECON_PAGE.default} by default, at most ${RECON_PAGE.max}); cursors wrap the continuation token.`,
      args: {
        first: t.arg.int({ required: false, description: `How many lines, ${RECON_PAGE.default} by default, at most ${RECON_PAGE.max}.` }),
        after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
      },
      resolve: (invoice, args, ctx) => {
        const first = pageSize(args.first, RECON_PAGE);
        return linkConnection({
        cursors: ctx.cursors,
          first,
          after: args.after,
          collectionPath: reconLinesPath(invoice.id),
          firstPage: () => firstReconPage(invoice.id, first),
          fetchPage: (request) => listReconLines(ctx.upstream, ctx.call, request),
        });
      },
    }),
  }),
});
