import { builder } from '../../builder.js';
import { BillingCycleEnum } from '../enums.js';

export const CartLineItemInput = builder.inputType('CartLineItemInput', {
  description: 'One item to buy: an availability with a term and a quantity.',
  fields: (t) => ({
    catalogItemId: t.string({ required: true, description: 'The availability to buy: productId:skuId:availabilityId.' }),
    quantity: t.int({ required: true, description: "Seats, within the SKU's minimum and maximum." }),
    billingCycle: t.field({ type: BillingCycleEnum, required: true, description: "Billing cycle; with termDuration it must be one of the availability's terms." }),
    termDuration: t.string({ required: false, description: 'ISO-8601 duration from the availability\'s terms: P1M, P1Y, P3Y.' }),
    friendlyName: t.string({ required: false, description: 'Name for the resulting subscription (at most 100 characters).' }),
    promotionId: t.string({ required: false, description: 'Promotion to apply.' }),
  }),
});

export const CreateCartInput = builder.inputType('CreateCartInput', {
  description: 'A new cart.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The customer tenant id.' }),
    lineItems: t.field({ type: [CartLineItemInput], required: true, description: 'Its items (1 to 50).' }),
  }),
});

export const UpdateCartInput = builder.inputType('UpdateCartInput', {
  description: "New line items for a cart.",
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The customer tenant id.' }),
    cartId: t.id({ required: true, description: 'The cart id.' }),
    lineItems: t.field({ type: [CartLineItemInput], required: true, description: "Replaces the cart's line items, as Partner Center's PUT does." }),
  }),
});

export const AddCartLineItemInput = builder.inputType('AddCartLineItemInput', {
  description: 'One more item for a cart.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The customer tenant id.' }),
    cartId: t.id({ required: true, description: 'The cart id.' }),
    lineItem: t.field({ type: CartLineItemInput, required: true, description: 'The item to add.' }),
  }),
});

export const UpdateCartLineItemInput = builder.inputType('UpdateCartLineItemInput', {
  description: 'A new quantity for one item of a cart.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The customer tenant id.' }),
    cartId: t.id({ required: true, description: 'The cart id.' }),
    lineItemId: t.int({ required: true, description: 'The item, by its lineItemId.' }),
    quantity: t.int({ required: true, description: "New number of seats, within the SKU's range." }),
  }),
});

export const RemoveCartLineItemInput = builder.inputType('RemoveCartLineItemInput', {
  description: 'One item to take out of a cart.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The customer tenant id.' }),
    cartId: t.id({ required: true, description: 'The cart id.' }),
    lineItemId: t.int({ required: true, description: 'The item, by its lineItemId.' }),
  }),
});
