// A cart as the service renders it (sample §6.4): timestamps in the service's format, a relative
// self link, and copies of the line items so a response never aliases the stored record.
import { timestamp } from '../dates.js';
import { link } from '../links.js';
import type { CartRecord, CartResource } from '../model/cart.js';

export function cartView(cart: CartRecord): CartResource {
  return {
    id: cart.id,
    creationTimestamp: timestamp(cart.createdAt),
    lastModifiedTimestamp: timestamp(cart.lastModifiedAt),
    expirationTimestamp: timestamp(cart.expiresAt),
    lastModifiedUser: cart.lastModifiedUser,
    status: cart.status,
    lineItems: cart.lineItems.map((l) => ({
      ...l,
      provisioningContext: { ...l.provisioningContext },
      ...(l.error ? { error: { ...l.error } } : {}),
    })),
    links: { self: link(`/customers/${cart.customerId}/carts/${cart.id}`) },
    attributes: { objectType: 'Cart' },
  };
}
