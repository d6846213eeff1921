import { describe, expect, it } from 'vitest';
import { inclusiveEnd, midnight, timestamp } from '../../src/sandbox/dates.js';
import { IdempotencyLedger, MAX_STORED_REPLIES, idempotencyKey } from '../../src/sandbox/idempotency.js';
import { parseBillingCycle } from '../../src/sandbox/model/billing-cycle.js';
import { orderGroups } from '../../src/sandbox/routes/cart-rules.js';

const at = (iso: string) => Date.parse(iso);

describe('term dates', () => {
  it('ends a term on the day before the same day of the last month, at midnight', () => {
    expect(midnight(inclusiveEnd(at('2021-01-14T16:57:15.096Z'), 12))).toBe('2022-01-13T00:00:00Z');
    expect(midnight(inclusiveEnd(at('2024-03-14T09:30:00Z'), 1))).toBe('2024-04-13T00:00:00Z');
    expect(midnight(inclusiveEnd(at('2024-03-14T09:30:00Z'), 36))).toBe('2027-03-13T00:00:00Z');
    // No 31 February: clamp to the month's last day, then take the day off.
    expect(midnight(inclusiveEnd(at('2024-01-31T12:00:00Z'), 1))).toBe('2024-02-28T00:00:00Z');
    expect(midnight(inclusiveEnd(at('2023-01-31T12:00:00Z'), 1))).toBe('2023-02-27T00:00:00Z');
  });

  it('writes timestamps with seven fractional digits, as the service does', () => {
    expect(timestamp(at('2021-08-18T17:29:52.351Z'))).toBe('2021-08-18T17:29:52.3510000Z');
  });
});

describe('billing cycles and order groups', () => {
  it('reads billing cycles in any casing and the .NET member names', () => {
    expect(['monthly', 'Monthly', 'ANNUAL', 'one_time', 'OneTime', 'None'].map(parseBillingCycle)).toEqual([
      'monthly', 'monthly', 'annual', 'one_time', 'one_time', 'none',
    ]);
    expect(parseBillingCycle('weekly')).toBeUndefined();
  });

  it('numbers groups by billing cycle in order of first appearance', () => {
    expect(orderGroups(['annual', 'monthly', 'annual', 'none', 'monthly'])).toEqual(['0', '1', '0', '2', '1']);
  });
});

describe('IdempotencyLedger', () => {
  const reply = (n: number) => ({ status: 201, payload: String(n), headers: {} });

  it('keys writes by route, customer and request id, and skips requests without an id', () => {
    expect(idempotencyKey('POST /v1/x', 'ABC', ' Req-1 ')).toBe(idempotencyKey('POST /v1/x', 'abc', 'req-1'));
    expect(idempotencyKey('POST /v1/x', 'abc', 'req-1')).not.toBe(idempotencyKey('POST /v1/y', 'abc', 'req-1'));
    expect(idempotencyKey('POST /v1/x', 'abc', undefined)).toBeUndefined();
    expect(idempotencyKey('POST /v1/x', 'abc', '  ')).toBeUndefined();
  });

  it('hands a stored reply to waiters, and lets them process when the first had none to store', async () => {
    const ledger = new IdempotencyLedger();
    ledger.begin('a');
    const waiting = ledger.find('a');
    expect(waiting.kind).toBe('inFlight');
    ledger.finish('a', reply(1), true);
    expect(await (waiting.kind === 'inFlight' ? waiting.settled : undefined)).toEqual(reply(1));
    expect(ledger.find('a')).toEqual({ kind: 'done', reply: reply(1) });

    ledger.begin('b');
    const second = ledger.find('b');
    ledger.finish('b', { status: 503, payload: '', headers: {} }, false);
    expect(await (second.kind === 'inFlight' ? second.settled : 'not in flight')).toBeUndefined();
    expect(ledger.find('b')).toEqual({ kind: 'none' });
  });

  it(`keeps at most ${MAX_STORED_REPLIES} replies, dropping the oldest`, () => {
    const ledger = new IdempotencyLedger();
    for (let i = 0; i <= MAX_STORED_REPLIES; i++) {
      ledger.begin(`k${i}`);
      ledger.finish(`k${i}`, reply(i), true);
    }
    expect(ledger.size).toBe(MAX_STORED_REPLIES);
    expect(ledger.find('k0').kind).toBe('none');
    expect(ledger.find(`k${MAX_STORED_REPLIES}`).kind).toBe('done');
  });
});
