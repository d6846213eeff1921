import { builder } from '../../builder.js';
import { firstCustomerPage, listCustomers } from '../../upstream/customers.js';
import { nullIfNotFound } from '../errors.js';
import { invalidInput, keyPatterns } from '../node.js';
import { pageSize } from '../paging.args.js';
import { CustomerRef } from './customer.type.js';
import { decodeSeekCursor, encodeSeekCursor } from './customer.cursor.js';

const CUSTOMER_PAGE = { default: 20, max: 500 };

const CustomerConnection = builder.connectionObject(
  { type: CustomerRef, name: 'CustomerConnection', description: 'A page of customers.' },
  { name: 'CustomerEdge', description: 'A customer in a page.' },
);

builder.queryFields((t) => ({
  customers: t.field({
    type: CustomerConnection,
    description: `The partner's customers, in Partner Center's order. Pages of ${CUSTOMER_PAGE.default} by default, at most ${CUSTOMER_PAGE.max}; each page is one upstream call. A page resumed from a cursor may hold fewer than \`first\` customers; keep following endCursor while hasNextPage.`,
    args: {
      first: t.arg.int({ required: false, description: `How many customers, ${CUSTOMER_PAGE.default} by default, at most ${CUSTOMER_PAGE.max}.` }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
      companyNameStartsWith: t.arg.string({ required: false, description: 'Only customers whose company name starts with this text (case-insensitive).' }),
    },
    resolve: async (_root, args, ctx) => {
      const first = pageSize(args.first, CUSTOMER_PAGE);
      const prefix = args.companyNameStartsWith ?? undefined;
      if (prefix !== undefined && (prefix.trim() === '' || prefix.length > 100)) {
        throw invalidInput('companyNameStartsWith must hold 1 to 100 characters.', 'companyNameStartsWith');
      }
      const cursor = args.after ? decodeSeekCursor(args.after, '/customers') : { request: firstCustomerPage({ size: first, companyNameStartsWith: prefix }), skip: 0 };
      if (first === 0) return { edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: args.after != null, startCursor: null, endCursor: null } };
      const page = await listCustomers(ctx.upstream, ctx.call, cursor.request);
      const rest = page.items.slice(cursor.skip);
      const taken = rest.slice(0, first);
      const edges = taken.map((node, i) => ({ node, cursor: encodeSeekCursor({ request: page.request, skip: cursor.skip + i + 1 }) }));
      const pageDone = taken.length === rest.length;
      // At the end of an upstream page, the end cursor is the service's own next link, so walking
      // with endCursor costs exactly one upstream call per page.
      const endCursor = pageDone && page.next ? encodeSeekCursor({ request: page.next, skip: 0 }) : (edges[edges.length - 1]?.cursor ?? null);
      return {
        edges,
        pageInfo: {
          hasNextPage: !pageDone || page.next !== undefined,
          hasPreviousPage: args.after != null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor,
        },
      };
    },
  }),
  customer: t.field({
    type: CustomerRef,
    nullable: true,
    description: 'One customer by tenant id; null when the partner has no such customer.',
    args: { customerId: t.arg.id({ required: true, description: 'The customer tenant id (a GUID).' }) },
    resolve: (_root, args, ctx) => {
      const id = String(args.customerId).toLowerCase();
      if (!keyPatterns.guid.test(id)) throw invalidInput(`customerId must be a GUID; got ${JSON.stringify(String(args.customerId).slice(0, 60))}.`, 'customerId');
      return nullIfNotFound(CustomerRef.getDataloader(ctx).load(id));
    },
  }),
}));
