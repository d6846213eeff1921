import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE, startSandbox } from '../../src/sandbox/index.js';
import type { InvoiceResource, OneTimeInvoiceLineItem, Sandbox, SubscriptionResource } from '../../src/sandbox/index.js';
import { ONETIME, cents, lines, walk } from './aftersale-helpers.js';
import { get } from './helpers.js';
import type { WireCollection, WireFault } from './helpers.js';

type Line = OneTimeInvoiceLineItem;
let s: Sandbox;
let invoices: InvoiceResource[];
beforeAll(async () => {
  s = await startSandbox({ seed: 1 });
  invoices = (await get<WireCollection<InvoiceResource>>(s, '/invoices')).body.items;
});
afterAll(() => s.close());

const big = () => invoices.find((i) => i.currencyCode === 'USD');
const linesPath = (id: string, size = 2000) => `/invoices/${id}/lineitems?${ONETIME}&size=${size}`;
const DECIMAL = /^-?\d+(\.\d+)?$/;
// Sample §6.9's field set, in its order.
const SAMPLE_FIELDS = [
  'partnerId', 'customerId', 'customerName', 'customerDomainName', 'customerCountry', 'invoiceNumber', 'mpnId', 'resellerMpnId',
  'orderId', 'orderDate', 'productId', 'skuId', 'availabilityId', 'productName', 'skuName', 'productQualifiers', 'chargeType',
  'unitPrice', 'effectiveUnitPrice', 'unitType', 'quantity', 'subtotal', 'taxTotal', 'totalForCustomer', 'currency',
  'publisherName', 'publisherId', 'subscriptionDescription', 'subscriptionId', 'subscriptionStartDate', 'subscriptionEndDate',
  'chargeStartDate', 'chargeEndDate', 'termAndBillingCycle', 'alternateId', 'referenceId', 'priceAdjustmentDescription',
  'discountDetails', 'pricingCurrency', 'pcToBCExchangeRate', 'pcToBCExchangeRateDate', 'billableQuantity', 'meterDescription',
  'billingFrequency', 'reservationOrderId', 'invoiceLineItemType', 'billingProvider', 'promotionId', 'attributes',
];

