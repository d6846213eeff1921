// The customer's commerce fields: orders and subscriptions.
import { builder } from '../../builder.js';
import type { UpstreamOrder } from '../../upstream/orders.js';
import { orderListLoader, subscriptionListLoader } from './customer.loaders.js';
import { mergeOrders } from '../../state/recent-orders.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import { invalidInput, joinKey, validGuid } from '../node.js';
import { ID_PATTERNS } from '../../ids.js';
import { decodeOffsetCursor, offsetConnection, pageSize } from '../paging.args.js';
import { OrderRef } from '../order/order.ref.js';
import { CustomerSubscriptionRef } from '../subscription/subscription.type.js';
import { CustomerRef } from './customer.type.js';
import { CartRef } from '../cart/cart.type.js';

const PAGE = { default: 20, max: 100 };

const OrderConnection = builder.connectionObject({ type: OrderRef, name: 'OrderConnection', description: 'A page of orders.' }, { name: 'OrderEdge', description: 'An order in a page.' });
const SubscriptionConnection = builder.connectionObject(
  { type: CustomerSubscriptionRef, name: 'CustomerSubscriptionConnection', description: 'A page of subscriptions.' },
  { name: 'CustomerSubscriptionEdge', description: 'A subscription in a page.' },
);

builder.objectFields(CustomerRef, (t) => ({
  cart: t.field({
    type: CartRef,
    nullable: true,
    description: 'One cart by id; null when the customer has no such cart.',
    args: { cartId: t.arg.id({ required: true, description: 'The cart id (a GUID).' }) },
    resolve: (c, args, ctx) => nullIfNotFound(CartRef.getDataloader(ctx).load(joinKey(c.id.toLowerCase(), validGuid(String(args.cartId), 'cartId')))),
  }),
  orders: t.field({
    type: OrderConnection,
    description: `The customer's orders, newest first. Orders placed through this gateway show at once, although Partner Center lists them only after up to 15 minutes. Pages of ${PAGE.default} by default, at most ${PAGE.max}.`,
    args: {
      first: t.arg.int({ required: false, description: `How many, ${PAGE.default} by default, at most ${PAGE.max}.` }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
    },
    resolve: async (c, args, ctx) => {
      const first = pageSize(args.first, PAGE);
      const after = decodeOffsetCursor(args.after);
      const customerId = c.id.toLowerCase();
      const [upstream, recent] = await Promise.all([orderListLoader(ctx).load(customerId), ctx.services.recentOrders.list(ctx.scope, customerId)]);
      const listed = new Set(upstream.map((o) => o.id));
      // Orders the list does not show yet are read by id (in parallel), so their status is current.
      const fresh = await Promise.all(
        recent
          .filter((o) => !listed.has(o.id))
          .map((o) => OrderRef.getDataloader(ctx).load(joinKey(customerId, o.id)).catch(() => ({ ...o, customerId }))),
      );
      const orders = mergeOrders<UpstreamOrder>(upstream, fresh).map((o) => ({ ...o, customerId }));
      return offsetConnection(orders, first, after);
    },
  }),
  order: t.field({
    type: OrderRef,
    nullable: true,
    description: 'One order by id; null when the customer has no such order.',
    args: { orderId: t.arg.string({ required: true, description: 'The order id.' }) },
    resolve: (c, args, ctx) => {
      if (!ID_PATTERNS.orderId.test(args.orderId)) throw invalidInput(`orderId ${JSON.stringify(args.orderId.slice(0, 70))} is not an order id.`, 'orderId');
      return nullIfNotFound(OrderRef.getDataloader(ctx).load(joinKey(c.id.toLowerCase(), args.orderId)));
    },
  }),
  subscriptions: t.field({
    type: SubscriptionConnection,
    description: `The customer's subscriptions, in Partner Center's order. Pages of ${PAGE.default} by default, at most ${PAGE.max}; the upstream list is read once per request.`,
    args: {
      first: t.arg.int({ required: false, description: `How many, ${PAGE.default} by default, at most ${PAGE.max}.` }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
    },
    resolve: async (c, args, ctx) => {
      const first = pageSize(args.first, PAGE);
      const after = decodeOffsetCursor(args.after);
      const customerId = c.id.toLowerCase();
      const subs = (await subscriptionListLoader(ctx).load(customerId)).map((s) => ({ ...s, customerId }));
      return offsetConnection(subs, first, after);
    },
  }),
  subscription: t.field({
    type: CustomerSubscriptionRef,
    nullable: true,
    description: 'One subscription by id; null when the customer has no such subscription.',
    args: { subscriptionId: t.arg.id({ required: true, description: 'The subscription id (a GUID).' }) },
    resolve: (c, args, ctx) =>
      nullIfNotFound(CustomerSubscriptionRef.getDataloader(ctx).load(joinKey(c.id.toLowerCase(), validGuid(String(args.subscriptionId), 'subscriptionId')))),
  }),
}));
