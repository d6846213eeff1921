// Orders as the sandbox stores them, and the wire shapes of orders, checkout results and order
// provisioning status (reference §2.3 "CartCheckoutResult", §2.4, samples §6.5 and §6.6).
import type { Link } from '../links.js';
import type { BillingCycle } from './billing-cycle.js';
import type { Market } from './catalog.js';

export type OrderStatus = 'pending' | 'completed' | 'cancelled';

export interface OrderLineRecord {
  readonly lineItemNumber: number;
  readonly productId: string;
  readonly skuId: string;
  readonly availabilityId: string;
  /** The catalogItemId bought. */
  readonly offerId: string;
  readonly termDuration?: string;
  readonly friendlyName: string;
  readonly quantity: number;
  readonly promotionId?: string;
  /** Created with the order, but shown only once the order has completed (reference §2.3). */
  readonly subscriptionId: string;
}

export interface OrderRecord {
  readonly id: string;
  readonly customerId: string;
  /** The customer's country, for the catalog links. */
  readonly country: string;
  readonly billingCycle: BillingCycle;
  readonly currency: Market['currency'];
  readonly lineItems: readonly OrderLineRecord[];
  readonly createdAt: number;
  /** When provisioning finishes: the order turns completed and its subscriptions active. */
  readonly completesAt: number;
  /** When the order shows up in the customer's order list (reference §2.4 "Timing"). */
  readonly listedAt: number;
  status: OrderStatus;
}

export interface OrderLineItemResource {
  lineItemNumber: number;
  offerId: string;
  subscriptionId?: string;
  termDuration?: string;
  transactionType: 'New';
  friendlyName: string;
  quantity: number;
  promotionId?: string;
  links: { product: Link; sku: Link; availability: Link };
}

export interface OrderResource {
  id: string;
  alternateId: string;
  referenceCustomerId: string;
  billingCycle: BillingCycle;
  currencyCode: string;
  currencySymbol: string;
  lineItems: OrderLineItemResource[];
  creationDate: string;
  status: OrderStatus;
  transactionType: 'UserPurchase';
  links: { self: Link; provisioningStatus: Link; patchOperation: Link };
  client: Record<string, never>;
  attributes: { objectType: 'Order' };
}

export interface OrderError {
  orderGroupId: string;
  code: number;
  description: string;
}

export interface CartCheckoutResult {
  orders: OrderResource[];
  /** Left out when every group succeeded, as in sample §6.5. */
  orderErrors?: OrderError[];
  attributes: { objectType: 'CartCheckoutResult' };
}

export type FulfillmentStatus = 'fulfilled' | 'unfulfilled';

export interface OrderLineProvisioningStatus {
  orderLineItemId: number;
  lineItemNumber: number;
  status: FulfillmentStatus;
  quantityProvisioningInformation: { quantity: number; status: FulfillmentStatus }[];
}
