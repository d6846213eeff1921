// The one SchemaBuilder: plugins, scalars and defaults. It defines no domain types.
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import type { GatewayContext } from './context.js';
import { decodeGlobalId, encodeGlobalId, invalidInput } from './schema/node.js';
import { isNotFound } from './errors/not-found.js';

/** Each id may cost one upstream call, so one request may not ask for an unbounded number. */
const MAX_NODES = 100;

/**
 * Lookups of a missing object return null (architecture rule 4); other failures stay errors. A node
 * may load several things at once (a cart and its customer's country), so whichever "not found"
 * arrives first must count: isNotFound accepts them all.
 */
function notFoundToNull(value: unknown): unknown {
  if (isNotFound(value)) return null;
  if (value instanceof Error) throw value;
  return value;
}

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
  // Federation last, after any plugin that wraps resolvers. It records @key and friends as directive
  // metadata, which the directives plugin turns into the AST nodes printSubgraphSchema reads (the
  // federation plugin also requires it at load). graphql's printSchema ignores applied directives,
  // so the public SDL is unchanged.
  plugins: [ErrorsPlugin, RelayPlugin, DataloaderPlugin, DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    // Global ids carry the whole composite key, so node(id) refetches with one call and no lookup.
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, String(id)),
    decodeGlobalID: (globalId) => decodeGlobalId(globalId),
    nodeQueryOptions: {
      description: 'Fetches any object by its global id; null when it does not exist.',
      args: { id: { description: 'A global id issued by this gateway.' } },
      resolve: async (_root, args, _ctx, _info, resolveNode) => notFoundToNull(await Promise.resolve(resolveNode(args.id)).catch((e: unknown) => e)),
    },
    nodesQueryOptions: {
      description: 'Fetches objects by their global ids (at most 100), in order; null for each that does not exist.',
      args: { ids: { description: 'Global ids issued by this gateway.' } },
      resolve: async (_root, args, _ctx, _info, resolveNodes) => {
        if (args.ids.length > MAX_NODES) throw invalidInput(`nodes takes at most ${MAX_NODES} ids; got ${args.ids.length}.`, 'ids');
        return (await resolveNodes(args.ids)).map(notFoundToNull);
      },
    },
    pageInfoTypeOptions: { description: 'Where a page sits in a connection (Relay cursor connections).' },
    idFieldOptions: { description: 'Global id; node(id) refetches this object.' },
    edgesFieldOptions: { nullable: false, description: 'The items of this page with their cursors.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'Where this item sits; pass it as `after` to continue after it.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items come before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'Cursor to pass as `after` for the next page.' },
    nodeTypeOptions: { description: 'An object with a global id that `node(id)` can refetch.' },
  },
  errors: {
    defaultTypes: [],
  },
});

builder.queryType({ description: 'The root of every read.' });
builder.mutationType({ description: 'The root of every change.' });
