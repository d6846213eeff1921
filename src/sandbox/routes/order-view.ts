// Orders and their provisioning status as the service renders them (samples §6.5, §6.6).
import { timestamp } from '../dates.js';
import { link } from '../links.js';
import type { OrderLineProvisioningStatus, OrderRecord, OrderResource } from '../model/order.js';
import { catalogItemLinks } from './catalog-view.js';

export const orderPath = (order: OrderRecord): string => `/customers/${order.customerId}/orders/${order.id}`;

export function orderView(order: OrderRecord): OrderResource {
  const self = orderPath(order);
  // Subscription ids show up only once provisioning has finished (reference §2.3 "Checkout", §5 rule 5).
  const provisioned = order.status === 'completed';
  return {
    id: order.id,
    alternateId: order.id,
    referenceCustomerId: order.customerId,
    billingCycle: order.billingCycle,
    currencyCode: order.currency.code,
    currencySymbol: order.currency.symbol,
    lineItems: order.lineItems.map((l) => ({
      lineItemNumber: l.lineItemNumber,
      offerId: l.offerId,
      ...(provisioned ? { subscriptionId: l.subscriptionId } : {}),
      ...(l.termDuration !== undefined ? { termDuration: l.termDuration } : {}),
      transactionType: 'New',
      friendlyName: l.friendlyName,
      quantity: l.quantity,
      ...(l.promotionId !== undefined ? { promotionId: l.promotionId } : {}),
      links: catalogItemLinks(l.productId, l.skuId, l.availabilityId, order.country),
    })),
    creationDate: timestamp(order.createdAt),
    status: order.status,
    transactionType: 'UserPurchase',
    links: {
      self: link(self),
      provisioningStatus: link(`${self}/provisioningstatus`),
      patchOperation: link(self, 'PATCH'),
    },
    client: {},
    attributes: { objectType: 'Order' },
  };
}

/** One entry per order line, fulfilled once the order has completed (reference §2.4). */
export function provisioningStatusView(order: OrderRecord): OrderLineProvisioningStatus[] {
  const status = order.status === 'completed' ? 'fulfilled' : 'unfulfilled';
  return order.lineItems.map((l) => ({
    orderLineItemId: l.lineItemNumber,
    lineItemNumber: l.lineItemNumber,
    status,
    quantityProvisioningInformation: [{ quantity: l.quantity, status }],
  }));
}
