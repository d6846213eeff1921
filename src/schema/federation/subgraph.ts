// The Apollo Federation v2 subgraph schema: the public schema plus `_service` and `_entities`, with
// the @key directives of entities.ts in its SDL. Build it after every domain has registered its types.
import { GraphQLError, isUnionType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { builder } from '../../builder.js';
import { invalidInput } from '../node.js';

/** Federation 2.6 is the plugin's default and what @apollo/composition and @apollo/gateway 2.14 accept. */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.6';

/**
 * Directives imported by @link. Listed rather than derived: the plugin would otherwise build the
 * whole schema once more to find them. A test checks that the printed SDL uses no other federation
 * directive, so adding e.g. `shareable: true` to a field without listing it here fails there.
 */
export const FEDERATION_DIRECTIVES = ['@key', '@shareable', '@inaccessible', '@tag'];

/**
 * Each representation may cost one upstream call, like an id of `nodes` (which takes 100). A router
 * sends one `_entities` call per list it joins, so the bound is higher: the largest page we serve
 * (500 customers) with room to spare. The request size limit bounds it too.
 */
export const MAX_REPRESENTATIONS = 1_000;

export function buildSubgraphSchema(): GraphQLSchema {
  const schema = builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK, federationDirectives: FEDERATION_DIRECTIVES });
  guardEntities(schema);
  return schema;
}

/**
 * Wraps `_entities` so that a bad call cannot fail the whole list: a representation whose
 * __typename is not one of our entities gets null plus an error in its own slot (the stock resolver
 * throws for the whole field), and an oversized batch is refused before any load starts. The
 * schema is fresh from toSubGraphSchema and not yet served, so replacing the resolver is safe.
 */
function guardEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const union = schema.getType('_Entity');
  const resolve: GraphQLFieldResolver<unknown, unknown> | undefined = field?.resolve;
  if (!field || !resolve || !isUnionType(union)) throw new Error('The subgraph schema has no _entities field: no type was made an entity.');
  const entities = new Set(union.getTypes().map((t) => t.name));

  field.resolve = (source, args: Record<string, unknown>, ctx, info) => {
    const representations: unknown[] = Array.isArray(args.representations) ? args.representations : [];
    if (representations.length > MAX_REPRESENTATIONS) {
      throw invalidInput(`_entities takes at most ${MAX_REPRESENTATIONS} representations; got ${representations.length}.`, 'representations');
    }
    // Every resolveReference is called in this same tick, so their loads share one dataloader batch.
    return representations.map((rep) => {
      const typename = typeof rep === 'object' && rep !== null && '__typename' in rep ? rep.__typename : undefined;
      if (typeof typename !== 'string' || !entities.has(typename)) {
        return new GraphQLError(`Representation ${JSON.stringify(String(typename)).slice(0, 80)} is not an entity of this subgraph.`, {
          extensions: { code: 'VALIDATION_FAILED', field: 'representations' },
        });
      }
      const one: unknown = resolve(source, { representations: [rep] }, ctx, info);
      return Array.isArray(one) ? one[0] : one;
    });
  };
}
