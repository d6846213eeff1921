// A subscription as the service renders it (reference §2.5, sample §6.7): dates in the service's
// formats (term and billing-period ends as midnight), catalog links with the customer's country.
// refundableQuantity depends on the clock: it lists the seats whose refund window is still open.
import { midnight, timestamp } from '../dates.js';
import { link } from '../links.js';
import { openChunks } from '../model/seats.js';
import type { SubscriptionProvisioningStatus, SubscriptionRecord, SubscriptionResource } from '../model/subscription.js';
import { catalogItemLinks } from './catalog-view.js';

export const subscriptionPath = (s: SubscriptionRecord): string => `/customers/${s.customerId}/subscriptions/${s.id}`;

export function subscriptionView(s: SubscriptionRecord, now: number): SubscriptionResource {
  const open = openChunks(s.seatChunks, now);
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
      totalQuantity: open.reduce((sum, d) => sum + d.quantity, 0),
      details: open.map((d) => ({ quantity: d.quantity, allowedUntilDateTime: timestamp(d.allowedUntilAt) })),
    },
    isMicrosoftProduct: true,
    partnerId: '',
    attentionNeeded: false,
    actionTaken: false,
    contractType: 'subscription',
    orderId: s.orderId,
    ...(s.promotionId !== undefined ? { promotionId: s.promotionId } : {}),
    publisherName: s.publisherName,
    scheduledNextTermInstructions: structuredClone(s.scheduledNextTermInstructions),
    links: {
      ...catalogItemLinks(s.productId, s.skuId, s.availabilityId, s.country),
      self: link(subscriptionPath(s)),
    },
    attributes: { etag: s.etag, objectType: 'Subscription' },
  };
}

/**
 * Pending while the order is still provisioning or an accepted change has not shown yet; every
 * settled state reads as success ('failed' and 'none' never occur: the sandbox's provisioning
 * always succeeds). skuId is the SKU's provisioning GUID, the only GUID a SKU has (reference §2.1).
 */
export function provisioningStatusView(s: SubscriptionRecord, provisioningId: string, changePending: boolean): SubscriptionProvisioningStatus {
  return {
    skuId: provisioningId,
    status: s.status === 'pending' || changePending ? 'pending' : 'success',
    quantity: s.quantity,
    endDate: midnight(s.commitmentEndAt),
    attributes: { objectType: 'SubscriptionProvisioningStatus' },
  };
}
