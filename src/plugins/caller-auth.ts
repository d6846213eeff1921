// Closes every operation to callers without a valid bearer token: 401 with WWW-Authenticate
// (RFC 6750), before the operation is parsed or executed, so nothing reaches Partner Center.
// The check sits in onRequestParse, which yoga runs for every request it is about to execute
// whatever its path, method or transport (POST, GET, SSE): guarding a path would leave the
// others open. Requests yoga answers before parsing (the GraphiQL page, /health, /ready, CORS
// preflights) need no token; GraphiQL's own requests carry it from the headers editor.
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { CallerAuthError, type CallerAuthenticator } from '../auth/caller-auth.js';
import type { CallerIdentity } from '../auth/identity.js';

const identities = new WeakMap<Request, CallerIdentity>();

export function callerIdentityOf(request: Request): CallerIdentity | undefined {
  return identities.get(request);
}

const REALM = 'partner-center-gateway';

export function useCallerAuth(authenticator: CallerAuthenticator, logger: Logger): Plugin {
  return {
    async onRequestParse({ request, endResponse, fetchAPI }) {
      try {
        identities.set(request, await authenticator.authenticate(request.headers.get('authorization')));
      } catch (err) {
        const e = err instanceof CallerAuthError ? err : new CallerAuthError('The token could not be checked.', 'invalid_token');
        const challenge = e.code ? `Bearer realm="${REALM}", error="${e.code}", error_description="${e.message.replace(/"/g, "'")}"` : `Bearer realm="${REALM}"`;
        logger.info({ reason: e.message }, 'caller refused');
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message: e.message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
            status: 401,
            headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': challenge },
          }),
        );
      }
    },
  };
}
