// Imports every domain (their side effects register types on the builder) and exports the schema.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from '../builder.js';
import './scalars.js';
import './enums.js';
import './errors.js';
import './catalog/product.type.js';
import './catalog/sku.type.js';
import './catalog/availability.type.js';
import './catalog/catalog.queries.js';
import './customer/customer.type.js';
import './customer/customer.queries.js';
import './customer/customer.commerce.js';
import './subscription/subscription.type.js';
import './order/order.type.js';
import './cart/cart.type.js';
import './cart/cart.mutations.js';
import './order/checkout.mutation.js';
import './order/order-status.subscription.js';
import './subscription/subscription.mutations.js';
import './invoice/invoice.type.js';
import './invoice/invoice.queries.js';

export const schema = builder.toSchema({ sortSchema: true });

/** The SDL committed as schema/schema.graphql. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(schema));
}
