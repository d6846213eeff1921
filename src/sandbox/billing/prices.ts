// List prices the sandbox bills at: per seat and month, in cents, for an annual (P1Y or P3Y)
// commitment, close to Microsoft's published NCE prices. Monthly (P1M) commitments cost 20% more,
// as in new commerce. The docs carry no prices (reference §2.4: pricing appears only with
// include_price), so these exist only to make reconciliation lines add up.

const MONTHLY_CENTS: Readonly<Record<string, { readonly USD: number; readonly EUR: number }>> = {
  CFQ7TTC0LH18: { USD: 600, EUR: 560 },
  CFQ7TTC0LDPB: { USD: 1250, EUR: 1170 },
  CFQ7TTC0LCHC: { USD: 2200, EUR: 2060 },
  CFQ7TTC0LF8Q: { USD: 2300, EUR: 2250 },
  CFQ7TTC0LFLX: { USD: 3600, EUR: 3370 },
  CFQ7TTC0LFLZ: { USD: 5700, EUR: 5475 },
  CFQ7TTC0MBMD: { USD: 525, EUR: 500 },
  CFQ7TTC0LH16: { USD: 400, EUR: 370 },
  CFQ7TTC0L3PB: { USD: 1400, EUR: 1310 },
  CFQ7TTC0HL8W: { USD: 2400, EUR: 2240 },
  CFQ7TTC0MCQB: { USD: 300, EUR: 280 },
  CFQ7TTC0HD33: { USD: 1500, EUR: 1400 },
  CFQ7TTC0HDB1: { USD: 3000, EUR: 2800 },
  CFQ7TTC0LFLS: { USD: 600, EUR: 560 },
  CFQ7TTC0LH0Z: { USD: 50000, EUR: 46860 },
  CFQ7TTC0J1FV: { USD: 1000, EUR: 800 },
};

/** A product missing from the table still bills, at a round price. */
const FALLBACK_CENTS = 1000;

/** Per seat and month, in the currency's cents. */
export function monthlyPriceCents(productId: string, currencyCode: string, termDuration: string): number {
  const row = MONTHLY_CENTS[productId.toUpperCase()];
  const annual = row === undefined ? FALLBACK_CENTS : currencyCode.toUpperCase() === 'EUR' ? row.EUR : row.USD;
  return termDuration.toUpperCase() === 'P1M' ? Math.round(annual * 1.2) : annual;
}

/**
 * Tax by the customer's country: Washington state sales tax for the US, standard VAT in Germany
 * and France. The real rules (the partner's location, reverse charge) are out of scope.
 */
export function taxRate(country: string): number {
  const rates: Readonly<Record<string, number>> = { US: 0.065, DE: 0.19, FR: 0.2 };
  return rates[country.toUpperCase()] ?? 0;
}
