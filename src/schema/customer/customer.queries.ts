import { builder } from '../../builder.js';
import { firstCustomerPage, listCustomers } from '../../upstream/customers.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import { invalidInput, validGuid } from '../node.js';
import { pageSize } from '../paging.args.js';
import { CustomerRef } from './customer.type.js';
import { orderListLoader, subscriptionListLoader } from './customer.loaders.js';
import { selectsField, selectsOtherThan } from '../selection.js';
import { provenCustomer } from './customer.record.js';
import { linkConnection } from '../seek-cursor.js';

const CUSTOMER_PAGE = { default: 20, max: 500 };

/** Customer fields answered without the customer's record: its id, and what is read by the id alone. */
const WITHOUT_RECORD: ReadonlySet<string> = new Set(['__typename', 'id', 'customerId', 'subscriptions', 'subscription', 'orders', 'order', 'cart']);

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
      return linkConnection({
        cursors: ctx.cursors,
        first,
        after: args.after,
        collectionPath: '/customers',
        firstPage: () => firstCustomerPage({ size: first, companyNameStartsWith: prefix }),
        fetchPage: (request) => listCustomers(ctx.upstream, ctx.call, request),
      });
    },
  }),
  customer: t.field({
    type: CustomerRef,
    nullable: true,
    description: 'One customer by tenant id; null when the partner has no such customer.',
    args: { customerId: t.arg.id({ required: true, description: 'The customer tenant id (a GUID).' }) },
    resolve: (_root, args, ctx, info) => {
      const id = validGuid(String(args.customerId), 'customerId');
      // The customer's own lists need only its id: when the query wants them, start them now, in the
      // same tick as the customer read, instead of one round-trip later.
      const subscriptions = selectsField(info, 'subscriptions') ? subscriptionListLoader(ctx).load(id) : undefined;
      if (selectsField(info, 'orders')) void orderListLoader(ctx).load(id).catch(() => undefined);
      // The subscription list proves the customer exists: the record is read only for a field that
      // needs it (customer.record.ts), and the customer resolves with whichever answers first.
      const eager = selectsOtherThan(info, WITHOUT_RECORD);
      return nullIfNotFound(provenCustomer(id, () => CustomerRef.getDataloader(ctx).load(id), { eager, subscriptions }));
    },
  }),
}));
