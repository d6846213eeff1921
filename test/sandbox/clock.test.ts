import { afterEach, describe, expect, it } from 'vitest';
import type { CartCheckoutResult, CartResource, OrderResource } from '../../src/sandbox/index.js';
import { BASIC_US, TestClock, cartPath, checkoutPath, customerIn, line, orderPath, sandboxPool, send } from './commerce-helpers.js';
import { get } from './helpers.js';
import type { WireFault } from './helpers.js';

const DAY = 86_400_000;
const pool = sandboxPool();
afterEach(() => pool.closeAll());

const admin = (url: string, method: string, body?: unknown) =>
  fetch(`${url}/_sandbox/clock`, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
const adminNow = async (url: string, method = 'GET', body?: unknown): Promise<{ status: number; now?: string }> => {
  const res = await admin(url, method, body);
  const json = (await res.json()) as { now?: string };
  return { status: res.status, ...json };
};

describe('Sandbox.clock', () => {
  it('is an offset over the injected clock: advance and set move it, and it keeps following the injected one', async () => {
    const injected = new TestClock(Date.parse('2026-07-01T10:00:00.000Z'));
    const s = await pool.start({ clock: injected });
    expect(s.clock.now().toISOString()).toBe('2026-07-01T10:00:00.000Z');
    s.clock.advance(DAY);
    expect(s.clock.now().toISOString()).toBe('2026-07-02T10:00:00.000Z');
    injected.advance(5);
    expect(s.clock.now().toISOString()).toBe('2026-07-02T10:00:00.005Z');
    s.clock.set('2030-01-01T00:00:00Z');
    injected.advance(7);
    expect(s.clock.now().toISOString()).toBe('2030-01-01T00:00:00.007Z');
    s.clock.set(new Date('2025-01-01T00:00:00Z'));
    expect(s.clock.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    s.clock.reset();
    expect(s.clock.now().toISOString()).toBe('2026-07-01T10:00:00.012Z');
  });

  it('follows the wall clock by default, and refuses a negative advance or an invalid date', async () => {
    const s = await pool.start();
    expect(Math.abs(s.clock.now().getTime() - Date.now())).toBeLessThan(1_000);
    s.clock.set('2031-03-04T05:06:07Z');
    const set = s.clock.now().getTime() - Date.parse('2031-03-04T05:06:07Z');
    expect(set).toBeGreaterThanOrEqual(0);
    expect(set).toBeLessThan(1_000);
    expect(() => s.clock.advance(-1)).toThrow(RangeError);
    expect(() => s.clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => s.clock.set('not a date')).toThrow(RangeError);
    s.clock.reset();
    expect(Math.abs(s.clock.now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it('drives the business rules: cart expiry and order completion', async () => {
    const s = await pool.start({ clock: new TestClock(), commerce: { orderCompletionMs: 60_000, orderListDelayMs: 0 } });
    const customer = await customerIn(s, 'US');
    const body = { lineItems: [line(BASIC_US, 'monthly', 'P1M')] };
    const stale = (await send<CartResource>(s, 'POST', cartPath(customer), body)).body.id;
    const fresh = (await send<CartResource>(s, 'POST', cartPath(customer), body)).body.id;
    const order = (await send<CartCheckoutResult>(s, 'POST', checkoutPath(customer, fresh))).body.orders[0];
    const status = async () => (await get<OrderResource>(s, orderPath(customer, order?.id ?? ''))).body.status;
    expect(await status()).toBe('pending');
    s.clock.advance(60_000);
    expect(await status()).toBe('completed');
    s.clock.advance(7 * DAY);
    const expired = await send<WireFault>(s, 'PUT', cartPath(customer, stale), body);
    expect([expired.status, expired.body.description]).toEqual([400, 'The cart has expired.']);
  });
});

describe('/_sandbox/clock', () => {
  it('reads, advances, sets and resets the clock', async () => {
    const s = await pool.start({ clock: new TestClock(Date.parse('2026-06-10T00:00:00.000Z')) });
    expect(await adminNow(s.url)).toEqual({ status: 200, now: '2026-06-10T00:00:00.000Z' });
    expect(await adminNow(s.url, 'POST', { advanceMs: 2 * DAY })).toEqual({ status: 200, now: '2026-06-12T00:00:00.000Z' });
    expect(s.clock.now().toISOString()).toBe('2026-06-12T00:00:00.000Z');
    expect(await adminNow(s.url, 'POST', { now: '2027-01-31T12:00:00Z' })).toEqual({ status: 200, now: '2027-01-31T12:00:00.000Z' });
    expect(await adminNow(s.url, 'POST', { reset: true })).toEqual({ status: 200, now: '2026-06-10T00:00:00.000Z' });
    expect(s.totalRequests()).toBe(0);
  });

  it.each([
    ['a negative advance', { advanceMs: -5 }],
    ['a fractional advance', { advanceMs: 1.5 }],
    ['an invalid date', { now: 'tomorrow' }],
    ['reset false', { reset: false }],
    ['two changes at once', { advanceMs: 1, reset: true }],
    ['an unknown property', { jump: 1 }],
    ['no body', undefined],
    ['malformed JSON', '{"advanceMs":'],
  ])('refuses %s with 400 and leaves the clock alone', async (_label, body) => {
    const s = await pool.start({ clock: new TestClock(Date.parse('2026-06-10T00:00:00.000Z')) });
    const res = await admin(s.url, 'POST', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message.length).toBeGreaterThan(0);
    expect(s.clock.now().toISOString()).toBe('2026-06-10T00:00:00.000Z');
  });
});
