// Carts as the sandbox stores them (reference §2.3, sample §6.4). Line items are kept in their wire
// form; the record adds what the service tracks beside them: the owner, the expiry and whether a
// checkout of the cart is under way.
import { DAY_MS } from '../dates.js';
import type { Link } from '../links.js';
import type { BillingCycle } from './billing-cycle.js';

/** Carts expire seven days after creation (reference §2.3; the 2018 samples' 15 minutes are obsolete). */
export const CART_LIFETIME_MS = 7 * DAY_MS;

/** The CartErrorCode values the sandbox emits; the service sends them as integers (reference §2.3). */
export const CartErrorCode = {
  currencyIsNotSupported: 10000,
  catalogItemIdIsNotValid: 10001,
  inventoryNotAvailable: 10003,
  invalidInput: 10010,
} as const;

export interface CartError {
  readonly errorCode: number;
  readonly errorDescription: string;
}

export interface CartLineItem {
  /** The caller's position 0..n-1, or the id the caller sent. */
  readonly id: number;
  readonly catalogItemId: string;
  readonly friendlyName?: string;
  readonly quantity: number;
  /** Set by the service from the customer's market. */
  readonly currencyCode: string;
  readonly billingCycle: BillingCycle;
  readonly termDuration?: string;
  readonly promotionId?: string;
  readonly provisioningContext: Readonly<Record<string, string>>;
  /** Set by the service: line items with the same value are bought in one order. */
  readonly orderGroup: string;
  /** Only on a line item the service refused. */
  readonly error?: CartError;
}

export type CartStatus = 'Active' | 'Ordered';

export interface CartRecord {
  readonly id: string;
  readonly customerId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  lastModifiedAt: number;
  readonly lastModifiedUser: string;
  status: CartStatus;
  lineItems: readonly CartLineItem[];
  /** True while a checkout of this cart is being processed; a second one gets 409 800064. */
  checkoutInProgress: boolean;
}

/** A cart as GET, POST and PUT return it. */
export interface CartResource {
  id: string;
  creationTimestamp: string;
  lastModifiedTimestamp: string;
  expirationTimestamp: string;
  lastModifiedUser: string;
  status: CartStatus;
  lineItems: CartLineItem[];
  links: { self: Link };
  attributes: { objectType: 'Cart' };
}