describe('invoice list', () => {
  it('holds a monthly OneTime invoice per currency for 12 months, newest first, in one default page', async () => {
    const res = await get<WireCollection<InvoiceResource>>(s, '/invoices');
    expect(res.body.links).toEqual({ self: { uri: '/invoices?size=200&offset=0', method: 'GET', headers: [] } });
    expect(invoices).toHaveLength(24);
    const dates = invoices.map((i) => Date.parse(i.invoiceDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(Math.max(...dates)).toBeLessThan(Date.parse('2026-06-01T00:00:00Z'));
    for (const code of ['USD', 'EUR']) {
      const months = invoices.filter((i) => i.currencyCode === code).map((i) => i.billingPeriodStartDate.slice(0, 7));
      expect(new Set(months).size).toBe(12);
    }
    for (const i of invoices) {
      expect(i.id).toMatch(/^G\d{9}$/);
      expect(i).toMatchObject({ documentType: 'invoice', invoiceType: 'OneTime', attributes: { objectType: 'Invoice' }, links: { self: { uri: `/invoices/${i.id}` } } });
      expect(i.invoiceDetails).toEqual([
        { invoiceLineItemType: 'billing_line_items', billingProvider: 'one_time', links: { self: { uri: `/invoices/${i.id}/lineitems?${ONETIME}`, method: 'GET', headers: [] } }, attributes: { objectType: 'InvoiceDetail' } },
      ]);
      expect(i.currencySymbol).toBe(i.currencyCode === 'USD' ? '$' : '€');
      expect(i).not.toHaveProperty('pdfDownloadLink');
      expect(Date.parse(i.billingPeriodEndDate)).toBeLessThan(Date.parse(i.invoiceDate));
    }
    expect(invoices.filter((i) => i.paidAmount === 0).map((i) => i.billingPeriodStartDate)).toEqual(invoices.slice(0, 2).map((i) => i.billingPeriodStartDate));
  });

  it('pages by size and offset through links.next, each invoice once', async () => {
    const pages = await walk<InvoiceResource>(s, '/invoices?size=5');
    expect(pages.map((p) => p.body.items.length)).toEqual([5, 5, 5, 5, 4]);
    expect(pages.flatMap((p) => p.body.items.map((i) => i.id))).toEqual(invoices.map((i) => i.id));
    expect(pages.slice(0, -1).map((p) => p.body.links.next?.uri)).toEqual([5, 10, 15, 20].map((o) => `/invoices?size=5&offset=${o}`));
    expect(pages.map((p) => p.body.totalCount)).toEqual([5, 5, 5, 5, 4]);
    expect((await get<WireCollection<InvoiceResource>>(s, '/invoices?size=5&offset=30')).body.items).toEqual([]);
    expect(s.count(ROUTE.listInvoices)).toBeGreaterThanOrEqual(6);
  });

  it.each(['size=abc', 'size=1001', 'size=-1', 'offset=-1', 'offset=x', 'filter=%7B%7D'])('refuses %s with 400 800002', async (query) => {
    const res = await get<WireFault>(s, `/invoices?${query}`);
    expect([res.status, res.body.code]).toEqual([400, 800002]);
  });
});

describe('invoice by id', () => {
  it('adds the statement link, accepts any casing and the OneTime- prefix, and answers 404 1000 for an unknown id', async () => {
    const first = invoices[0] as InvoiceResource;
    const byId = await get<InvoiceResource>(s, `/invoices/${first.id}`);
    expect(byId.body).toEqual({ ...first, pdfDownloadLink: `/invoices/${first.id}/documents/statement` });
    expect((await get(s, `/invoices/${first.id.toLowerCase()}`)).text).toBe(byId.text);
    expect((await get(s, `/invoices/OneTime-${first.id}`)).text).toBe(byId.text);
    const missing = await get<WireFault>(s, '/invoices/G000000001');
    expect([missing.status, missing.body.code]).toEqual([404, 1000]);
    expect(s.state().invoices().map((i) => i.id)).toEqual(invoices.map((i) => i.id));
  });
});

describe('billed reconciliation lines', () => {
  it("add up to each invoice's totalCharges, in its currency and month", async () => {
    for (const invoice of invoices) {
      const all = lines(await walk<Line>(s, linesPath(invoice.id)));
      expect(all.length).toBeGreaterThan(invoice === big() ? 5000 : 20);
      expect(all.reduce((sum, l) => sum + cents(l.totalForCustomer), 0)).toBe(Math.round(invoice.totalCharges * 100));
      for (const l of all) {
        expect([l.invoiceNumber, l.currency]).toEqual([invoice.id, invoice.currencyCode]);
        expect(l.chargeStartDate.slice(0, 7)).toBe(invoice.billingPeriodStartDate.slice(0, 7));
        expect(cents(l.subtotal) + cents(l.taxTotal)).toBe(cents(l.totalForCustomer));
      }
    }
  });

  it('walks the big USD invoice with size=2000 through links.next: every line once, numbers as strings', async () => {
    const invoice = big() as InvoiceResource;
    const pages = await walk<Line>(s, linesPath(invoice.id));
    const all = lines(pages);
    expect(all.length).toBeGreaterThanOrEqual(5000);
    expect(pages).toHaveLength(Math.ceil(all.length / 2000));
    expect(new Set(all.map((l) => l.referenceId)).size).toBe(all.length);
    for (const [i, page] of pages.entries()) {
      expect(page.body.totalCount).toBe(page.body.items.length);
      const next = page.body.links.next;
      if (i === pages.length - 1) {
        expect([next, page.body.continuationToken]).toEqual([undefined, undefined]);
        continue;
      }
      expect(next?.uri).toBe(`/invoices/${invoice.id}/lineitems?${ONETIME}&size=2000&seekOperation=Next`);
      expect(next?.headers).toEqual([{ key: 'MS-ContinuationToken', value: page.body.continuationToken }]);
    }
    for (const l of all) {
      expect(Object.keys(l)).toEqual(SAMPLE_FIELDS);
      for (const field of ['unitPrice', 'effectiveUnitPrice', 'subtotal', 'taxTotal', 'totalForCustomer', 'billableQuantity', 'pcToBCExchangeRate'] as const) {
        expect(l[field]).toMatch(DECIMAL);
      }
      expect(l.quantity).toMatch(/^-?\d+$/);
      expect(l).toMatchObject({ invoiceLineItemType: 'billing_line_items', billingProvider: 'one_time', attributes: { objectType: 'OneTimeInvoiceLineItem' } });
    }
    expect(new Set(all.map((l) => l.chargeType))).toEqual(new Set(['addQuantity', 'cycleCharge', 'renew']));
  });

  it('names seeded subscriptions that resolve, with the same order and offer', async () => {
    const invoice = big() as InvoiceResource;
    const all = lines(await walk<Line>(s, linesPath(invoice.id)));
    const bySub = new Map(all.map((l) => [l.subscriptionId, l]));
    for (const l of bySub.values()) {
      const sub = await get<SubscriptionResource>(s, `/customers/${l.customerId}/subscriptions/${l.subscriptionId}`);
      expect(sub.status).toBe(200);
      expect([sub.body.orderId, sub.body.offerId]).toEqual([l.orderId, `${l.productId}:${l.skuId}:${l.availabilityId}`]);
    }
  });

  it('reads parameter names and values in any casing, and lists nothing for legacy providers', async () => {
    const id = big()?.id ?? '';
    const lower = await get(s, linesPath(id, 3));
    expect((await get(s, `/invoices/${id}/lineitems?Provider=OneTime&InvoiceLineItemType=BillingLineItems&Size=3`)).text).toBe(lower.text);
    for (const query of ['provider=office&invoicelineitemtype=billinglineitems', 'provider=azure&invoicelineitemtype=usagelineitems']) {
      const res = await get<WireCollection<Line>>(s, `/invoices/${id}/lineitems?${query}`);
      expect([res.status, res.body.items, res.body.links.next]).toEqual([200, [], undefined]);
    }
  });

  it.each([
    ['no provider', 'invoicelineitemtype=billinglineitems'],
    ['an unknown provider', 'provider=marketplace&invoicelineitemtype=billinglineitems'],
    ['no line item type', 'provider=onetime'],
    ['size above 2000', `${ONETIME}&size=2001`],
    ['a non-numeric size', `${ONETIME}&size=ten`],
    ['an unknown seek operation', `${ONETIME}&seekOperation=Last`],
    ['Next without a token', `${ONETIME}&seekOperation=Next`],
  ])('refuses %s with 400 800002', async (_label, query) => {
    const res = await get<WireFault>(s, `/invoices/${big()?.id ?? ''}/lineitems?${query}`);
    expect([res.status, res.body.code]).toEqual([400, 800002]);
  });

  it("refuses a forged token and another invoice's token", async () => {
    const [a, b] = invoices;
    const first = await get<WireCollection<Line>>(s, linesPath(a?.id ?? '', 10));
    const token = first.body.continuationToken ?? '';
    const next = `${ONETIME}&size=10&seekOperation=Next`;
    expect((await get(s, `/invoices/${a?.id ?? ''}/lineitems?${next}`, { 'MS-ContinuationToken': token })).status).toBe(200);
    const [body = '', mac = ''] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ k: 'recon', scope: `invoice:${a?.id ?? ''}`, off: 0 })).toString('base64url')}.${mac}`;
    for (const [id, value] of [[a?.id, forged], [a?.id, `${body}.${mac.slice(1)}`], [a?.id, 'opaque'], [b?.id, token]] as const) {
      const res = await get<WireFault>(s, `/invoices/${id ?? ''}/lineitems?${next}`, { 'MS-ContinuationToken': value });
      expect([res.status, res.body.code]).toEqual([400, 800002]);
    }
    const unknown = await get<WireFault>(s, `/invoices/G000000001/lineitems?${ONETIME}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 1000]);
  });
});
