// Logs failed resolvers with the operation's correlation id: unexpected errors at error level (they
// are masked for the client), upstream failures at warn level (they are expected and typed).
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { PartnerCenterError } from '../upstream/errors.js';

export function useErrorLog(): Plugin<GatewayContext> {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, args }) {
          if (!('errors' in result) || !result.errors) return;
          const ctx = args.contextValue;
          for (const error of result.errors) {
            const original = error.originalError;
            if (original instanceof PartnerCenterError) {
              ctx.logger.warn({ upstream: original.toJSON(), path: error.path }, 'partner center call failed');
            } else if (original && !(original instanceof GraphQLError)) {
              ctx.logger.error({ err: original, path: error.path }, 'unexpected resolver error');
            }
          }
        },
      };
    },
  };
}
