// Reading a cart from a request body (reference §1.5, §2.3). Property names match
// case-insensitively, since the .NET SDK sends PascalCase (`LineItems`, `CatalogItemId`), and null
// counts as absent, since the SDK writes unset properties as null. A body the service could not
// bind is refused whole with 400 800002 and nothing is stored; problems with what a well-formed
// line item asks for are reported on the line item instead (cart-rules.ts).
import { invalidInput } from '../errors.js';
import { isObject, prop } from '../json-read.js';
import type { JsonObject } from '../json-read.js';
import { parseBillingCycle } from '../model/billing-cycle.js';
import type { BillingCycle } from '../model/billing-cycle.js';

/** Undocumented upstream; bounds the work one request can ask for. */
export const MAX_LINE_ITEMS = 50;

export interface CartLineInput {
  readonly id: number;
  readonly catalogItemId: string;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  readonly termDuration?: string;
  readonly friendlyName?: string;
  readonly promotionId?: string;
  /** Set by the service; a caller's value that differs from the market's is a line-item error. */
  readonly currencyCode?: string;
}

export function parseCartInput(body: unknown): CartLineInput[] {
  if (!isObject(body)) throw invalidInput('the body must be a cart object.');
  const items = prop(body, 'lineItems');
  if (items === undefined) throw invalidInput('lineItems is required.');
  if (!Array.isArray(items)) throw invalidInput('lineItems must be an array.');
  if (items.length === 0) throw invalidInput('a cart needs at least one line item.');
  if (items.length > MAX_LINE_ITEMS) throw invalidInput(`a cart holds at most ${MAX_LINE_ITEMS} line items; got ${items.length}.`);
  const lines = items.map((item: unknown, index) => parseLine(item, index));
  // The id is the caller's handle on a line item (reference §2.3), so two may not share one.
  if (new Set(lines.map((l) => l.id)).size !== lines.length) throw invalidInput('line item ids must be unique.');
  return lines;
}

function parseLine(item: unknown, index: number): CartLineInput {
  const at = `lineItems[${index}]`;
  if (!isObject(item)) throw invalidInput(`${at} must be an object.`);
  const id = prop(item, 'id');
  if (id !== undefined && !isCount(id)) throw invalidInput(`${at}.id must be a non-negative integer.`);
  const catalogItemId = prop(item, 'catalogItemId');
  if (typeof catalogItemId !== 'string' || catalogItemId.trim() === '') throw invalidInput(`${at}.catalogItemId is required.`);
  const quantity = prop(item, 'quantity');
  if (quantity === undefined) throw invalidInput(`${at}.quantity is required.`);
  if (!isCount(quantity) || quantity === 0) {
    throw invalidInput(`${at}.quantity must be a positive integer; got ${JSON.stringify(quantity)}.`);
  }
  const rawCycle = prop(item, 'billingCycle');
  if (rawCycle === undefined) throw invalidInput(`${at}.billingCycle is required.`);
  const billingCycle = typeof rawCycle === 'string' ? parseBillingCycle(rawCycle) : undefined;
  if (!billingCycle) throw invalidInput(`${at}.billingCycle ${JSON.stringify(rawCycle)} is not a billing cycle.`);
  const termDuration = text(item, 'termDuration', at)?.toUpperCase();
  const friendlyName = text(item, 'friendlyName', at);
  const promotionId = text(item, 'promotionId', at);
  const currencyCode = text(item, 'currencyCode', at);
  return {
    id: id ?? index,
    catalogItemId: catalogItemId.trim(),
    quantity,
    billingCycle,
    ...(termDuration !== undefined ? { termDuration } : {}),
    ...(friendlyName !== undefined ? { friendlyName } : {}),
    ...(promotionId !== undefined ? { promotionId } : {}),
    ...(currencyCode !== undefined ? { currencyCode } : {}),
  };
}

/** An optional string property; blank counts as absent. */
function text(item: JsonObject, name: string, at: string): string | undefined {
  const value = prop(item, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidInput(`${at}.${name} must be a string.`);
  return value.trim() === '' ? undefined : value.trim();
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
