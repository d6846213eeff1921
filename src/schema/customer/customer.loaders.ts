// The full customer record (with its billing profile) by id. Kept apart from the Customer node
// loader, which list results prime with partial records: the customer's country, which decides the
// market of every catalog lookup in commerce, is only in the full record.
import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import { getCustomer, type UpstreamCustomer } from '../../upstream/customers.js';
import { settle } from '../loading.js';
import { ValidationError } from '../../errors/gateway-errors.js';
import { asNotFound } from '../../errors/not-found.js';
import { ID_PATTERNS } from '../../ids.js';
import { listOrders, type UpstreamOrder } from '../../upstream/orders.js';
import { listSubscriptions, type UpstreamSubscription } from '../../upstream/subscriptions.js';

export const customerDetailsLoader = createContextCache(
  (ctx: GatewayContext) =>
    new DataLoader<string, UpstreamCustomer>((ids) => Promise.all(ids.map((id) => settle(getCustomer(ctx.upstream, ctx.call, id))))),
);

/** The customer's country (ISO alpha-2, upper case): the market its purchases are made in. */
export async function customerCountry(ctx: GatewayContext, customerId: string): Promise<string> {
  let customer: UpstreamCustomer;
  try {
    customer = await customerDetailsLoader(ctx).load(customerId);
  } catch (err) {
    throw asNotFound(err, `Customer ${customerId} was not found.`);
  }
  const country = customer.billingProfile?.defaultAddress?.country?.toUpperCase();
  if (!country || !ID_PATTERNS.country.test(country)) {
    throw new ValidationError(`Customer ${customerId} has no billing country in Partner Center, so no market to buy in.`, [
      { path: 'customerId', message: 'the customer has no billing country' },
    ]);
  }
  return country;
}

/** The country= of a catalog link such as "/products/CFQ7TTC0LH18?country=US", if it has one. */
export function countryOfLink(uri: string | undefined): string | undefined {
  const q = uri?.split('?')[1];
  const c = q ? new URLSearchParams(q).get('country')?.toUpperCase() : undefined;
  return c && ID_PATTERNS.country.test(c) ? c : undefined;
}

/** A customer's subscription list and order list, once per request (they are unpaged upstream). */
export const subscriptionListLoader = createContextCache(
  (ctx: GatewayContext) =>
    new DataLoader<string, UpstreamSubscription[]>((ids) => Promise.all(ids.map((id) => settle(listSubscriptions(ctx.upstream, ctx.call, id))))),
);

export const orderListLoader = createContextCache(
  (ctx: GatewayContext) => new DataLoader<string, UpstreamOrder[]>((ids) => Promise.all(ids.map((id) => settle(listOrders(ctx.upstream, ctx.call, id))))),
);
