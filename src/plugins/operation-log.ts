// One log line per GraphQL operation (name, duration, error count) with its correlation id, plus
// the failed resolvers: unexpected errors at error level (they are masked for the client), upstream
// failures at warn level (they are expected and typed).
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { PartnerCenterError } from '../upstream/errors.js';

export function useOperationLog(): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const ctx = args.contextValue;
          const errors = 'errors' in result && result.errors ? result.errors : [];
          for (const error of errors) {
            const original = error.originalError;
            if (original instanceof PartnerCenterError) {
              ctx.logger.warn({ upstream: original.toJSON(), path: error.path }, 'partner center call failed');
            } else if (original && !(original instanceof GraphQLError)) {
              ctx.logger.error({ err: original, path: error.path }, 'unexpected resolver error');
            }
          }
          ctx.logger.info(
            { operationName: args.operationName ?? null, durationMs: Math.round(performance.now() - started), errors: errors.length },
            'graphql operation',
          );
        },
      };
    },
  };
}
