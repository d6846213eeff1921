// Bearer tokens for Partner Center calls.
// - app: client credentials for the Partner Center scope, one token for the process.
// - user: the caller's token exchanged on behalf of the user (user_impersonation), one per user.
// MSAL's own cache is skipped (skipCache): TokenCache decides when to renew, with single flight.
import { InteractionRequiredAuthError, type ConfidentialClientApplication } from '@azure/msal-node';
import type { CallContext } from '../upstream/client.js';
import { identityScope } from './identity.js';
import { InteractionRequiredError, TokenAcquisitionError } from './errors.js';
import { PARTNER_CENTER_RESOURCE } from './msal.js';
import { TokenCache, type AcquiredToken, type TokenStats } from './token-cache.js';

export interface UpstreamTokens {
  getToken(ctx: CallContext): Promise<string | undefined>;
  /** Partner Center answered 401 to this identity's token: forget it. */
  invalidate(ctx: CallContext): void;
  /** Token requests made to Entra ID so far. */
  readonly stats: Readonly<TokenStats>;
}

function toAcquired(result: { accessToken: string; expiresOn: Date | null } | null): AcquiredToken {
  if (!result?.accessToken) throw new TokenAcquisitionError('Entra ID returned no access token.');
  return { token: result.accessToken, expiresOn: result.expiresOn ?? new Date(Date.now() + 300_000) };
}

/** MFA and consent requests become typed errors the frontend can act on. */
function mapMsalError(err: unknown): never {
  if (err instanceof InteractionRequiredAuthError) {
    const text = `${err.errorCode} ${err.subError} ${err.errorMessage}`;
    const kind = /50076|50079|basic_action|mfa/i.test(text) ? 'MFA_REQUIRED' : /65001|consent/i.test(text) ? 'CONSENT_REQUIRED' : 'INTERACTION_REQUIRED';
    const action = kind === 'MFA_REQUIRED' ? 'sign in again with multi-factor authentication' : kind === 'CONSENT_REQUIRED' ? 'consent to the application' : 'sign in again';
    throw new InteractionRequiredError(kind, `Partner Center needs the user to ${action}, then retry with the new token.`, err.claims || undefined);
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  throw new TokenAcquisitionError(`Could not get a Partner Center token from Entra ID: ${message}`);
}

export function appOnlyTokens(cca: ConfidentialClientApplication, marginSeconds: number): UpstreamTokens {
  const cache = new TokenCache(marginSeconds * 1000, 1);
  return {
    getToken: () =>
      cache.get('app', async () => {
        try {
          return toAcquired(await cca.acquireTokenByClientCredential({ scopes: [`${PARTNER_CENTER_RESOURCE}/.default`], skipCache: true }));
        } catch (err) {
          return mapMsalError(err);
        }
      }),
    invalidate: () => cache.invalidate('app'),
    stats: cache.stats,
  };
}

export function onBehalfOfTokens(cca: ConfidentialClientApplication, marginSeconds: number): UpstreamTokens {
  const cache = new TokenCache(marginSeconds * 1000, 10_000);
  return {
    getToken: (ctx) => {
      const identity = ctx.identity;
      if (!identity) return Promise.reject(new TokenAcquisitionError('App+user mode needs a signed-in caller.'));
      return cache.get(identityScope(identity), async () => {
        try {
          return toAcquired(
            await cca.acquireTokenOnBehalfOf({ oboAssertion: identity.token, scopes: [`${PARTNER_CENTER_RESOURCE}/user_impersonation`], skipCache: true }),
          );
        } catch (err) {
          return mapMsalError(err);
        }
      });
    },
    invalidate: (ctx) => cache.invalidate(identityScope(ctx.identity)),
    stats: cache.stats,
  };
}
