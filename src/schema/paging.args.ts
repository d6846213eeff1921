// first/after checks shared by every connection: refused before any upstream call.
import { invalidInput } from './node.js';

export interface PageSize {
  default: number;
  max: number;
}

export function pageSize(first: number | null | undefined, size: PageSize): number {
  if (first === null || first === undefined) return size.default;
  if (!Number.isInteger(first) || first < 0) throw invalidInput(`first must be a non-negative integer; got ${first}.`, 'first');
  if (first > size.max) throw invalidInput(`first must be at most ${size.max}; got ${first}.`, 'first');
  return first;
}

/** Cursors of in-memory lists: base64url("o:<offset>"). */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeOffsetCursor(after: string | null | undefined): number {
  if (after === null || after === undefined) return -1;
  const raw = /^[A-Za-z0-9_-]{1,64}$/.test(after) ? Buffer.from(after, 'base64url').toString('utf8') : '';
  const m = /^o:(\d{1,9})$/.exec(raw);
  if (!m) throw invalidInput('after is not a cursor issued by this connection.', 'after');
  return Number(m[1]);
}

/** One page of a list already in memory, as a Relay connection. */
export function offsetConnection<T>(items: readonly T[], first: number, after: number) {
  const start = after + 1;
  const slice = items.slice(start, start + first);
  const edges = slice.map((node, i) => ({ cursor: encodeOffsetCursor(start + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
