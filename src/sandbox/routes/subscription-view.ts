// A subscription as the service renders it (reference §2.5, sample §6.7): dates in the service's
// formats (term and billing-period ends as midnight), catalog links with the customer's country.
import { midnight, timestamp } from '../dates.js';
import { link } from '../links.js';
import type { SubscriptionRecord, SubscriptionResource } from '../model/subscription.js';
import { catalogItemLinks } from './catalog-view.js';

export function subscriptionView(s: SubscriptionRecord): SubscriptionResource {
  return {
    id: s.id,
    offerId: `${s.productId}:${s.skuId}:${s.availabilityId}`,
    offerName: s.offerName,
    friendlyName: s.friendlyName,
    productType: { ...s.productType },
    quantity: s.quantity,
    unitType: 'Licenses',
    hasPurchasableAddons: false,
    creationDate: timestamp(s.createdAt),
    effectiveStartDate: timestamp(s.effectiveStartAt),
    commitmentEndDate: midnight(s.commitmentEndAt),
    cancellationAllowedUntilDate: timestamp(s.cancellationAllowedUntilAt),
    billingCycleEndDate: midnight(s.billingCycleEndAt),
    status: s.status,
    autoRenewEnabled: s.autoRenewEnabled,
    isTrial: s.isTrial,
    billingType: 'license',
    billingCycle: s.billingCycle,
    termDuration: s.termDuration,
    renewalTermDuration: '',
    refundOptions: s.refundOptions.map((r) => ({ type: r.type, expiresAt: timestamp(r.expiresAt) })),
    refundableQuantity: {
      totalQuantity: s.refundableQuantity.reduce((sum, d) => sum + d.quantity, 0),
      details: s.refundableQuantity.map((d) => ({ quantity: d.quantity, allowedUntilDateTime: timestamp(d.allowedUntilAt) })),
    },
    isMicrosoftProduct: true,
    partnerId: '',
    attentionNeeded: false,
    actionTaken: false,
    contractType: 'subscription',
    orderId: s.orderId,
    ...(s.promotionId !== undefined ? { promotionId: s.promotionId } : {}),
    publisherName: s.publisherName,
    scheduledNextTermInstructions: null,
    links: {
      ...catalogItemLinks(s.productId, s.skuId, s.availabilityId, s.country),
      self: link(`/customers/${s.customerId}/subscriptions/${s.id}`),
    },
    attributes: { etag: s.etag, objectType: 'Subscription' },
  };
}
