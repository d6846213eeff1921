// The fake token endpoint (POST /{tenant}/oauth2/v2.0/token): client credentials and
// on-behalf-of, each with the client authenticated first, then the grant checked the way Entra
// checks it, answering with Entra's success and AADSTS error bodies.
import { createLocalJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import {
  PARTNER_CENTER_APP_SCOPE,
  PARTNER_CENTER_USER_SCOPE,
  appTokenClaims,
  idTokenClaims,
  oboTokenClaims,
} from './fake-entra-claims.js';
import { authenticateClient } from './fake-entra-client.js';
import type { ClientAuthMethod, ClientRegistration } from './fake-entra-client.js';
import { aad } from './fake-entra-errors.js';
import type { AadError } from './fake-entra-errors.js';
import type { KeyRing } from './fake-entra-keys.js';

export const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Partner Center's first-party app id, which Entra names in its errors about the resource. */
const PARTNER_CENTER_APP_ID = 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd';
const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface TokenRequestRecord {
  grantType: string;
  clientId: string;
  scope: string;
  /** On-behalf-of: the `oid` of the user whose token was exchanged (when it verified). */
  subject?: string;
  /** The tenant in the request path. */
  tenantId: string;
  clientAuth?: ClientAuthMethod;
  status: number;
}

/** Knobs a test turns while the fake runs. */
export interface TokenSettings {
  appTokenLifetimeSeconds: number;
  oboTokenLifetimeSeconds: number;
  /** When set, every token request fails with this status (an Entra outage). */
  outageStatus: number | undefined;
}

export interface TokenEndpointDeps {
  readonly keys: KeyRing;
  readonly registration: ClientRegistration;
  /** `aud` values a user assertion may carry: the gateway's app id URI and its client id. */
  readonly apiAudiences: readonly string[];
  readonly settings: TokenSettings;
  issuer(tenant: string): string;
  tokenEndpoint(tenant: string): string;
  /** True for an issuer this fake would put in its tokens (any tenant). */
  isOwnIssuer(iss: string): boolean;
  record(entry: TokenRequestRecord): void;
}

export interface TokenReply {
  status: number;
  body: object;
}

type Grant = { ok: true; body: object; subject?: string } | { ok: false; error: AadError; subject?: string };

export async function handleTokenRequest(deps: TokenEndpointDeps, tenant: string, rawBody: string, authorization: string | undefined): Promise<TokenReply> {
  const form = new URLSearchParams(rawBody);
  const grantType = form.get('grant_type') ?? '';
  const scope = form.get('scope') ?? '';
  const reply = (status: number, body: object, extra: Partial<TokenRequestRecord> = {}): TokenReply => {
    deps.record({ grantType, clientId: form.get('client_id') ?? '', scope, tenantId: tenant, status, ...extra });
    return { status, body };
  };
  if (deps.settings.outageStatus !== undefined) {
    const { status, body } = aad.unavailable(deps.settings.outageStatus);
    return reply(status, body);
  }
  const assertionAudiences = [deps.tokenEndpoint(tenant), deps.tokenEndpoint(tenant).replace('/oauth2/v2.0/', '/oauth2/'), deps.issuer(tenant)];
  const client = await authenticateClient(deps.registration, { form, authorization, tenant, assertionAudiences });
  if (!client.ok) return reply(client.error.status, client.error.body);
  const auth = { clientId: client.clientId, clientAuth: client.method };

  let grant: Grant;
  if (grantType === 'client_credentials') grant = await clientCredentials(deps, tenant, scope, client.method);
  else if (grantType === OBO_GRANT) grant = await onBehalfOf(deps, form, scope);
  else if (grantType === '') grant = { ok: false, error: aad.missingParameter('grant_type') };
  else grant = { ok: false, error: aad.unsupportedGrant(grantType) };

  const subject = grant.subject === undefined ? {} : { subject: grant.subject };
  if (!grant.ok) return reply(grant.error.status, grant.error.body, { ...auth, ...subject });
  return reply(200, grant.body, { ...auth, ...subject });
}

async function clientCredentials(deps: TokenEndpointDeps, tenant: string, scope: string, method: ClientAuthMethod): Promise<Grant> {
  const scopes = scope.split(' ').filter(Boolean);
  if (scopes.length === 0) return { ok: false, error: aad.missingParameter('scope') };
  if (scopes.some((s) => !s.endsWith('/.default'))) return { ok: false, error: aad.notDefaultScope(scope) };
  if (scopes.length !== 1 || scopes[0]?.toLowerCase() !== PARTNER_CENTER_APP_SCOPE) return { ok: false, error: aad.invalidScope(scope) };
  const lifetime = deps.settings.appTokenLifetimeSeconds;
  const claims = appTokenClaims({ issuer: deps.issuer(tenant), tenantId: tenant, clientId: deps.registration.clientId, clientAuth: method, lifetimeSeconds: lifetime });
  const accessToken = await deps.keys.sign(claims);
  return { ok: true, body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken } };
}

