// One paging helper for every collection (reference §3). Partner Center pages three ways: seek
// (links.next carries the MS-ContinuationToken header), offset (links.next carries offset=) and
// unpaged. In all of them the next page is exactly what links.next says: its relative uri (with or
// without /v1) plus its headers. The gateway follows it instead of rebuilding URLs.
import type { Link } from './wire.js';

export interface PageRequest {
  /** Relative uri as the service gave it, e.g. '/customers?size=40&seekOperation=Next'. */
  uri: string;
  headers: Record<string, string>;
}

/** One page of a paged collection, with the request it came from (a cursor can point back into it). */
export interface Page<T> {
  items: T[];
  request: PageRequest;
  next: PageRequest | undefined;
}

/** The request for the page after this one, or undefined on the last page. */
export function nextPageRequest(collection: {
  links?: { next?: Link | null | undefined } | null | undefined;
  continuationToken?: string | null | undefined;
}): PageRequest | undefined {
  const next = collection.links?.next;
  if (!next || next.uri.trim() === '') return undefined;
  const headers: Record<string, string> = {};
  for (const h of next.headers) headers[h.key] = h.value;
  // Some seek collections give the token only at top level; send it the documented way.
  const hasToken = Object.keys(headers).some((k) => k.toLowerCase() === 'ms-continuationtoken');
  if (!hasToken && collection.continuationToken) headers['MS-ContinuationToken'] = collection.continuationToken;
  return { uri: next.uri, headers };
}

/** Path of a relative link without query and without a leading /v1, for checking where a cursor points. */
export function linkPath(uri: string): string {
  const path = (uri.split('?')[0] ?? '').replace(/\/+$/, '');
  return path.startsWith('/v1/') ? path.slice(3) : path;
}
