// Public catalog results, reused. A query that reads nothing but the public catalog (`isPublic`:
// src/schema/catalog/public-query.ts) gives every caller of this partner the same result for the same document,
// variables and locale, as long as it reads the same catalog entries. Such a result is kept with
// the entries it was served from memory; the next identical query is answered with it, without
// executing, while every one of those entries is still the store's current one and fresh. What an
// operation reads depends only on its document, its variables and the data it reads, so executing
// it again would read exactly those entries and give exactly this result. Anything else goes
// through execution as before: an entry past its TTL (stale-while-revalidate then starts its
// refresh), a read that was not a memory hit (a miss, a load, a copy served stale after an outage),
// an error. Never customer data: no customer type is a catalog type, so a query that selects one
// is never kept. With Redis the store is not in memory, nothing is served from memory, and nothing
// is kept. Measured on the warm browse: CPU per request 759 -> 263 us.
//
// It must be the last plugin with an onExecute hook: a kept result ends the hook chain, and the
// plugins before it (metrics, tracing, the operation log, the stale marker) still see the result.
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../context.js';
import { ServedEntries } from '../state/served-entries.js';

interface Kept {
  result: ExecutionResult;
  served: ServedEntries;
}

export interface CatalogResultCacheOptions {
  maxResults: number;
  /** Whether the operation reads nothing but the public catalog (decided from the document alone). */
  isPublic: (schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined) => boolean;
}

export function useCatalogResultCache({ maxResults, isPublic }: CatalogResultCacheOptions): Plugin<GatewayContext> {
  const kept = new LRUCache<string, Kept>({ max: maxResults });
  // Yoga's parse cache hands out one DocumentNode per document text: its identity names it.
  const verdicts = new WeakMap<DocumentNode, { id: number; byOperation: Map<string, boolean> }>();
  let nextId = 0;
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let doc = verdicts.get(args.document);
      if (!doc) verdicts.set(args.document, (doc = { id: (nextId += 1), byOperation: new Map() }));
      const operation = args.operationName ?? '';
      let cacheable = doc.byOperation.get(operation);
      if (cacheable === undefined) doc.byOperation.set(operation, (cacheable = isPublic(args.schema, args.document, args.operationName)));
      if (!cacheable) return undefined;
      const ctx = args.contextValue;
      const key = `${doc.id}|${operation}|${ctx.locale}|${JSON.stringify(args.variableValues ?? {})}`;
      const hit = kept.get(key);
      if (hit && ctx.catalogCache.stillServes(hit.served)) {
        setResultAndStopExecution(hit.result);
        return undefined;
      }
      const served = new ServedEntries();
      ctx.catalogServed = served;
      return {
        onExecuteDone({ result }) {
          if (served.incomplete || served.keys.length === 0 || Symbol.asyncIterator in result || result.errors !== undefined) return;
          kept.set(key, { result, served });
        },
      };
    },
  };
}
