// The Order node ref, apart from its fields so that subscriptions and orders can point at each other.
import { builder } from '../../builder.js';
import { getOrder, type UpstreamOrder } from '../../upstream/orders.js';
import { joinKey, splitKey } from '../node.js';
import { settle } from '../loading.js';

export type OrderShape = UpstreamOrder & { customerId: string };

export const orderKey = (o: { customerId: string; id: string }) => joinKey(o.customerId.toLowerCase(), o.id);

export const OrderRef = builder.loadableNodeRef<OrderShape, string, string>('Order', {
  id: { resolve: orderKey, description: 'Global id; node(id) refetches this object.' },
  cacheResolved: orderKey,
  load: (keys, ctx) =>
    Promise.all(
      keys.map((k) => {
        const [customerId = '', orderId = ''] = splitKey(k, 2);
        return settle(getOrder(ctx.upstream, ctx.call, customerId, orderId).then((o) => ({ ...o, customerId })));
      }),
    ),
});
