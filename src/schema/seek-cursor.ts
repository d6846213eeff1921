// Connections over paged upstream collections (seek paging with MS-ContinuationToken, or offset
// paging). A cursor wraps the request of the page an edge came from (the service's own links.next
// uri and headers) plus the edge's position in that page. It is signed (cursor-signer.ts), so a
// caller cannot write one, and checked again on decode: it may only point at the collection it
// came from and carry no header but the continuation token, with no control characters anywhere.
import { z } from 'zod';
import type { ScopedCursorSigner } from './cursor-signer.js';
import type { Page, PageRequest } from '../upstream/paging.js';
import { linkPath } from '../upstream/paging.js';
import { invalidInput } from './node.js';

const cursorSchema = z.object({
  u: z.string().max(2048),
  h: z.record(z.string().max(64), z.string().max(4096)),
  s: z.number().int().min(0).max(100_000),
});

export interface SeekCursor {
  request: PageRequest;
  /** How many items of that page come before the next edge. */
  skip: number;
}

// CR, LF and other control characters would end up in the upstream request line or a header.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export function encodeSeekCursor(c: SeekCursor, signer: ScopedCursorSigner, collectionPath: string): string {
  return signer.sign(collectionPath, JSON.stringify({ u: c.request.uri, h: c.request.headers, s: c.skip }));
}

export function decodeSeekCursor(after: string, collectionPath: string, signer: ScopedCursorSigner): SeekCursor {
  const payload = signer.open(collectionPath, after);
  let parsed: z.output<typeof cursorSchema> | undefined;
  try {
    const r = payload === undefined ? undefined : cursorSchema.safeParse(JSON.parse(payload));
    if (r?.success) parsed = r.data;
  } catch {
    parsed = undefined;
  }
  if (!parsed || linkPath(parsed.u) !== collectionPath || /^[a-z]+:/i.test(parsed.u) || CONTROL.test(parsed.u) || Object.values(parsed.h).some((v) => CONTROL.test(v))) {
    throw invalidInput('after is not a cursor issued by this connection.', 'after');
  }
  // Only the continuation token travels in a cursor: a client must not be able to set any other
  // upstream header (Authorization, MS-RequestId, …) by crafting one.
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed.h)) {
    if (k.toLowerCase() !== 'ms-continuationtoken') throw invalidInput('after is not a cursor issued by this connection.', 'after');
    headers[k] = v;
  }
  return { request: { uri: parsed.u, headers }, skip: parsed.s };
}

/**
 * One page of a Relay connection over an upstream paged collection: one upstream call. Walking with
 * endCursor costs one call per upstream page (the end cursor of a finished page is the service's
 * next link); a cursor from the middle of a page re-reads that page and may give fewer than `first`.
 */
export async function linkConnection<T>(opts: {
  first: number;
  after: string | null | undefined;
  collectionPath: string;
  /** The request's cursor signer (GatewayContext.cursors). */
  cursors: ScopedCursorSigner;
  firstPage: () => PageRequest;
  fetchPage: (request: PageRequest) => Promise<Page<T>>;
}) {
  const cursor = opts.after ? decodeSeekCursor(opts.after, opts.collectionPath, opts.cursors) : { request: opts.firstPage(), skip: 0 };
  if (opts.first === 0) return { edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: opts.after != null, startCursor: null, endCursor: null } };
  const page = await opts.fetchPage(cursor.request);
  const rest = page.items.slice(cursor.skip);
  const taken = rest.slice(0, opts.first);
  // Signed lazily: a page of 2000 lines whose cursors nobody selects costs no HMAC.
  const edges = taken.map((node, i) => ({
    node,
    get cursor() {
      return encodeSeekCursor({ request: page.request, skip: cursor.skip + i + 1 }, opts.cursors, opts.collectionPath);
    },
  }));
  const pageDone = taken.length === rest.length;
  const endCursor = pageDone && page.next ? encodeSeekCursor({ request: page.next, skip: 0 }, opts.cursors, opts.collectionPath) : (edges[edges.length - 1]?.cursor ?? null);
  return {
    edges,
    pageInfo: { hasNextPage: !pageDone || page.next !== undefined, hasPreviousPage: opts.after != null, startCursor: edges[0]?.cursor ?? null, endCursor },
  };
}
