// Customer cursors wrap Partner Center's seek paging: the request of the page an edge came from
// (its links.next uri and MS-ContinuationToken header) plus the edge's position in that page.
// A cursor is checked on decode: it may only point at the customers collection.
import { z } from 'zod';
import type { PageRequest } from '../../upstream/paging.js';
import { linkPath } from '../../upstream/paging.js';
import { invalidInput } from '../node.js';

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

export function encodeSeekCursor(c: SeekCursor): string {
  return Buffer.from(JSON.stringify({ u: c.request.uri, h: c.request.headers, s: c.skip })).toString('base64url');
}

export function decodeSeekCursor(after: string, collectionPath: string): SeekCursor {
  let parsed: z.output<typeof cursorSchema> | undefined;
  try {
    const r = cursorSchema.safeParse(JSON.parse(Buffer.from(after, 'base64url').toString('utf8')));
    if (r.success) parsed = r.data;
  } catch {
    parsed = undefined;
  }
  if (!parsed || linkPath(parsed.u) !== collectionPath || /^[a-z]+:/i.test(parsed.u)) {
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
