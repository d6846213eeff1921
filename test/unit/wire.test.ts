import { describe, expect, it } from 'vitest';
import { availabilitySchema, skuSchema } from '../../src/upstream/catalog.types.js';
import { billingCycle, decimalString, isoDate, lenientInt } from '../../src/upstream/wire.js';
import { linkPath, nextPageRequest } from '../../src/upstream/paging.js';
import { parseFaultBody, parseRetryAfter } from '../../src/upstream/errors.js';

describe('wire quirks', () => {
  it('reads billing cycles in every documented spelling', () => {
    expect(['Annual', 'annual', 'Monthly', 'one_time', 'OneTime', 'Triennial', 'none', 2].map((v) => billingCycle.parse(v))).toEqual([
      'annual',
      'annual',
      'monthly',
      'one_time',
      'one_time',
      'triennial',
      'none',
      'annual',
    ]);
    expect(billingCycle.parse('Quadrennial')).toBe('unknown');
  });

  it('reads numbers sent as strings', () => {
    expect(decimalString.parse('14.4')).toBe('14.4');
    expect(decimalString.parse(24606.35)).toBe('24606.35');
    expect(lenientInt.parse('50')).toBe(50);
    expect(lenientInt.safeParse('5.5').success).toBe(false);
    expect(decimalString.safeParse('abc').success).toBe(false);
  });

  it('normalises dates with 7 fractional digits or an offset to UTC', () => {
    expect(isoDate.parse('2021-08-18T17:29:52.3517492Z')).toBe('2021-08-18T17:29:52.351Z');
    expect(isoDate.parse('2019-01-16T00:48:44.76+00:00')).toBe('2019-01-16T00:48:44.760Z');
    expect(isoDate.safeParse('yesterday').success).toBe(false);
  });

  it('parses the documented availability sample and ignores unknown fields', () => {
    const a = availabilitySchema.parse({
      id: 'CFQ7TTC0K971',
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971',
      defaultCurrency: { code: 'USD', symbol: '$' },
      segment: 'commercial',
      country: 'US',
      isPurchasable: true,
      isRenewable: true,
      renewalInstructions: [{ applicableTermIds: ['5aeco6mffyxo'] }],
      terms: [
        {
          id: '5aeco6mffyxo',
          duration: 'P1Y',
          description: 'One-Year commitment for monthly/yearly billing',
          billingCycle: 'Annual',
          cancellationPolicies: [{ refundOptions: [{ sequenceId: 0, type: 'Full', expiresAfter: 'P1D' }] }],
        },
      ],
      links: { self: { uri: '/products/CFQ7TTC0LH18/skus/0001/availabilities/CFQ7TTC0K971?country=US', method: 'GET', headers: [] } },
    });
    expect(a.terms[0]?.billingCycle).toBe('annual');
    expect(a.defaultCurrency).toEqual({ code: 'USD', symbol: '$' });
    expect(a).not.toHaveProperty('links');
    expect(availabilitySchema.parse({ ...a, defaultCurrency: 'EUR', segment: 'Education' }).defaultCurrency.code).toBe('EUR');
  });

  it('reads SKU quantities sent as strings and lower-case billing cycles', () => {
    const s = skuSchema.parse({ id: '0001', productId: 'P', title: 'T', minimumQuantity: '1', maximumQuantity: 300, supportedBillingCycles: ['annual', 'monthly'] });
    expect(s).toMatchObject({ minimumQuantity: 1, maximumQuantity: 300, supportedBillingCycles: ['annual', 'monthly'], isTrial: false });
  });
});

describe('paging helper', () => {
  it('follows links.next with its headers', () => {
    const next = nextPageRequest({
      links: { next: { uri: '/customers?size=40&seekOperation=Next', method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: 'tok' }] } },
    });
    expect(next).toEqual({ uri: '/customers?size=40&seekOperation=Next', headers: { 'MS-ContinuationToken': 'tok' } });
  });

  it('uses the top-level continuationToken when the link carries none', () => {
    const next = nextPageRequest({ continuationToken: 'top', links: { next: { uri: '/v1/customers?seekOperation=Next', headers: [] } } });
    expect(next?.headers).toEqual({ 'MS-ContinuationToken': 'top' });
  });

  it('ends on the last page', () => {
    expect(nextPageRequest({ links: {} })).toBeUndefined();
    expect(nextPageRequest({})).toBeUndefined();
  });

  it('finds the path of a link with or without /v1', () => {
    expect(linkPath('/v1/customers?size=2')).toBe('/customers');
    expect(linkPath('/customers/')).toBe('/customers');
  });
});

describe('error bodies', () => {
  it('reads both shapes', () => {
    expect(parseFaultBody({ code: 800090, description: 'Subscription quantity cannot be decreased.', data: [], source: 'PartnerFD' }, 400)).toEqual({
      code: 800090,
      description: 'Subscription quantity cannot be decreased.',
    });
    expect(parseFaultBody({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' }, 429)).toEqual({
      code: 429,
      description: 'Rate limit is exceeded. Try again in 57 seconds.',
    });
    expect(parseFaultBody(null, 502)).toEqual({ description: 'HTTP 502' });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('57')).toBe(57);
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:30 GMT', Date.parse('2026-11-24T10:00:00Z'))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