async function onBehalfOf(deps: TokenEndpointDeps, form: URLSearchParams, scope: string): Promise<Grant> {
  if (form.get('requested_token_use') !== 'on_behalf_of') return { ok: false, error: aad.missingParameter('requested_token_use') };
  const assertion = form.get('assertion');
  if (!assertion) return { ok: false, error: aad.missingParameter('assertion') };
  const verified = await verifyUserAssertion(deps, assertion);
  if ('error' in verified) return { ok: false, error: verified.error };
  const user = verified.payload;
  const subject = typeof user.oid === 'string' ? user.oid : undefined;
  const fail = (error: AadError): Grant => ({ ok: false, error, ...(subject === undefined ? {} : { subject }) });

  const scopes = scope.split(' ').filter(Boolean);
  const resourceScopes = scopes.filter((s) => !OIDC_SCOPES.has(s));
  const wanted = new Set([PARTNER_CENTER_USER_SCOPE, PARTNER_CENTER_APP_SCOPE]);
  if (resourceScopes.length === 0 || resourceScopes.some((s) => !wanted.has(s.toLowerCase()))) return fail(aad.invalidScope(scope));
  // Conditional Access and consent are decided per user: tests mark the user token.
  if (user.fake_requires_mfa === true) return fail(aad.mfaRequired(PARTNER_CENTER_APP_ID));
  if (user.fake_requires_consent === true) return fail(aad.consentRequired(deps.registration.clientId));

  // The delegated token belongs to the user's tenant, whichever tenant path the exchange used.
  const tenant = typeof user.tid === 'string' ? user.tid : '';
  const issuer = deps.issuer(tenant);
  const lifetime = deps.settings.oboTokenLifetimeSeconds;
  const accessToken = await deps.keys.sign(oboTokenClaims({ issuer, clientId: deps.registration.clientId, user, lifetimeSeconds: lifetime }));
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: PARTNER_CENTER_USER_SCOPE,
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
  };
  if (scopes.includes('openid')) body.id_token = await deps.keys.sign(idTokenClaims(issuer, deps.registration.clientId, user));
  if (form.get('client_info') === '1') body.client_info = Buffer.from(JSON.stringify({ uid: user.oid, utid: tenant })).toString('base64url');
  return { ok: true, body, ...(subject === undefined ? {} : { subject }) };
}

async function verifyUserAssertion(deps: TokenEndpointDeps, assertion: string): Promise<{ payload: JWTPayload } | { error: AadError }> {
  let payload: JWTPayload;
  try {
    // A few seconds of skew, not Entra's minutes: tests that mint an expired token get a refusal.
    const options = { algorithms: ['RS256'], requiredClaims: ['exp', 'iss', 'aud'], clockTolerance: 5 };
    ({ payload } = await jwtVerify(assertion, createLocalJWKSet(deps.keys.jwks()), options));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { error: aad.assertionExpired() };
    return { error: aad.badAssertionSignature() };
  }
  if (typeof payload.iss !== 'string' || !deps.isOwnIssuer(payload.iss)) return { error: aad.badAssertionSignature() };
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud ?? ''];
  if (!audiences.some((a) => deps.apiAudiences.includes(a))) {
    return { error: aad.assertionAudience(audiences.join(' '), deps.registration.clientId) };
  }
  return { payload };
}
