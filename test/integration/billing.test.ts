// Reading after the sale at scale: 50 subscriptions with their catalog data, invoices, and walking
// thousands of reconciliation lines page by page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { InvoiceLinesDocument, InvoiceLineSubscriptionsDocument, InvoicesDocument, SubscriptionCatalogDocument, UnbilledLinesDocument } from '../gql/graphql.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(async () => {
  await stack.server.gateway.services.catalogCache.clear();
  stack.sandbox.setFaults({ latencyMs: 0 });
  stack.sandbox.resetCounters();
});

async function fabrikam(): Promise<string> {
  const r = (await (await fetch(`${stack.sandbox.url}/v1/customers?size=500`)).json()) as { items: { id: string; companyProfile: { companyName: string } }[] };
  const c = r.items.find((i) => i.companyProfile.companyName === 'Fabrikam Bulk Licensing');
  if (!c) throw new Error('no Fabrikam Bulk Licensing customer');
  return c.id;
}

describe('50 subscriptions of 8 products', () => {
  it('cost one subscriptions call (no customer read) plus one load per distinct catalog resource, started together', async () => {
    const customerId = await fabrikam();
    stack.sandbox.resetCounters();
    // A wide latency, so "started together" stays distinguishable from "one round later" on a busy machine.
    stack.sandbox.setFaults({ latencyMs: 400 });
    const r = await stack.gql(SubscriptionCatalogDocument, { customerId, first: 50 });
    expect(r.errors).toBeUndefined();
    const subs = r.data?.customer?.subscriptions.edges.map((e) => e.node) ?? [];
    expect(subs).toHaveLength(50);
    expect(subs.every((s) => s.product && s.sku && s.availability?.catalogItemId === s.offerId)).toBe(true);
    const products = new Set(subs.map((s) => s.product?.productId));
    const skus = new Set(subs.map((s) => `${s.product?.productId}:${s.sku?.skuId}`));
    const availabilities = new Set(subs.map((s) => s.offerId));
    expect(products.size).toBe(8);
    // No customer read: the subscription list already proves the customer exists.
    expect(stack.sandbox.counters()).toEqual({
      [ROUTE.listSubscriptions]: 1,
      [ROUTE.getProduct]: products.size,
      [ROUTE.getSku]: skus.size,
      [ROUTE.getAvailability]: availabilities.size,
    });
    // All catalog loads start together: a load waiting for another would start a 400 ms round later.
    const at = (route: string) => stack.sandbox.requests().filter((q) => q.route === route).map((q) => Date.parse(q.at));
    const catalog = [...at(ROUTE.getProduct), ...at(ROUTE.getSku), ...at(ROUTE.getAvailability)];
    expect(Math.max(...catalog) - Math.min(...catalog)).toBeLessThan(300);
  });
});

describe('invoices', () => {
  it('walks the invoice list to the end, each invoice once, one call per page', async () => {
    const ids: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    do {
      const r = await stack.gql(InvoicesDocument, { first: 5, ...(after ? { after } : {}) });
      expect(r.errors).toBeUndefined();
      pages += 1;
      ids.push(...(r.data?.invoices.edges.map((e) => e.node.invoiceId) ?? []));
      after = r.data?.invoices.pageInfo.hasNextPage ? r.data.invoices.pageInfo.endCursor : undefined;
    } while (after && pages < 50);
    expect(ids.length).toBeGreaterThanOrEqual(24);
    expect(new Set(ids).size).toBe(ids.length);
    expect(stack.sandbox.count(ROUTE.listInvoices)).toBe(pages);
  });

  it('walks every reconciliation line of a big invoice exactly once, one call per page, the token sent as the header', async () => {
    const list = await stack.gql(InvoicesDocument, { first: 50 });
    const big = list.data?.invoices.edges.map((e) => e.node).find((i) => i.currencyCode === 'USD');
    if (!big) throw new Error('no USD invoice');
    stack.sandbox.resetCounters();

    // The first 50 lines of thousands cost one upstream page of 50.
    const head = await stack.gql(InvoiceLinesDocument, { invoiceId: big.invoiceId, first: 50 });
    expect(head.data?.invoice?.reconciliationLineItems.edges).toHaveLength(50);
    expect(stack.sandbox.count(ROUTE.listInvoiceLineItems)).toBe(1);
    expect(stack.sandbox.requests().find((q) => q.route === ROUTE.listInvoiceLineItems)?.query.size).toBe('50');
    const line = head.data?.invoice?.reconciliationLineItems.edges[0]?.node;
    expect(typeof line?.unitPrice).toBe('string');
    expect(typeof line?.quantity).toBe('number');

    stack.sandbox.resetCounters();
    const seen = new Set<string>();
    let count = 0;
    let total = 0;
    let after: string | null | undefined;
    let pages = 0;
    do {
      const r = await stack.gql(InvoiceLinesDocument, { invoiceId: big.invoiceId, first: 2000, ...(after ? { after } : {}) });
      expect(r.errors).toBeUndefined();
      pages += 1;
      for (const e of r.data?.invoice?.reconciliationLineItems.edges ?? []) {
        count += 1;
        total += Math.round(Number(e.node.totalForCustomer) * 100);
        seen.add(JSON.stringify(e.node));
      }
      const info = r.data?.invoice?.reconciliationLineItems.pageInfo;
      after = info?.hasNextPage ? info.endCursor : undefined;
    } while (after && pages < 20);
    expect(count).toBeGreaterThanOrEqual(5000);
    expect(seen.size).toBe(count);
    expect(total).toBe(Math.round(Number(big.totalCharges) * 100));
    const calls = stack.sandbox.requests().filter((q) => q.route === ROUTE.listInvoiceLineItems);
    expect(calls).toHaveLength(pages);
    expect(calls.slice(1).every((c) => typeof c.headers['ms-continuationtoken'] === 'string')).toBe(true);
  });

  it('links a reconciliation line to its subscription', async () => {
    const list = await stack.gql(InvoicesDocument, { first: 1 });
    const invoiceId = list.data?.invoices.edges[0]?.node.invoiceId ?? '';
    const r = await stack.gql(InvoiceLineSubscriptionsDocument, { invoiceId, first: 20 });
    const lines = r.data?.invoice?.reconciliationLineItems.edges.map((e) => e.node) ?? [];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.subscription?.subscriptionId === l.subscriptionId)).toBe(true);
  });

  it('reads unbilled lines for the current period and refuses a malformed currency without a call', async () => {
    const r = await stack.gql(UnbilledLinesDocument, { currencyCode: 'usd', period: 'CURRENT', first: 100 });
    expect(r.errors).toBeUndefined();
    expect(r.data?.unbilledReconciliationLineItems.edges.length).toBeGreaterThan(0);
    expect(r.data?.unbilledReconciliationLineItems.edges.every((e) => e.node.currency === 'USD')).toBe(true);
    stack.sandbox.resetCounters();
    const bad = await stack.gql(UnbilledLinesDocument, { currencyCode: 'dollars', period: 'CURRENT' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(stack.sandbox.totalRequests()).toBe(0);
  });
});
