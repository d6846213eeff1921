/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** One more item for a cart. */
export type AddCartLineItemInput = {
  /** The cart id. */
  cartId: string | number;
  /** The customer tenant id. */
  customerId: string | number;
  /** The item to add. */
  lineItem: CartLineItemInput;
};

/** How often a term is billed. */
export type BillingCycle =
  /** Billed every year. */
  | 'ANNUAL'
  /** Billed once for two years. */
  | 'BIENNIAL'
  /** Billed every month. */
  | 'MONTHLY'
  /** Not billed (trials). */
  | 'NONE'
  /** Billed once. */
  | 'ONE_TIME'
  /** Billed once for three years. */
  | 'TRIENNIAL'
  /** A value Partner Center sent that this gateway does not know yet. */
  | 'UNKNOWN';

/** One item to buy: an availability with a term and a quantity. */
export type CartLineItemInput = {
  /** Billing cycle; with termDuration it must be one of the availability's terms. */
  billingCycle: BillingCycle;
  /** The availability to buy: productId:skuId:availabilityId. */
  catalogItemId: string;
  /** Name for the resulting subscription (at most 100 characters). */
  friendlyName?: string | null | undefined;
  /** Promotion to apply. */
  promotionId?: string | null | undefined;
  /** Seats, within the SKU's minimum and maximum. */
  quantity: number;
  /** ISO-8601 duration from the availability's terms: P1M, P1Y, P3Y. */
  termDuration?: string | null | undefined;
};

/** The cart to check out. */
export type CheckoutCartInput = {
  /** The cart id. */
  cartId: string | number;
  /** The customer tenant id. */
  customerId: string | number;
  /** Repeating a checkout with the same key never places a second order; the first result is returned. 1 to 255 printable ASCII characters, e.g. a UUID per purchase attempt. */
  idempotencyKey?: string | null | undefined;
};

/** A new cart. */
export type CreateCartInput = {
  /** The customer tenant id. */
  customerId: string | number;
  /** Its items (1 to 50). */
  lineItems: Array<CartLineItemInput>;
};

/** State of an order. */
export type OrderStatus =
  /** Cancelled. */
  | 'CANCELLED'
  /** Provisioned. */
  | 'COMPLETED'
  /** Placed; being provisioned. */
  | 'PENDING'
  /** A state this gateway does not know yet. */
  | 'UNKNOWN';

/** State of a subscription. */
export type SubscriptionStatus =
  /** In use and billed. */
  | 'ACTIVE'
  /** Cancelled. */
  | 'DELETED'
  /** Disabled by Microsoft. */
  | 'DISABLED'
  /** The term ended without renewal. */
  | 'EXPIRED'
  /** No state, or one this gateway does not know. */
  | 'NONE'
  /** Being provisioned. */
  | 'PENDING'
  /** Suspended; billing continues for new commerce. */
  | 'SUSPENDED';

