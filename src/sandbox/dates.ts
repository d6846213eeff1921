// Time on the wire and the calendar arithmetic of terms. Partner Center writes UTC timestamps with
// seven fractional digits ("2021-08-18T17:29:52.3517492Z") and term end dates as midnight without
// fractions ("2022-01-13T00:00:00Z"); reference §1.5. Everything here takes epoch milliseconds
// from the sandbox's injectable clock, never the wall clock.

export const DAY_MS = 86_400_000;

/** `2021-08-18T17:29:52.3510000Z`: the service's seven digits, padded from the clock's three. */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '0000Z');
}

/** `2022-01-13T00:00:00Z`: the UTC day of `ms`, as term end dates are written. */
export function midnight(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;
}

/** Months in an ISO-8601 term duration such as P1M, P1Y or P3Y; undefined for anything else. */
export function durationMonths(duration: string): number | undefined {
  const match = /^P(\d{1,2})([MY])$/i.exec(duration);
  if (!match?.[1] || !match[2]) return undefined;
  const n = Number(match[1]);
  return match[2].toUpperCase() === 'Y' ? n * 12 : n;
}

/**
 * The last day (midnight UTC) of a period of `months` starting at `startMs`. New-commerce end
 * dates are inclusive (reference §1.5): bought 2021-01-14, a P1Y term ends 2022-01-13, as in
 * sample §6.7. A start on a day the target month lacks (31 January + 1 month) is clamped to that
 * month's last day before the day is taken off; the service's rule for that case is undocumented.
 */
export function inclusiveEnd(startMs: number, months: number): number {
  const start = new Date(startMs);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay)) - DAY_MS;
}
