// The one SchemaBuilder: plugins, scalars and defaults. It defines no domain types.
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import type { GatewayContext } from './context.js';
import { decodeGlobalId, encodeGlobalId } from './schema/node.js';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: string; Output: string };
    Decimal: { Input: string; Output: string };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [ErrorsPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    clientMutationId: 'omit',
    // Global ids carry the whole composite key, so node(id) refetches with one call and no lookup.
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, String(id)),
    decodeGlobalID: (globalId) => decodeGlobalId(globalId),
    nodeQueryOptions: { description: 'Fetches any object by its global id; null when it does not exist.' },
    nodesQueryOptions: { description: 'Fetches objects by their global ids, in order; null for each that does not exist.' },
    pageInfoTypeOptions: { description: 'Where a page sits in a connection (Relay cursor connections).' },
    nodeTypeOptions: { description: 'An object with a global id that `node(id)` can refetch.' },
  },
  errors: {
    defaultTypes: [],
  },
});

builder.queryType({ description: 'The root of every read.' });
