// Validates the bearer token of a caller: signature against the authority's JWKS (cached; an
// unknown kid makes jose fetch the set again, so rotated keys are picked up), issuer, audience,
// expiry, and a tenant allow-list. Issuer and JWKS location come from the authority's discovery
// document for the token's tenant, so a configured authority host other than Microsoft's works.
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { CallerAuthSettings } from '../config.js';
import type { CallerIdentity } from './identity.js';
import { isGuid } from '../ids.js';

export class CallerAuthError extends Error {
  override readonly name = 'CallerAuthError';
  constructor(
    message: string,
    /** RFC 6750 error code for WWW-Authenticate; absent when no token was sent at all. */
    readonly code: 'invalid_token' | 'invalid_request' | undefined,
  ) {
    super(message);
  }
}

const discoverySchema = z.object({ issuer: z.string().min(1), jwks_uri: z.url() });

interface TenantKeys {
  issuer: string;
  jwks: ReturnType<typeof createRemoteJWKSet>;
}

export class CallerAuthenticator {
  private readonly tenants = new Map<string, Promise<TenantKeys>>();

  constructor(
    private readonly authorityHost: string,
    private readonly settings: CallerAuthSettings,
  ) {}

  private keysFor(tenantId: string): Promise<TenantKeys> {
    let p = this.tenants.get(tenantId);
    if (!p) {
      p = (async () => {
        const url = `${this.authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`;
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        if (!res.ok) throw new Error(`discovery document ${url} answered ${res.status}`);
        const doc = discoverySchema.parse(await res.json());
        return { issuer: doc.issuer, jwks: createRemoteJWKSet(new URL(doc.jwks_uri), { cacheMaxAge: 24 * 3_600_000, cooldownDuration: this.settings.jwksCooldownMs }) };
      })();
      // A failed discovery is not cached: the next request tries again.
      p.catch(() => this.tenants.delete(tenantId));
      this.tenants.set(tenantId, p);
    }
    return p;
  }

  async authenticate(authorization: string | null): Promise<CallerIdentity> {
    if (!authorization) throw new CallerAuthError('A bearer token is required.', undefined);
    const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization.trim());
    const token = m?.[1];
    if (!token) throw new CallerAuthError('The Authorization header must be "Bearer <token>".', 'invalid_request');
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new CallerAuthError('The token is not a JWT.', 'invalid_token');
    }
    const tenantId = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : '';
    if (!isGuid(tenantId) || !this.settings.allowedTenants.includes(tenantId)) {
      throw new CallerAuthError('The token was issued for a tenant this gateway does not serve.', 'invalid_token');
    }
    let keys: TenantKeys;
    try {
      keys = await this.keysFor(tenantId);
    } catch {
      throw new CallerAuthError('The token issuer could not be reached to check the token.', 'invalid_token');
    }
    try {
      const { payload } = await jwtVerify(token, keys.jwks, {
        issuer: keys.issuer,
        audience: [...this.settings.audiences],
        algorithms: ['RS256'],
        clockTolerance: 60,
        requiredClaims: ['exp', 'tid'],
      });
      const objectId = typeof payload.oid === 'string' ? payload.oid : typeof payload.sub === 'string' ? payload.sub : '';
      if (!objectId) throw new CallerAuthError('The token names no user or application (oid).', 'invalid_token');
      const isApp = payload.idtyp === 'app' || (payload.scp === undefined && Array.isArray(payload.roles));
      return {
        kind: isApp ? 'app' : 'user',
        tenantId,
        objectId,
        upn: typeof payload.upn === 'string' ? payload.upn : typeof payload.preferred_username === 'string' ? payload.preferred_username : undefined,
        appId: typeof payload.azp === 'string' ? payload.azp : typeof payload.appid === 'string' ? payload.appid : undefined,
        token,
      };
    } catch (err) {
      if (err instanceof CallerAuthError) throw err;
      throw new CallerAuthError(describe(err), 'invalid_token');
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'The token has expired.';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `The token's ${err.claim} claim is not accepted.`;
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'The token is signed with a key the issuer does not publish.';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  return 'The token is not valid.';
}
