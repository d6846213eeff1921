// Imports every domain (their side effects register types on the builder) and exports the schema,
// public and as an Apollo Federation subgraph.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
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
// Entity keys only add federation metadata to the types above; the public SDL does not change.
import './federation/entities.js';
import { buildSubgraphSchema } from './federation/subgraph.js';

export const schema = builder.toSchema({ sortSchema: true });

/** The SDL committed as schema/schema.graphql. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(schema));
}

/** The public schema plus `_service` and `_entities`, for a federation router. */
export const subgraphSchema = buildSubgraphSchema();

/** The subgraph SDL as `_service { sdl }` reports it (with @link and @key); committed as schema/subgraph.graphql. */
export function printedSubgraphSchema(): string {
  return printSubgraphSchema(subgraphSchema);
}
