import { afterEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import type { OneTimeInvoiceLineItem } from '../../src/sandbox/index.js';
import { BASIC_US, line, sandboxPool } from './commerce-helpers.js';
import { ONETIME, cents, lines, openDesk, patch, walk } from './aftersale-helpers.js';
import { follow, get } from './helpers.js';
import type { WireCollection, WireFault } from './helpers.js';

type Line = OneTimeInvoiceLineItem;
const pool = sandboxPool();
afterEach(() => pool.closeAll());

const unbilled = (currency: string, period: string, size = 2000) =>
  `/invoices/unbilled/lineitems?${ONETIME}&currencycode=${currency}&period=${period}&size=${size}`;
const month = (l: Line) => l.chargeStartDate.slice(0, 7);

describe('unbilled reconciliation lines', () => {
  it('lists the charges of the current and the previous month on the clock, per currency', async () => {
    const { s } = await openDesk(pool);
    const current = lines(await walk<Line>(s, unbilled('USD', 'current')));
    const previous = lines(await walk<Line>(s, unbilled('usd', 'Previous')));
    const euro = lines(await walk<Line>(s, unbilled('EUR', 'current')));
    expect([current.length, previous.length, euro.length].every((n) => n > 10)).toBe(true);
    expect(new Set(current.map(month))).toEqual(new Set(['2026-06']));
    expect(new Set(previous.map(month))).toEqual(new Set(['2026-05']));
    expect(new Set([...current, ...previous].map((l) => l.currency))).toEqual(new Set(['USD']));
    expect(new Set(euro.map((l) => l.currency))).toEqual(new Set(['EUR']));
    expect(new Set(euro.map((l) => l.customerCountry))).toEqual(new Set(['DE', 'FR']));
    expect([...current, ...euro].every((l) => l.invoiceNumber === '' && l.attributes.objectType === 'OneTimeInvoiceLineItem')).toBe(true);
    expect((await get<WireCollection<Line>>(s, unbilled('GBP', 'current'))).body.items).toEqual([]);
    expect([s.count(ROUTE.listUnbilledLineItems) > 0, s.count(ROUTE.listInvoiceLineItems), s.count(ROUTE.getInvoice)]).toEqual([true, 0, 0]);
  });

  it('shows a purchase, a seat increase and a cancellation made now on the current month only', async () => {
    const { s, clock, customer, buy } = await openDesk(pool);
    const [sub] = await buy([line(BASIC_US, 'monthly', 'P1Y', 5)]);
    const id = sub?.id ?? '';
    const mine = async (period: string) => lines(await walk<Line>(s, unbilled('USD', period))).filter((l) => l.subscriptionId === id);
    const [bought] = await mine('current');
    // Business Basic, P1Y billed monthly: $6.00 a seat and month; 6.5% tax.
    expect(bought).toMatchObject({ chargeType: 'new', customerId: customer, orderId: sub?.orderId, quantity: '5', unitPrice: '6', subtotal: '30', taxTotal: '1.95', totalForCustomer: '31.95', billableQuantity: '5', billingFrequency: 'Monthly' });
    expect(bought?.termAndBillingCycle).toBe('One-Year commitment for monthly/yearly billing');
    expect(await mine('previous')).toEqual([]);

    clock.advance(3_600_000);
    expect((await patch(s, customer, id, { quantity: 8 })).status).toBe(200);
    clock.advance(3_600_000);
    expect((await patch(s, customer, id, { status: 'deleted' })).status).toBe(200);
    const after = await mine('current');
    expect(after.map((l) => [l.chargeType, l.quantity])).toEqual([['new', '5'], ['addQuantity', '3'], ['cancel', '-8']]);
    const [, added, cancelled] = after;
    expect(Number(added?.billableQuantity)).toBeGreaterThan(2.9);
    expect(Number(added?.billableQuantity)).toBeLessThan(3);
    expect(cents(cancelled?.totalForCustomer ?? '0')).toBeLessThan(0);
    // Two hours of five seats and one hour of three were used; the cancellation refunds the rest.
    const net = after.reduce((sum, l) => sum + cents(l.totalForCustomer), 0);
    expect(net).toBeGreaterThan(0);
    expect(net).toBeLessThan(15);
  });

  it('pages with seek tokens, every line once, and stays in its month when the clock moves on', async () => {
    const { s, clock } = await openDesk(pool);
    const whole = lines(await walk<Line>(s, unbilled('USD', 'current')));
    const first = await get<WireCollection<Line>>(s, unbilled('USD', 'current', 25));
    expect(first.body.links.next?.uri).toBe(`/invoices/unbilled/lineitems?${ONETIME}&currencycode=USD&period=current&size=25&seekOperation=Next`);
    clock.advance(30 * 86_400_000);
    const rest = [first, ...(await walkFrom(first.body.links.next))];
    const paged = rest.flatMap((p) => p.body.items);
    expect(paged.map((l) => l.referenceId)).toEqual(whole.map((l) => l.referenceId));
    expect(new Set(paged.map((l) => l.referenceId)).size).toBe(paged.length);
    expect(new Set(lines(await walk<Line>(s, unbilled('USD', 'current'))).map(month))).toEqual(new Set(['2026-07']));

    const token = first.body.continuationToken ?? '';
    const reuse = async (path: string) => (await get<WireFault>(s, path, { 'MS-ContinuationToken': token })).body.code;
    expect(await reuse(`${unbilled('EUR', 'current', 25)}&seekOperation=Next`)).toBe(800002);
    expect(await reuse(`${unbilled('USD', 'previous', 25)}&seekOperation=Next`)).toBe(800002);
    const invoice = (await get<WireCollection<{ id: string }>>(s, '/invoices?size=1')).body.items[0]?.id ?? '';
    expect(await reuse(`/invoices/${invoice}/lineitems?${ONETIME}&seekOperation=Next`)).toBe(800002);

    async function walkFrom(next: (typeof first.body.links)['next']) {
      const pages = [];
      for (let link = next; link; link = pages.at(-1)?.body.links.next) pages.push(await follow<WireCollection<Line>>(s, link));
      return pages;
    }
  });

  it.each([
    ['no currency', `${ONETIME}&period=current`],
    ['a malformed currency', `${ONETIME}&currencycode=dollars&period=current`],
    ['no period', `${ONETIME}&currencycode=USD`],
    ['an unknown period', `${ONETIME}&currencycode=USD&period=next`],
    ['no provider', 'invoicelineitemtype=billinglineitems&currencycode=USD&period=current'],
    ['size above 2000', `${ONETIME}&currencycode=USD&period=current&size=5000`],
  ])('refuses %s with 400 800002', async (_label, query) => {
    const { s } = await openDesk(pool);
    const res = await get<WireFault>(s, `/invoices/unbilled/lineitems?${query}`);
    expect([res.status, res.body.code]).toEqual([400, 800002]);
  });
});
