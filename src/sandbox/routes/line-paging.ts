// Seek paging of reconciliation lines (reference §2.6, §3): `size` lines a page (default and
// maximum 2000), then a top-level continuationToken and links.next carrying
// `seekOperation=Next` with the token in the MS-ContinuationToken header. The token is sealed
// (paging/seek-token.ts) and bound to what is being walked, so a token of one invoice cannot page
// another; it records the position, not the size, so the next request's `size` decides.
import { z } from 'zod';
import { invalidInput } from '../errors.js';
import { collection, link } from '../links.js';
import type { Collection } from '../links.js';
import { openToken, sealToken } from '../paging/seek-token.js';
import type { RequestContext } from '../request.js';

export const LINE_PAGE_SIZE = 2000;

const PROVIDERS = ['onetime', 'office', 'azure'] as const;
const LINE_TYPES = ['billinglineitems', 'usagelineitems'] as const;

const tokenSchema = z.object({ k: z.literal('recon'), scope: z.string(), start: z.number().optional(), off: z.number().int().min(0) });
type Position = z.infer<typeof tokenSchema>;

export interface LineRequest {
  /** Only provider=onetime with billing line items has lines here; see readLineRequest. */
  readonly hasLines: boolean;
  readonly size: number;
  /** Where a Next request continues; undefined for a first page. */
  readonly position?: Position;
}

/**
 * Names and values in any casing (`provider=OneTime&invoicelineitemtype=BillingLineItems`). Both
 * are required. Office and Azure lines belong to legacy invoices and onetime usage lines to Azure
 * plan consumption, none of which the sandbox sells: valid requests with nothing to list (an empty
 * collection); unknown values are refused with 800002.
 */
export function readLineRequest(ctx: RequestContext, scope: string): LineRequest {
  const provider = oneOf(ctx, 'provider', PROVIDERS);
  const type = oneOf(ctx, 'invoicelineitemtype', LINE_TYPES);
  const size = pageSize(ctx.query.get('size'));
  const seek = ctx.query.get('seekOperation')?.toLowerCase();
  const hasLines = provider === 'onetime' && type === 'billinglineitems';
  if (seek === undefined || seek === 'first') return { hasLines, size };
  if (seek !== 'next') throw invalidInput(`seekOperation '${ctx.query.get('seekOperation') ?? ''}' is not supported.`);
  const header = ctx.header('MS-ContinuationToken');
  if (!header) throw invalidInput('seekOperation=Next needs the MS-ContinuationToken header.');
  const parsed = tokenSchema.safeParse(openToken(header));
  if (!parsed.success) throw invalidInput('the continuation token is not valid.');
  if (parsed.data.scope !== scope) throw invalidInput('the continuation token belongs to another collection.');
  return { hasLines, size, position: parsed.data };
}

/** One page of `all` from `off`; `path` and `query` rebuild the request for links.self and next. */
export function linePage<T>(all: readonly T[], req: LineRequest, scope: string, start: number | undefined, path: string, query: string): Collection<T> {
  const off = req.position?.off ?? 0;
  const items = all.slice(off, off + req.size);
  const base = `${path}?${query}&size=${req.size}`;
  const self = req.position ? `${base}&seekOperation=Next` : base;
  if (off + req.size >= all.length) return collection(items, self);
  const token = sealToken({ k: 'recon', scope, ...(start !== undefined ? { start } : {}), off: off + req.size } satisfies Position);
  return collection(items, self, { link: link(`${base}&seekOperation=Next`, 'GET', [{ key: 'MS-ContinuationToken', value: token }]), continuationToken: token });
}

function oneOf<T extends string>(ctx: RequestContext, name: string, values: readonly T[]): T {
  const raw = ctx.query.get(name);
  if (raw === undefined || raw.trim() === '') throw invalidInput(`'${name}' is required: one of ${values.join(', ')}.`);
  const value = values.find((v) => v === raw.toLowerCase());
  if (!value) throw invalidInput(`'${name}' must be one of ${values.join(', ')}; got '${raw}'.`);
  return value;
}

/** 0 means "no explicit size" as for customers (the .NET SDK sends it). */
function pageSize(raw: string | undefined): number {
  if (raw === undefined) return LINE_PAGE_SIZE;
  const size = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(size <= LINE_PAGE_SIZE)) throw invalidInput(`'size' must be an integer from 1 to ${LINE_PAGE_SIZE}; got '${raw}'.`);
  return size === 0 ? LINE_PAGE_SIZE : size;
}
