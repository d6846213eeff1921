// Subscriptions as the sandbox stores them, and their wire shape (reference §2.5, sample §6.7).
// The record is mutable: provisioning turns it active, and subscription updates change it; every
// change goes through CommerceStore.touch so the etag follows. Besides the current state it keeps
// the seat history (what billing charges, billing/charges.ts) and the seats per refund window
// (what can still be reduced).
import { createHash } from 'node:crypto';
import type { Link } from '../links.js';
import type { BillingCycle } from './billing-cycle.js';
import type { ItemType } from './catalog.js';

export type SubscriptionStatus = 'none' | 'active' | 'suspended' | 'deleted' | 'expired' | 'pending' | 'disabled';

export interface RefundOptionRecord {
  readonly type: 'Full' | 'Partial';
  readonly expiresAt: number;
}

/** Seats bought together, reducible until `allowedUntilAt` (reference §2.5, §5 rule 6). */
export interface SeatChunk {
  /** Reduced by seat decreases, newest chunk first. */
  quantity: number;
  readonly allowedUntilAt: number;
}

/** One change of the seat count: the purchase, an increase (> 0) or a decrease (< 0). */
export interface SeatChange {
  readonly at: number;
  readonly delta: number;
}

/** What the subscription turns into at renewal (reference §2.5, sample §6.7 software subscription). */
export interface ScheduledNextTermInstructions {
  product: { productId: string; skuId: string; availabilityId: string; billingCycle: string; termDuration: string; promotionId?: string };
  quantity: number;
  customTermEndDate?: string;
}

export interface SubscriptionRecord {
  readonly id: string;
  readonly customerId: string;
  readonly orderId: string;
  readonly country: string;
  readonly productId: string;
  readonly skuId: string;
  readonly availabilityId: string;
  readonly offerName: string;
  readonly productType: ItemType;
  readonly publisherName: string;
  readonly isTrial: boolean;
  readonly createdAt: number;
  friendlyName: string;
  quantity: number;
  effectiveStartAt: number;
  commitmentEndAt: number;
  cancellationAllowedUntilAt: number;
  billingCycleEndAt: number;
  status: SubscriptionStatus;
  autoRenewEnabled: boolean;
  billingCycle: BillingCycle;
  termDuration: string;
  refundOptions: RefundOptionRecord[];
  /** Seats per refund window; those whose window is still open on the clock can be reduced. */
  seatChunks: SeatChunk[];
  /** Every seat change since the purchase, oldest first; the first is the purchase itself. */
  readonly seatChanges: SeatChange[];
  /** When the subscription was cancelled (status deleted). */
  cancelledAt?: number;
  scheduledNextTermInstructions: ScheduledNextTermInstructions | null;
  promotionId?: string;
  /** Counts changes; the etag is derived from it. */
  version: number;
  etag: string;
}

export interface SubscriptionResource {
  id: string;
  offerId: string;
  offerName: string;
  friendlyName: string;
  productType: ItemType;
  quantity: number;
  unitType: 'Licenses';
  hasPurchasableAddons: boolean;
  creationDate: string;
  effectiveStartDate: string;
  commitmentEndDate: string;
  cancellationAllowedUntilDate: string;
  billingCycleEndDate: string;
  status: SubscriptionStatus;
  autoRenewEnabled: boolean;
  isTrial: boolean;
  billingType: 'license';
  billingCycle: BillingCycle;
  termDuration: string;
  renewalTermDuration: string;
  refundOptions: { type: 'Full' | 'Partial'; expiresAt: string }[];
  refundableQuantity: { totalQuantity: number; details: { quantity: number; allowedUntilDateTime: string }[] };
  isMicrosoftProduct: boolean;
  partnerId: string;
  attentionNeeded: boolean;
  actionTaken: boolean;
  contractType: 'subscription';
  orderId: string;
  promotionId?: string;
  publisherName: string;
  scheduledNextTermInstructions: ScheduledNextTermInstructions | null;
  links: { product: Link; sku: Link; availability: Link; self: Link };
  attributes: { etag: string; objectType: 'Subscription' };
}

/** GET .../subscriptions/{id}/provisioningstatus (reference §2.5 "Provisioning status"). */
export interface SubscriptionProvisioningStatus {
  /** A GUID: the SKU's provisioning id, not the catalog SKU id. */
  skuId: string;
  status: 'success' | 'pending' | 'failed' | 'none';
  quantity: number;
  endDate: string;
  attributes: { objectType: 'SubscriptionProvisioningStatus' };
}

/**
 * An opaque etag that changes with every version of the record. It is a hash rather than a draw
 * from the seeded stream: provisioning changes records when they are read, and reads must not
 * shift the ids that later purchases get.
 */
export function subscriptionEtag(seed: number, id: string, version: number): string {
  return createHash('sha256').update(`${seed}/${id}/${version}`).digest('base64url').slice(0, 24);
}
