// Which failures may be tried again. Reads (GET) are retried on 408, 429, 5xx and network errors.
// A write is retried only where the same MS-RequestId makes the repeat safe: Partner Center
// de-duplicates a write by its request id, so a timeout, a dropped connection or a 429 (nothing was
// done) can be retried; a 5xx answer to a write may have half-happened and is returned to the caller.
import type { PartnerCenterError, PartnerCenterErrorKind } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function isRetryable(method: HttpMethod, err: PartnerCenterError): boolean {
  if (!err.retryable) return false;
  // THROTTLED without a status is the gateway's own budget (or a fleet-wide pause) refusing the
  // call: it has already waited what the deadline allows, so another attempt now is refused again.
  if (err.kind === 'THROTTLED' && err.status === undefined) return false;
  if (method === 'GET') return true;
  // No answer at all (refused, reset, timed out): the repeat carries the same MS-RequestId.
  if (err.status === undefined) return true;
  return err.status === 429 || err.status === 408;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Maps undici and socket errors to a kind and a description that names no host internals. */
export function classifyNetworkError(err: unknown): { kind: PartnerCenterErrorKind; description: string } {
  const code = errorCode(err);
  if (code && TIMEOUT_CODES.has(code)) return { kind: 'TIMEOUT', description: `Partner Center did not answer in time (${code}).` };
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { kind: 'UNAVAILABLE', description: `Partner Center could not be reached (${code}).` };
  }
  return { kind: 'NETWORK', description: `The connection to Partner Center failed${code ? ` (${code})` : ''}.` };
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  // undici wraps socket errors; the useful code may sit on the cause.
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
