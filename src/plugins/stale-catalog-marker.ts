// Marks a response that holds catalog data Partner Center could not refresh: when any catalog read
// of the operation was answered from the cache after an upstream outage (stale-if-error), the
// result carries `extensions.catalog: { stale: true, ageSeconds }`, ageSeconds being the age of the
// oldest such copy since it was fetched. Copies served within the configured freshness (fresh, or
// stale-while-revalidate while a refresh runs) are not marked: that is the cache working as set.
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';

export interface StaleCatalogExtension {
  stale: true;
  ageSeconds: number;
}

export function useStaleCatalogMarker(): Plugin<GatewayContext> {
  return {
    onExecute() {
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ args, result, setResult }) => {
            const ageSeconds = args.contextValue.staleCatalog.oldestAgeSeconds;
            if (ageSeconds === undefined) return;
            const catalog: StaleCatalogExtension = { stale: true, ageSeconds };
            setResult({ ...result, extensions: { ...result.extensions, catalog } });
          });
        },
      };
    },
  };
}
