// Request counters and a bounded log of recent API requests, for tests that assert how many
// upstream calls the gateway made and with which headers.
import type { IncomingHttpHeaders } from 'node:http';
import { UNMATCHED } from './routes/keys.js';
import type { RecordedRequest } from './types.js';

export const MAX_RECORDED = 5_000;

export class Recorder {
  private readonly perRoute = new Map<string, number>();
  private total = 0;
  private log: RecordedRequest[] = [];

  /** Counts a request on arrival, so faulted and dropped requests count too. */
  count(route: string): void {
    this.total += 1;
    if (route !== UNMATCHED) this.perRoute.set(route, (this.perRoute.get(route) ?? 0) + 1);
  }

  record(entry: RecordedRequest): void {
    this.log.push(Object.freeze(entry));
    // Trim in batches: one splice per 500 requests instead of a shift on every one.
    if (this.log.length > MAX_RECORDED + 500) this.log = this.log.slice(-MAX_RECORDED);
  }

  counters(): Record<string, number> {
    return Object.fromEntries(this.perRoute);
  }

  countOf(route: string): number {
    return this.perRoute.get(route) ?? 0;
  }

  totalRequests(): number {
    return this.total;
  }

  requests(): readonly RecordedRequest[] {
    return this.log.slice(-MAX_RECORDED);
  }

  reset(): void {
    this.perRoute.clear();
    this.total = 0;
    this.log = [];
  }
}

/** Headers that carry credentials; their values never reach the log. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'ocp-apim-subscription-key']);

/** Header values as strings under lower-case names (as node:http delivers them). */
export function recordableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADERS.has(name) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
