// Invoices and new-commerce reconciliation (reference §2.6, samples 6.8/6.9). Invoices page by
// size/offset, reconciliation line items by seek (MS-ContinuationToken); both through links.next.
// Numbers in line items arrive as strings ("16", "50"): they stay exact decimal strings here.
import { z } from 'zod';
import type { CallContext, PartnerCenterClient } from './client.js';
import { getPage, getParsed } from './parse.js';
import type { Page, PageRequest } from './paging.js';
import { collectionOf, decimalString, lenientInt, optionalIsoDate, optionalText } from './wire.js';

const optionalDecimal = z
  .union([decimalString, z.literal(''), z.null()])
  .optional()
  .transform((v) => (v === '' || v === null ? undefined : v));

export const invoiceSchema = z.object({
  id: z.string().min(1),
  invoiceDate: optionalIsoDate,
  billingPeriodStartDate: optionalIsoDate,
  billingPeriodEndDate: optionalIsoDate,
  totalCharges: decimalString,
  paidAmount: optionalDecimal,
  currencyCode: z.string().min(1),
  documentType: optionalText,
  invoiceType: optionalText,
});
export type UpstreamInvoice = z.output<typeof invoiceSchema>;

export const reconLineSchema = z.object({
  invoiceNumber: optionalText,
  customerId: z.string().min(1),
  customerName: optionalText,
  orderId: optionalText,
  subscriptionId: optionalText,
  productId: optionalText,
  skuId: optionalText,
  availabilityId: optionalText,
  productName: optionalText,
  skuName: optionalText,
  chargeType: optionalText,
  unitPrice: optionalDecimal,
  effectiveUnitPrice: optionalDecimal,
  quantity: z
    .union([lenientInt, z.literal(''), z.null()])
    .optional()
    .transform((v) => (v === '' || v === null ? undefined : v)),
  subtotal: optionalDecimal,
  taxTotal: optionalDecimal,
  totalForCustomer: optionalDecimal,
  currency: optionalText,
  chargeStartDate: optionalIsoDate,
  chargeEndDate: optionalIsoDate,
  termAndBillingCycle: optionalText,
  billingFrequency: optionalText,
  promotionId: optionalText,
});
export type UpstreamReconLine = z.output<typeof reconLineSchema>;

const invoiceCollection = collectionOf(invoiceSchema);
const reconCollection = collectionOf(reconLineSchema);

export function firstInvoicePage(size: number): PageRequest {
  return { uri: `/invoices?size=${size}&offset=0`, headers: {} };
}

export async function listInvoices(client: PartnerCenterClient, ctx: CallContext, request: PageRequest): Promise<Page<UpstreamInvoice>> {
  return getPage(client, ctx, invoiceCollection, request);
}

export function getInvoice(client: PartnerCenterClient, ctx: CallContext, invoiceId: string): Promise<UpstreamInvoice> {
  return getParsed(client, ctx, invoiceSchema, `/invoices/${encodeURIComponent(invoiceId)}`);
}

export const reconLinesPath = (invoiceId: string) => `/invoices/${encodeURIComponent(invoiceId)}/lineitems`;
export const UNBILLED_PATH = '/invoices/unbilled/lineitems';

export function firstReconPage(invoiceId: string, size: number): PageRequest {
  return { uri: `${reconLinesPath(invoiceId)}?provider=onetime&invoicelineitemtype=billinglineitems&size=${size}`, headers: {} };
}

export function firstUnbilledPage(currencyCode: string, period: 'current' | 'previous', size: number): PageRequest {
  const q = new URLSearchParams({ provider: 'onetime', invoicelineitemtype: 'billinglineitems', currencycode: currencyCode, period, size: String(size) });
  return { uri: `${UNBILLED_PATH}?${q.toString()}`, headers: {} };
}

export async function listReconLines(client: PartnerCenterClient, ctx: CallContext, request: PageRequest): Promise<Page<UpstreamReconLine>> {
  return getPage(client, ctx, reconCollection, request);
}
