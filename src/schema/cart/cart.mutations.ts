// Cart mutations. Every one checks its input against the catalog first and writes nothing when the
// input is wrong; upstream failures come back as typed members of the result union.
import { builder } from '../../builder.js';
import { createCart, getCart, replaceCartLineItems, type CartLineItemRequest, type UpstreamCart, type UpstreamCartLineItem } from '../../upstream/carts.js';
import { ConflictError, ValidationError } from '../../errors/gateway-errors.js';
import { typedErrors } from '../../errors/mutation-errors.js';
import { customerCountry } from '../customer/customer.loaders.js';
import { guidArg } from '../mutation-args.js';
import { mutationResult } from '../mutation-result.js';
import { AddCartLineItemInput, CreateCartInput, RemoveCartLineItemInput, UpdateCartInput, UpdateCartLineItemInput } from './cart.inputs.js';
import { CartRef, loadCart, type CartShape } from './cart.type.js';
import { MAX_LINE_ITEMS, validateLineItem, validateLineItems, type LineItemInput } from './cart.validation.js';

const toRequest = (item: LineItemInput, id: number): CartLineItemRequest => ({
  id,
  catalogItemId: item.catalogItemId,
  quantity: item.quantity,
  billingCycle: item.billingCycle,
  termDuration: item.termDuration ?? undefined,
  friendlyName: item.friendlyName ?? undefined,
  promotionId: item.promotionId ?? undefined,
});

const fromUpstream = (li: UpstreamCartLineItem): LineItemInput => ({
  catalogItemId: li.catalogItemId,
  quantity: li.quantity,
  billingCycle: li.billingCycle,
  termDuration: li.termDuration,
  friendlyName: li.friendlyName,
  promotionId: li.promotionId,
});

