import { builder } from '../../builder.js';
import { firstInvoicePage, firstUnbilledPage, listInvoices, listReconLines, UNBILLED_PATH } from '../../upstream/invoices.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import { invalidInput } from '../node.js';
import { ID_PATTERNS } from '../../ids.js';
import { pageSize } from '../paging.args.js';
import { linkConnection } from '../seek-cursor.js';
import { InvoiceRef, RECON_PAGE, ReconciliationConnection } from './invoice.type.js';

const INVOICE_PAGE = { default: 20, max: 200 };

const InvoiceConnection = builder.connectionObject(
  { type: InvoiceRef, name: 'InvoiceConnection', description: 'A page of invoices.' },
  { name: 'InvoiceEdge', description: 'An invoice in a page.' },
);

const BillingPeriodEnum = builder.enumType('BillingPeriod', {
  description: 'Which unbilled period.',
  values: {
    CURRENT: { value: 'current' as const, description: 'The billing period in progress.' },
    PREVIOUS: { value: 'previous' as const, description: 'The period before it, until its invoice is issued.' },
  } as const,
});

builder.queryFields((t) => ({
  invoices: t.field({
    type: InvoiceConnection,
    description: `The partner's invoices, newest first. Each page is one upstream call of \`first\` invoices (${INVOICE_PAGE.default} by default, at most ${INVOICE_PAGE.max}).`,
    args: {
      first: t.arg.int({ required: false, description: `How many, ${INVOICE_PAGE.default} by default, at most ${INVOICE_PAGE.max}.` }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
    },
    resolve: (_root, args, ctx) => {
      const first = pageSize(args.first, INVOICE_PAGE);
      return linkConnection({
        cursors: ctx.cursors,
        first,
        after: args.after,
        collectionPath: '/invoices',
        firstPage: () => firstInvoicePage(first),
        fetchPage: (request) => listInvoices(ctx.upstream, ctx.call, request),
      });
    },
  }),
  invoice: t.field({
    type: InvoiceRef,
    nullable: true,
    description: 'One invoice by id; null when there is none.',
    args: { invoiceId: t.arg.string({ required: true, description: 'Invoice id, e.g. G000773581.' }) },
    resolve: (_root, args, ctx) => {
      if (!ID_PATTERNS.invoiceId.test(args.invoiceId)) throw invalidInput(`invoiceId ${JSON.stringify(args.invoiceId.slice(0, 50))} is not an invoice id.`, 'invoiceId');
      return nullIfNotFound(InvoiceRef.getDataloader(ctx).load(args.invoiceId));
    },
  }),
  unbilledReconciliationLineItems: t.field({
    type: ReconciliationConnection,
    description: `New commerce reconciliation lines not invoiced yet, for one currency and period. Each page is one upstream call (${RECON_PAGE.default} lines by default, at most ${RECON_PAGE.max}).`,
    args: {
      currencyCode: t.arg.string({ required: true, description: 'ISO 4217 currency, e.g. USD.' }),
      period: t.arg({ type: BillingPeriodEnum, required: true, description: 'Current or previous period.' }),
      first: t.arg.int({ required: false, description: `How many lines, ${RECON_PAGE.default} by default, at most ${RECON_PAGE.max}.` }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
    },
    resolve: (_root, args, ctx) => {
      const currency = args.currencyCode.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) throw invalidInput(`currencyCode must be an ISO 4217 code such as USD; got ${JSON.stringify(args.currencyCode.slice(0, 10))}.`, 'currencyCode');
      const first = pageSize(args.first, RECON_PAGE);
      return linkConnection({
        cursors: ctx.cursors,
        first,
        after: args.after,
        collectionPath: UNBILLED_PATH,
        firstPage: () => firstUnbilledPage(currency, args.period, first),
        fetchPage: (request) => listReconLines(ctx.upstream, ctx.call, request),
      });
    },
  }),
}));