export type StorefrontCatalogQueryVariables = Exact<{
  country: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type StorefrontCatalogQuery = { products: { edges: Array<{ node: { productId: string, title: string, skus: Array<{ skuId: string, title: string, minimumQuantity: number, maximumQuantity: number, availabilities: Array<{ catalogItemId: string, isPurchasable: boolean, currency: { code: string }, terms: Array<{ duration: string, billingCycle: BillingCycle, description: string | null }> }> }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type StorefrontCustomersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type StorefrontCustomersQuery = { customers: { edges: Array<{ node: { customerId: string, companyName: string | null, domain: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type StorefrontCreateCartMutationVariables = Exact<{
  input: CreateCartInput;
}>;


export type StorefrontCreateCartMutation = { createCart:
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'CreateCartPayload', cart: { cartId: string, status: string, lineItems: Array<{ lineItemId: number, catalogItemId: string, quantity: number, error: { code: number, description: string } | null }> } }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'ThrottledError', code: string, message: string }
    | { __typename: 'UpstreamTimeoutError', code: string, message: string }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string, fieldErrors: Array<{ path: string, message: string }> }
   };

export type StorefrontAddCartLineItemMutationVariables = Exact<{
  input: AddCartLineItemInput;
}>;


export type StorefrontAddCartLineItemMutation = { addCartLineItem:
    | { __typename: 'AddCartLineItemPayload', cart: { cartId: string, lineItems: Array<{ lineItemId: number, catalogItemId: string, quantity: number }> } }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'ThrottledError', code: string, message: string }
    | { __typename: 'UpstreamTimeoutError', code: string, message: string }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string, fieldErrors: Array<{ path: string, message: string }> }
   };

export type StorefrontCheckoutMutationVariables = Exact<{
  input: CheckoutCartInput;
}>;


export type StorefrontCheckoutMutation = { checkoutCart:
    | { __typename: 'CheckoutCartPayload', orders: Array<{ orderId: string, status: OrderStatus, lineItems: Array<{ offerId: string, quantity: number }> }>, orderErrors: Array<{ orderGroupId: string, code: number, description: string }> }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'ThrottledError', code: string, message: string }
    | { __typename: 'UpstreamTimeoutError', code: string, message: string }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type StorefrontOrderQueryVariables = Exact<{
  customerId: string | number;
  orderId: string;
}>;


export type StorefrontOrderQuery = { customer: { order: { orderId: string, status: OrderStatus, lineItems: Array<{ offerId: string, quantity: number, subscription: { subscriptionId: string, status: SubscriptionStatus } | null }> } | null } | null };

export type StorefrontOrderStatusSubscriptionVariables = Exact<{
  customerId: string | number;
  orderId: string;
}>;


export type StorefrontOrderStatusSubscription = { orderStatusChanged: { orderId: string, status: OrderStatus } };


export const StorefrontCatalogDocument = {"__meta__":{"hash":"sha256:453fb1dbf62699036ce2ae2b3bef225413f0bbe6b308dcd65818757c0131d073"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StorefrontCatalog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"country"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"country"},"value":{"kind":"Variable","name":{"kind":"Name","value":"country"}}},{"kind":"Argument","name":{"kind":"Name","value":"targetView"},"value":{"kind":"EnumValue","value":"ONLINE_SERVICES"}},{"kind":"Argument","name":{"kind":"Name","value":"targetSegment"},"value":{"kind":"EnumValue","value":"COMMERCIAL"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"skus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"targetSegment"},"value":{"kind":"EnumValue","value":"COMMERCIAL"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skuId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"minimumQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"maximumQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"availabilities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"targetSegment"},"value":{"kind":"EnumValue","value":"COMMERCIAL"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalogItemId"}},{"kind":"Field","name":{"kind":"Name","value":"isPurchasable"}},{"kind":"Field","name":{"kind":"Name","value":"currency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"terms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"duration"}},{"kind":"Field","name":{"kind":"Name","value":"billingCycle"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<StorefrontCatalogQuery, StorefrontCatalogQueryVariables>;
export const StorefrontCustomersDocument = {"__meta__":{"hash":"sha256:ffbab97229a78df4502c0615f705f30a2bb93323c61224bdd8f68c5099f4d64f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StorefrontCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<StorefrontCustomersQuery, StorefrontCustomersQueryVariables>;
export const StorefrontCreateCartDocument = {"__meta__":{"hash":"sha256:67fc3b615e756e702f71d6927a1a64796000c01c3cadf8ca5ad79453a6545132"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StorefrontCreateCart"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCartInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCartPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cartId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lineItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lineItemId"}},{"kind":"Field","name":{"kind":"Name","value":"catalogItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<StorefrontCreateCartMutation, StorefrontCreateCartMutationVariables>;
export const StorefrontAddCartLineItemDocument = {"__meta__":{"hash":"sha256:6fa67171bffee4872d78f5e6f3dd01e546ca40ef416234200073aa689ba7351a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StorefrontAddCartLineItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddCartLineItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addCartLineItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddCartLineItemPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cartId"}},{"kind":"Field","name":{"kind":"Name","value":"lineItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lineItemId"}},{"kind":"Field","name":{"kind":"Name","value":"catalogItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<StorefrontAddCartLineItemMutation, StorefrontAddCartLineItemMutationVariables>;
export const StorefrontCheckoutDocument = {"__meta__":{"hash":"sha256:fdbb0044e2226bb6bced55363a98fc3e837791c231f787a22d4f24768e5a4ee9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StorefrontCheckout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckoutCartInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkoutCart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CheckoutCartPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lineItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offerId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<StorefrontCheckoutMutation, StorefrontCheckoutMutationVariables>;
export const StorefrontOrderDocument = {"__meta__":{"hash":"sha256:64c998f1d97f6a5aca7476ed7fecd490217bae6a39c6d471c454837b587500e2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StorefrontOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lineItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offerId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"subscription"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subscriptionId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StorefrontOrderQuery, StorefrontOrderQueryVariables>;
export const StorefrontOrderStatusDocument = {"__meta__":{"hash":"sha256:2b66259f97dd61da654d65dcc37e942545b2406d36568272c0828d15952f2695"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"StorefrontOrderStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StorefrontOrderStatusSubscription, StorefrontOrderStatusSubscriptionVariables>;