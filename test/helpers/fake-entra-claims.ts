// The claims of the tokens the fake Entra ID issues, shaped like Entra's v2.0 access tokens:
// app-only and user-delegated Partner Center tokens, the user tokens a frontend would get for the
// gateway's own API, and the ID token of an on-behalf-of answer.
import { randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';

export const PARTNER_CENTER_RESOURCE = 'https://api.partnercenter.microsoft.com';
export const PARTNER_CENTER_APP_SCOPE = `${PARTNER_CENTER_RESOURCE}/.default`;
export const PARTNER_CENTER_USER_SCOPE = `${PARTNER_CENTER_RESOURCE}/user_impersonation`;

export const FAKE_PARTNER_TENANT_ID = '4b0c3f3e-7c1d-4f0a-9a5e-2f6d1c8b9e10';
export const FAKE_CLIENT_ID = '6c8e1a2b-3d4f-4a5b-8c9d-0e1f2a3b4c5d';
/** The object id of the gateway app's service principal: the `oid` of its app-only tokens. */
export const FAKE_SERVICE_PRINCIPAL_OID = '9d2f4e6a-8b0c-4d1e-a2f3-b4c5d6e7f809';
export const FAKE_USER_OID = 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b';
export const FAKE_USER_UPN = 'partner.admin@fakepartner.onmicrosoft.com';
/** The frontend (SPA) that user tokens for the gateway's API are issued to: their `azp`. */
export const FAKE_FRONTEND_CLIENT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** iat/nbf/exp: nbf a little in the past, as Entra does (5 minutes). */
function times(lifetimeSeconds: number): { iat: number; nbf: number; exp: number } {
  const iat = nowSeconds();
  return { iat, nbf: iat - 300, exp: iat + lifetimeSeconds };
}

const uti = (): string => randomBytes(16).toString('base64url');

export interface AppTokenInput {
  issuer: string;
  tenantId: string;
  clientId: string;
  clientAuth: 'secret' | 'certificate';
  lifetimeSeconds: number;
  audience?: string;
}

export function appTokenClaims(i: AppTokenInput): JWTPayload {
  // appidacr/azpacr: 1 = client secret, 2 = certificate.
  const acr = i.clientAuth === 'certificate' ? '2' : '1';
  return {
    aud: i.audience ?? PARTNER_CENTER_RESOURCE,
    iss: i.issuer,
    ...times(i.lifetimeSeconds),
    appid: i.clientId,
    appidacr: acr,
    azp: i.clientId,
    azpacr: acr,
    idp: i.issuer,
    idtyp: 'app',
    oid: FAKE_SERVICE_PRINCIPAL_OID,
    sub: FAKE_SERVICE_PRINCIPAL_OID,
    tid: i.tenantId,
    uti: uti(),
    ver: '2.0',
  };
}

export interface UserTokenInput {
  issuer: string;
  audience: string;
  tenantId: string;
  oid: string;
  upn: string;
  lifetimeSeconds: number;
  extraClaims?: Record<string, unknown>;
}

/** A token a frontend holds for the gateway's API (scope access_as_user). */
export function userTokenClaims(i: UserTokenInput): JWTPayload {
  return {
    aud: i.audience,
    iss: i.issuer,
    ...times(i.lifetimeSeconds),
    amr: ['pwd', 'mfa'],
    azp: FAKE_FRONTEND_CLIENT_ID,
    azpacr: '0',
    idtyp: 'user',
    name: displayName(i.upn),
    oid: i.oid,
    preferred_username: i.upn,
    scp: 'access_as_user',
    sub: i.oid,
    tid: i.tenantId,
    upn: i.upn,
    uti: uti(),
    ver: '2.0',
    ...i.extraClaims,
  };
}

export interface OboTokenInput {
  issuer: string;
  clientId: string;
  /** The verified user assertion the gateway exchanged. */
  user: JWTPayload;
  lifetimeSeconds: number;
}

/** A user-delegated Partner Center token, as the on-behalf-of exchange returns it. */
export function oboTokenClaims(i: OboTokenInput): JWTPayload {
  const u = i.user;
  return {
    aud: PARTNER_CENTER_RESOURCE,
    iss: i.issuer,
    ...times(i.lifetimeSeconds),
    amr: Array.isArray(u.amr) ? u.amr : ['pwd'],
    appid: i.clientId,
    appidacr: '1',
    azp: i.clientId,
    azpacr: '1',
    idtyp: 'user',
    name: str(u.name),
    oid: u.oid,
    scp: 'user_impersonation',
    sub: str(u.oid),
    tid: u.tid,
    upn: str(u.upn) ?? str(u.preferred_username),
    unique_name: str(u.upn) ?? str(u.preferred_username),
    uti: uti(),
    ver: '2.0',
  };
}

/** The ID token of an on-behalf-of answer when `openid` was requested: msal builds its account from it. */
export function idTokenClaims(issuer: string, clientId: string, user: JWTPayload): JWTPayload {
  return {
    aud: clientId,
    iss: issuer,
    ...times(3600),
    name: str(user.name),
    oid: user.oid,
    preferred_username: str(user.upn) ?? str(user.preferred_username),
    sub: str(user.oid),
    tid: user.tid,
    ver: '2.0',
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function displayName(upn: string): string {
  const local = upn.split('@', 1)[0] ?? upn;
  return local
    .split(/[._-]/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
