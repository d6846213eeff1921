// Apollo Federation entities: each Node type also resolves from its @key fields (the keys listed at
// the end of the design's contract.graphql). resolveReference runs once per representation, so it
// only queues a load on the type's per-request dataloader: all representations of one `_entities`
// call land in one batch, share the cache with the rest of the operation, and cost one round of
// upstream calls (one per distinct object).
import type DataLoader from 'dataloader';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import { nullIfNotFound } from '../../errors/not-found.js';
import { AvailabilityRef, ProductRef, SkuRef } from '../catalog/refs.js';
import { CustomerRef } from '../customer/customer.type.js';
import { CartRef } from '../cart/cart.type.js';
import { OrderRef } from '../order/order.ref.js';
import { CustomerSubscriptionRef } from '../subscription/subscription.type.js';
import { InvoiceRef } from '../invoice/invoice.type.js';
import { entityKey } from './representation.js';

interface LoadableRef<T> {
  getDataloader(ctx: GatewayContext): DataLoader<string, T, string>;
}

/** A representation that names no object (malformed, or missing upstream) resolves to null. */
async function load<T>(ref: LoadableRef<T>, key: string | undefined, ctx: GatewayContext): Promise<T | null> {
  // nullIfNotFound also covers a cart whose customer is gone (the customer read fails first).
  return key === undefined ? null : nullIfNotFound(ref.getDataloader(ctx).load(key));
}

builder.asEntity(ProductRef, {
  key: builder.selection<{ productId: string; country: string }>('productId country'),
  resolveReference: (rep, ctx) => load(ProductRef, entityKey.Product(rep), ctx),
});

builder.asEntity(SkuRef, {
  key: builder.selection<{ productId: string; skuId: string; country: string }>('productId skuId country'),
  resolveReference: (rep, ctx) => load(SkuRef, entityKey.Sku(rep), ctx),
});

builder.asEntity(AvailabilityRef, {
  key: builder.selection<{ catalogItemId: string; country: string }>('catalogItemId country'),
  resolveReference: (rep, ctx) => load(AvailabilityRef, entityKey.Availability(rep), ctx),
});

builder.asEntity(CustomerRef, {
  key: builder.selection<{ customerId: string }>('customerId'),
  resolveReference: (rep, ctx) => load(CustomerRef, entityKey.Customer(rep), ctx),
});

builder.asEntity(CartRef, {
  key: builder.selection<{ customerId: string; cartId: string }>('customerId cartId'),
  resolveReference: (rep, ctx) => load(CartRef, entityKey.Cart(rep), ctx),
});

builder.asEntity(OrderRef, {
  key: builder.selection<{ customerId: string; orderId: string }>('customerId orderId'),
  resolveReference: (rep, ctx) => load(OrderRef, entityKey.Order(rep), ctx),
});

builder.asEntity(CustomerSubscriptionRef, {
  key: builder.selection<{ customerId: string; subscriptionId: string }>('customerId subscriptionId'),
  resolveReference: (rep, ctx) => load(CustomerSubscriptionRef, entityKey.CustomerSubscription(rep), ctx),
});

builder.asEntity(InvoiceRef, {
  key: builder.selection<{ invoiceId: string }>('invoiceId'),
  resolveReference: (rep, ctx) => load(InvoiceRef, entityKey.Invoice(rep), ctx),
});
