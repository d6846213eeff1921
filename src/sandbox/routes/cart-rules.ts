// What the service checks per line item when a cart is created or replaced (reference §2.3, §5
// rules 2 and 7), and the order groups it assigns. A failing line item keeps its place in the
// cart with an `error` (a CartErrorCode as an integer); checkout then refuses the cart with 800009.
import type { BillingCycle } from '../model/billing-cycle.js';
import { termHasCycle } from '../model/billing-cycle.js';
import { CartErrorCode } from '../model/cart.js';
import type { CartError, CartLineItem } from '../model/cart.js';
import type { Catalog, CatalogItem, Market } from '../model/catalog.js';
import type { CartLineInput } from './cart-input.js';

export function buildLineItems(catalog: Catalog, market: Market, inputs: readonly CartLineInput[]): CartLineItem[] {
  const groups = orderGroups(inputs.map((i) => i.billingCycle));
  return inputs.map((input, index) => {
    const found = catalog.catalogItem(input.catalogItemId);
    // Only the availabilities of the customer's own country can be bought.
    const item = found?.availability.country === market.country ? found : undefined;
    const error = lineError(item, market, input);
    return {
      id: input.id,
      // Echoed in the catalog's spelling when it resolves, so orders carry the canonical offerId.
      catalogItemId: item?.availability.catalogItemId ?? input.catalogItemId,
      ...(input.friendlyName !== undefined ? { friendlyName: input.friendlyName } : {}),
      quantity: input.quantity,
      currencyCode: market.currency.code,
      billingCycle: input.billingCycle,
      ...(input.termDuration !== undefined ? { termDuration: input.termDuration } : {}),
      ...(input.promotionId !== undefined ? { promotionId: input.promotionId } : {}),
      // NCE SKUs have no provisioning variables (reference §2.1), so there is nothing to keep.
      provisioningContext: {},
      orderGroup: groups[index] ?? '0',
      ...(error ? { error } : {}),
    };
  });
}

/**
 * Groups line items by billing cycle, numbered in order of first appearance: the first cycle is
 * "0", the next "1". The real grouping key is undocumented (reference §5 rule 2); the samples put
 * NCE items with different terms but one billing cycle in one group, and other billing plans in
 * groups of their own, which this reproduces.
 */
export function orderGroups(cycles: readonly BillingCycle[]): string[] {
  const seen = new Map<BillingCycle, string>();
  return cycles.map((cycle) => {
    const group = seen.get(cycle) ?? String(seen.size);
    seen.set(cycle, group);
    return group;
  });
}

function lineError(item: CatalogItem | undefined, market: Market, input: CartLineInput): CartError | undefined {
  if (!item) {
    return error(CartErrorCode.catalogItemIdIsNotValid, `The catalog item ID ${input.catalogItemId} is not valid in country ${market.country}.`);
  }
  const { availability, sku } = item;
  if (!availability.isPurchasable) {
    return error(CartErrorCode.inventoryNotAvailable, `Inventory is not available for catalog item ${availability.catalogItemId}.`);
  }
  if (input.currencyCode !== undefined && input.currencyCode.toUpperCase() !== market.currency.code) {
    return error(CartErrorCode.currencyIsNotSupported, `Currency ${input.currencyCode} is not supported in ${market.country}; the market's currency is ${market.currency.code}.`);
  }
  const term = availability.terms.find((t) => t.duration === input.termDuration && termHasCycle(t.billingCycle, input.billingCycle));
  if (!term) {
    const offered = availability.terms.map((t) => `${t.duration} ${t.billingCycle.toLowerCase()}`).join(', ');
    return error(
      CartErrorCode.invalidInput,
      `The catalog item offers no term with duration ${input.termDuration ?? '(none)'} and billing cycle ${input.billingCycle}; it offers: ${offered}.`,
    );
  }
  if (input.quantity < sku.minimumQuantity || input.quantity > sku.maximumQuantity) {
    return error(
      CartErrorCode.invalidInput,
      `Quantity ${input.quantity} is outside the allowed range ${sku.minimumQuantity} to ${sku.maximumQuantity} for this SKU.`,
    );
  }
  return undefined;
}

const error = (errorCode: number, errorDescription: string): CartError => ({ errorCode, errorDescription });
