// Upstream JSON is parsed, not trusted: a body that does not fit becomes a typed error that names
// the first offending field (e.g. "items.3.terms.0.duration"), never a crash deep in a resolver.
import type { z } from 'zod';
import { PartnerCenterError } from './errors.js';
import { nextPageRequest, type Page, type PageRequest } from './paging.js';
import type { Link } from './wire.js';
import type { CallContext, PartnerCenterClient, RequestOptions, UpstreamResponse } from './client.js';

export function parseResponse<S extends z.ZodType>(
  schema: S,
  res: UpstreamResponse,
  ctx: CallContext,
  call: { method: string; path: string },
): z.output<S> {
  const result = schema.safeParse(res.body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
  throw new PartnerCenterError({
    kind: 'INVALID_RESPONSE',
    status: res.status,
    description: `Unexpected response from Partner Center: field ${field}: ${issue?.message ?? 'invalid'}`,
    requestId: res.requestId,
    correlationId: ctx.correlationId,
    retryable: false,
    method: call.method,
    path: call.path.split('?')[0] ?? call.path,
    field,
  });
}

/** GET one page of a collection (as its request says: uri and headers) and find the next one. */
export async function getPage<T>(
  client: PartnerCenterClient,
  ctx: CallContext,
  schema: z.ZodType<{ items: T[]; links?: { next?: Link | null | undefined } | null | undefined; continuationToken?: string | null | undefined }>,
  request: PageRequest,
): Promise<Page<T>> {
  const body = await getParsed(client, ctx, schema, request.uri, undefined, request.headers);
  return { items: body.items, request, next: nextPageRequest(body) };
}

/** GET a resource and parse it: the one shape every read in src/upstream takes. */
export async function getParsed<S extends z.ZodType>(
  client: PartnerCenterClient,
  ctx: CallContext,
  schema: S,
  path: string,
  query?: RequestOptions['query'],
  headers?: RequestOptions['headers'],
): Promise<z.output<S>> {
  const res = await client.request(ctx, { method: 'GET', path, ...(query ? { query } : {}), ...(headers ? { headers } : {}) });
  return parseResponse(schema, res, ctx, { method: 'GET', path });
}
