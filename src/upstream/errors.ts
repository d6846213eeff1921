// Typed failures of Partner Center calls. Partner Center answers errors in two shapes: the ApiFault
// ({code, description, data, source}) of the service itself, and the API-gateway shape
// ({statusCode, message}) used for 429 throttling. Both end up in one PartnerCenterError.
// See https://learn.microsoft.com/partner-center/developer/error-codes and api-throttling-guidance.

export type PartnerCenterErrorKind =
  | 'BAD_INPUT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'THROTTLED'
  | 'SERVER_ERROR'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  /** The caller went away (its request was aborted): says nothing about Partner Center. */
  | 'CANCELLED'
  | 'NETWORK'
  | 'INVALID_RESPONSE';

export interface PartnerCenterErrorInit {
  kind: PartnerCenterErrorKind;
  status?: number;
  code?: number | string;
  description: string;
  requestId: string;
  correlationId: string;
  retryable: boolean;
  retryAfter?: number;
  method: string;
  path: string;
  /** For INVALID_RESPONSE: the JSON path of the field that did not parse. */
  field?: string;
  attempts?: number;
  cause?: unknown;
}

export class PartnerCenterError extends Error {
  override readonly name = 'PartnerCenterError';
  readonly kind: PartnerCenterErrorKind;
  readonly status: number | undefined;
  readonly code: number | string | undefined;
  readonly description: string;
  readonly requestId: string;
  readonly correlationId: string;
  readonly retryable: boolean;
  /** Seconds, from Retry-After, when the service said when to come back. */
  readonly retryAfter: number | undefined;
  readonly method: string;
  /** Path without the query string: queries may carry filters typed by users. */
  readonly path: string;
  readonly field: string | undefined;
  attempts: number;

  constructor(init: PartnerCenterErrorInit) {
    const status = init.status === undefined ? init.kind : `${init.status}`;
    super(`Partner Center ${init.method} ${init.path} failed (${status}${init.code === undefined ? '' : ` / ${init.code}`}): ${init.description}`, {
      cause: init.cause,
    });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.description = init.description;
    this.requestId = init.requestId;
    this.correlationId = init.correlationId;
    this.retryable = init.retryable;
    this.retryAfter = init.retryAfter;
    this.method = init.method;
    this.path = init.path;
    this.field = init.field;
    this.attempts = init.attempts ?? 1;
  }

  /** A plain view for logs and GraphQL extensions: no headers, no tokens, no bodies. */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      status: this.status,
      code: this.code,
      description: this.description,
      requestId: this.requestId,
      correlationId: this.correlationId,
      retryable: this.retryable,
      retryAfter: this.retryAfter,
      method: this.method,
      path: this.path,
      field: this.field,
      attempts: this.attempts,
    };
  }
}

export function kindForStatus(status: number): PartnerCenterErrorKind {
  if (status === 400 || status === 406 || status === 412 || status === 417) return 'BAD_INPUT';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'THROTTLED';
  if (status === 408 || status === 504) return 'TIMEOUT';
  if (status === 502 || status === 503) return 'UNAVAILABLE';
  return 'SERVER_ERROR';
}

export interface ParsedFault {
  code?: number | string;
  description: string;
}

const MAX_DESCRIPTION = 1024;

/** Reads either error body shape; anything else (HTML from a proxy, empty) becomes the status text. */
export function parseFaultBody(body: unknown, status: number): ParsedFault {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const o = body as Record<string, unknown>;
    const description = firstString(o.description, o.message, o.errorDescription, o.error_description);
    const code = codeOf(o.code ?? o.errorCode ?? o.statusCode);
    if (description !== undefined || code !== undefined) {
      return { ...(code === undefined ? {} : { code }), description: truncate(description ?? `HTTP ${status}`) };
    }
  }
  if (typeof body === 'string' && body.trim() !== '' && !body.trimStart().startsWith('<')) {
    return { description: truncate(body.trim()) };
  }
  return { description: `HTTP ${status}` };
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function codeOf(v: unknown): number | string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') return /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v.trim();
  return undefined;
}

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}

function truncate(s: string): string {
  return s.length > MAX_DESCRIPTION ? `${s.slice(0, MAX_DESCRIPTION)}…` : s;
}
