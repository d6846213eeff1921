// orderStatusChanged: live order status over SSE (or any transport yoga serves subscriptions on).
// However many clients watch an order, one poller per order and caller asks Partner Center, with
// backoff, and stops at a terminal status; every watcher gets each change once. With Redis that is
// one poller for the whole fleet (src/state/fleet-status.ts): orders then travel between replicas
// as JSON, read back through the same schema as Partner Center's answers.
import { Repeater } from 'graphql-yoga';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { getOrder, orderSchema } from '../../upstream/orders.js';
import { isNotFound } from '../../errors/not-found.js';
import { PollFailure } from '../../state/status-poller.js';
import { invalidInput, validGuid } from '../node.js';
import { ID_PATTERNS } from '../../ids.js';
import { OrderRef, type OrderShape } from './order.ref.js';

/** An order as another replica stored or published it: Partner Center's shape, already parsed once. */
const sharedOrder = orderSchema.extend({ customerId: z.string() });
const NOT_FOUND = 'not-found';
const notFound = (err: unknown) => isNotFound(err) || (err instanceof PollFailure && err.code === NOT_FOUND);

builder.subscriptionType({ description: 'Live updates, over Server-Sent Events (Accept: text/event-stream) or any transport the server offers.' });

builder.subscriptionFields((t) => ({
  orderStatusChanged: t.field({
    type: OrderRef,
    description: "An order's current state at once, then each time its status changes, until it is completed or cancelled.",
    args: {
      customerId: t.arg.id({ required: true, description: 'The customer tenant id.' }),
      orderId: t.arg.string({ required: true, description: 'The order id.' }),
    },
    subscribe: (_root, args, ctx) => {
      const customerId = validGuid(String(args.customerId), 'customerId');
      if (!ID_PATTERNS.orderId.test(args.orderId)) throw invalidInput(`orderId ${JSON.stringify(args.orderId.slice(0, 70))} is not an order id.`, 'orderId');
      // Shared polls must not die with the request that happened to start them.
      const { signal: _signal, ...call } = ctx.call;
      return new Repeater<OrderShape>(async (push, stop) => {
        const leave = ctx.services.orderPollers.watch<OrderShape>(
          `${ctx.scope}:${customerId}:${args.orderId}`,
          {
            fetch: async () => ({ ...(await getOrder(ctx.upstream, call, customerId, args.orderId)), customerId }),
            same: (a, b) => a.status === b.status,
            terminal: (o) => o.status === 'completed' || o.status === 'cancelled',
            initialDelayMs: ctx.services.orderPollMs.initial,
            maxDelayMs: ctx.services.orderPollMs.max,
            parse: (value): OrderShape => sharedOrder.parse(value),
            failureCode: (err) => (isNotFound(err) ? NOT_FOUND : 'error'),
          },
          {
            push: (order) => void push(order),
            fail: (err) => stop(notFound(err) ? invalidInput(`Order ${args.orderId} was not found.`, 'orderId') : err),
            end: () => stop(),
          },
        );
        await stop;
        leave();
      });
    },
    resolve: (order) => order,
  }),
}));
