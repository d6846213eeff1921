// Customer routes (reference §2.2, §3). The list is a seek collection: a page ends with a
// continuationToken and links.next; the next page is `?seekOperation=Next` plus the token in the
// MS-ContinuationToken header. The token records the last customer served and the filter, not
// the page size, so the next request's `size` decides the next page.
import { z } from 'zod';
import { invalidInput } from '../errors.js';
import { collection, link, withQuery } from '../links.js';
import { compareSeekKeys, seekKey } from '../model/customer.js';
import type { Customer, SeekKey } from '../model/customer.js';
import { openToken, sealToken } from '../paging/seek-token.js';
import { ok } from '../request.js';
import type { RequestContext, RouteDef } from '../request.js';
import { requireCustomer } from './commerce-lookup.js';
import { customerFilterSchema, formatCustomerFilter, matchesCustomerFilter, parseCustomerFilter } from './customer-filter.js';
import type { CustomerFilter } from './customer-filter.js';
import { ROUTE } from './keys.js';

export const DEFAULT_PAGE_SIZE = 40;
/** Undocumented upstream; the sandbox refuses larger pages so callers notice. */
export const MAX_PAGE_SIZE = 500;

export const customerRoutes: readonly RouteDef[] = [
  { key: ROUTE.listCustomers, handler: listCustomers },
  { key: ROUTE.getCustomer, handler: getCustomer },
];

const tokenSchema = z.object({
  k: z.literal('customers'),
  after: z.tuple([z.string(), z.string()]),
  filter: customerFilterSchema.nullable(),
});

function listCustomers(ctx: RequestContext) {
  const size = pageSize(ctx.query.get('size'));
  const rawFilter = ctx.query.get('filter');
  let filter = rawFilter === undefined ? undefined : parseCustomerFilter(rawFilter);
  let after: SeekKey | undefined;
  const seek = ctx.query.get('seekOperation');
  if (seek !== undefined && seek.toLowerCase() !== 'first') {
    if (seek.toLowerCase() !== 'next') throw invalidInput(`seekOperation '${seek}' is not supported.`);
    const position = readToken(ctx.header('MS-ContinuationToken'));
    if (filter && (!position.filter || formatCustomerFilter(filter) !== formatCustomerFilter(position.filter))) {
      throw invalidInput('the filter does not match the continuation token.');
    }
    filter = position.filter ?? undefined;
    after = position.after;
  }

  const matching = ctx.store.customers.list().filter((c) => matchesCustomerFilter(c, filter));
  const start = after === undefined ? 0 : firstAfter(matching, after);
  const page = matching.slice(start, start + size);
  const filterParam = filter ? formatCustomerFilter(filter) : undefined;
  const self = withQuery('/customers', [['size', String(size)], ['filter', filterParam], ['seekOperation', after && 'Next']]);
  const last = page[page.length - 1];
  const next =
    last !== undefined && start + size < matching.length
      ? nextPage(size, filterParam, sealToken({ k: 'customers', after: seekKey(last), filter: filter ?? null }))
      : undefined;
  return ok(collection(page.map(listItem), self, next));
}

function getCustomer(ctx: RequestContext) {
  return ok(requireCustomer(ctx));
}

/** List items carry only these four properties (reference §2.2). */
function listItem(c: Customer) {
  return { id: c.id, companyProfile: c.companyProfile, relationshipToPartner: c.relationshipToPartner, attributes: c.attributes };
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  if (!/^\d{1,6}$/.test(raw)) throw invalidInput(`'size' must be an integer from 0 to ${MAX_PAGE_SIZE}; got '${raw}'.`);
  const size = Number(raw);
  if (size > MAX_PAGE_SIZE) throw invalidInput(`'size' must be an integer from 0 to ${MAX_PAGE_SIZE}; got '${raw}'.`);
  // The .NET SDK sends size=0 for "no explicit size".
  return size === 0 ? DEFAULT_PAGE_SIZE : size;
}

function readToken(header: string | undefined): { after: SeekKey; filter: CustomerFilter | null } {
  if (!header) throw invalidInput('seekOperation=Next needs the MS-ContinuationToken header.');
  const parsed = tokenSchema.safeParse(openToken(header));
  if (!parsed.success) throw invalidInput('the continuation token is not valid.');
  return parsed.data;
}

function firstAfter(customers: readonly Customer[], after: SeekKey): number {
  const index = customers.findIndex((c) => compareSeekKeys(seekKey(c), after) > 0);
  return index === -1 ? customers.length : index;
}

function nextPage(size: number, filter: string | undefined, token: string) {
  const uri = withQuery('/customers', [['size', String(size)], ['filter', filter], ['seekOperation', 'Next']]);
  return { link: link(uri, 'GET', [{ key: 'MS-ContinuationToken', value: token }]), continuationToken: token };
}
