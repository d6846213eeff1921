// Links and collection envelopes. Links are relative and leave out /v1, as the service's own
// samples do (reference §1.1, §3); `totalCount` counts the items in this page only.

export interface LinkHeader {
  key: string;
  value: string;
}

export interface Link {
  uri: string;
  method: string;
  headers: LinkHeader[];
}

export interface Collection<T> {
  totalCount: number;
  items: T[];
  continuationToken?: string;
  links: { self: Link; next?: Link };
  attributes: { objectType: 'Collection' };
}

export function link(uri: string, method = 'GET', headers: LinkHeader[] = []): Link {
  return { uri, method, headers };
}

/** `path?a=1&b=2`, skipping undefined values; values are URI-encoded. */
export function withQuery(path: string, params: ReadonlyArray<readonly [string, string | undefined]>): string {
  const parts = params
    .filter((p): p is readonly [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}

export function collection<T>(items: T[], selfUri: string, next?: { link: Link; continuationToken: string }): Collection<T> {
  return {
    totalCount: items.length,
    items,
    ...(next ? { continuationToken: next.continuationToken } : {}),
    links: { self: link(selfUri), ...(next ? { next: next.link } : {}) },
    attributes: { objectType: 'Collection' },
  };
}