function refuse(what: string, errors: { path: string; message: string }[]): never {
  throw new ValidationError(`${what}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
}

function activeCart(cart: CartShape): CartShape {
  if (cart.status.toLowerCase() !== 'active') throw new ConflictError(`Cart ${cart.id} is ${cart.status} and can no longer be changed.`);
  return cart;
}

const withContext = (cart: UpstreamCart, customerId: string, country: string): CartShape => ({ ...cart, customerId, country });

function payload(name: string, description: string) {
  return mutationResult({
    union: { name: `${name}Result`, description: `${description} Or why not.` },
    payload: { name: `${name}Payload`, description },
    dataField: { name: 'cart', description: 'The cart as Partner Center now has it.' },
  });
}

builder.mutationFields((t) => ({
  createCart: t.field({
    type: CartRef,
    description: 'Creates a cart for a customer after checking every line item against the catalog.',
    errors: payload('CreateCart', 'The created cart.'),
    args: { input: t.arg({ type: CreateCartInput, required: true, description: 'The cart to create.' }) },
    resolve: (_root, { input }, ctx) =>
      typedErrors(async () => {
        const customerId = guidArg(input.customerId, 'customerId');
        const country = await customerCountry(ctx, customerId);
        const errors = await validateLineItems(ctx, country, input.lineItems, 'lineItems');
        if (errors.length > 0) refuse('The cart was not created', errors);
        const cart = await createCart(ctx.upstream, ctx.call, customerId, input.lineItems.map(toRequest));
        return withContext(cart, customerId, country);
      }),
  }),
  updateCart: t.field({
    type: CartRef,
    description: "Replaces a cart's line items, as Partner Center's PUT does, after checking them against the catalog.",
    errors: payload('UpdateCart', 'The updated cart.'),
    args: { input: t.arg({ type: UpdateCartInput, required: true, description: 'The cart and its new line items.' }) },
    resolve: (_root, { input }, ctx) =>
      typedErrors(async () => {
        const customerId = guidArg(input.customerId, 'customerId');
        const cartId = guidArg(input.cartId, 'cartId');
        const country = await customerCountry(ctx, customerId);
        const [errors, cart] = await Promise.all([validateLineItems(ctx, country, input.lineItems, 'lineItems'), getCart(ctx.upstream, ctx.call, customerId, cartId)]);
        if (errors.length > 0) refuse('The cart was not changed', errors);
        activeCart(withContext(cart, customerId, country));
        return withContext(await replaceCartLineItems(ctx.upstream, ctx.call, customerId, cart, input.lineItems.map(toRequest)), customerId, country);
      }),
  }),
  addCartLineItem: t.field({
    type: CartRef,
    description: 'Adds one line item to a cart, keeping the others.',
    errors: payload('AddCartLineItem', 'The cart with the new item.'),
    args: { input: t.arg({ type: AddCartLineItemInput, required: true, description: 'The cart and the item to add.' }) },
    resolve: (_root, { input }, ctx) =>
      typedErrors(async () => {
        const customerId = guidArg(input.customerId, 'customerId');
        const cart = activeCart(await loadCart(ctx, customerId, guidArg(input.cartId, 'cartId')));
        const errors = await validateLineItem(ctx, cart.country, input.lineItem, 'lineItem');
        if (cart.lineItems.length >= MAX_LINE_ITEMS) errors.push({ path: 'lineItem', message: `a cart takes at most ${MAX_LINE_ITEMS} line items` });
        if (errors.length > 0) refuse('The item was not added', errors);
        const items = [...cart.lineItems.map(fromUpstream), input.lineItem];
        return withContext(await replaceCartLineItems(ctx.upstream, ctx.call, customerId, cart, items.map(toRequest)), customerId, cart.country);
      }),
  }),
  updateCartLineItem: t.field({
    type: CartRef,
    description: 'Changes the quantity of one line item of a cart.',
    errors: payload('UpdateCartLineItem', 'The cart with the changed item.'),
    args: { input: t.arg({ type: UpdateCartLineItemInput, required: true, description: 'The cart, the item and its new quantity.' }) },
    resolve: (_root, { input }, ctx) =>
      typedErrors(async () => {
        const customerId = guidArg(input.customerId, 'customerId');
        const cart = activeCart(await loadCart(ctx, customerId, guidArg(input.cartId, 'cartId')));
        const items = cart.lineItems.map(fromUpstream);
        const index = cart.lineItems.findIndex((li) => li.id === input.lineItemId);
        const target = items[index];
        if (!target) refuse('The item was not changed', [{ path: 'lineItemId', message: `the cart has no line item ${input.lineItemId}` }]);
        const changed = { ...target, quantity: input.quantity };
        const errors = (await validateLineItem(ctx, cart.country, changed, 'lineItem')).map((e) => ({ ...e, path: e.path.replace(/^lineItem\./, '') }));
        if (errors.length > 0) refuse('The item was not changed', errors);
        items[index] = changed;
        return withContext(await replaceCartLineItems(ctx.upstream, ctx.call, customerId, cart, items.map(toRequest)), customerId, cart.country);
      }),
  }),
  removeCartLineItem: t.field({
    type: CartRef,
    description: 'Takes one line item out of a cart; the items after it are renumbered.',
    errors: payload('RemoveCartLineItem', 'The cart without the item.'),
    args: { input: t.arg({ type: RemoveCartLineItemInput, required: true, description: 'The cart and the item to remove.' }) },
    resolve: (_root, { input }, ctx) =>
      typedErrors(async () => {
        const customerId = guidArg(input.customerId, 'customerId');
        const cart = activeCart(await loadCart(ctx, customerId, guidArg(input.cartId, 'cartId')));
        if (!cart.lineItems.some((li) => li.id === input.lineItemId)) refuse('The item was not removed', [{ path: 'lineItemId', message: `the cart has no line item ${input.lineItemId}` }]);
        const items = cart.lineItems.filter((li) => li.id !== input.lineItemId).map(fromUpstream);
        if (items.length === 0) refuse('The item was not removed', [{ path: 'lineItemId', message: 'a cart needs at least one line item; create a new cart instead' }]);
        return withContext(await replaceCartLineItems(ctx.upstream, ctx.call, customerId, cart, items.map(toRequest)), customerId, cart.country);
      }),
  }),
}));
