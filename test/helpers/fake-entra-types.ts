// The fake Entra ID's public shapes: its options, its handle, and the token-minting options.
import type { SignWith } from './fake-entra-keys.js';
import type { TokenRequestRecord } from './fake-entra-token.js';

export interface FakeEntraOptions {
  /** The partner tenant. Default FAKE_PARTNER_TENANT_ID. */
  tenantId?: string;
  /** The gateway's app registration. Default FAKE_CLIENT_ID. */
  clientId?: string;
  /** Its client secret; default a random one; false registers none (certificate only). */
  clientSecret?: string | false;
  /** A PEM holding the app's client certificate (a key after it is ignored). */
  clientCertificatePem?: string;
  /** The `aud` of user tokens for the gateway's API. Default `api://<clientId>`. */
  apiAudience?: string;
  /** Default 3599, as Entra answers. */
  appTokenLifetimeSeconds?: number;
  oboTokenLifetimeSeconds?: number;
}

export interface MintUserTokenOptions {
  /** Default the partner tenant. */
  tenantId?: string;
  oid?: string;
  upn?: string;
  /** Default the fake's apiAudience. */
  audience?: string;
  /** Default this fake's issuer for the tenant. */
  issuer?: string;
  /** Default 3600; negative for a token that has already expired. */
  expiresInSeconds?: number;
  /** 'unknown': a key whose public half is not in the JWKS. */
  signWith?: SignWith;
  /** Added last, so they can override: e.g. `{ amr: ['pwd'] }`, `{ fake_requires_mfa: true }`. */
  extraClaims?: Record<string, unknown>;
}

export interface MintAppTokenOptions {
  tenantId?: string;
  /** Default https://api.partnercenter.microsoft.com. */
  audience?: string;
  expiresInSeconds?: number;
  signWith?: SignWith;
  extraClaims?: Record<string, unknown>;
}

export interface FakeEntra {
  /** https://127.0.0.1:PORT: the authority host. */
  readonly url: string;
  /** 127.0.0.1:PORT, for msal's knownAuthorities. */
  readonly host: string;
  readonly caPem: string;
  /** The server certificate in a temp file, for NODE_EXTRA_CA_CERTS. */
  readonly caPath: string;
  readonly tenantId: string;
  readonly clientId: string;
  /** '' when the registration has no secret (options.clientSecret false). */
  readonly clientSecret: string;
  readonly apiAudience: string;
  /** url + '/' + tenant: msal's `authority`. */
  authority(tenantId?: string): string;
  issuer(tenantId?: string): string;
  jwksUri(tenantId?: string): string;
  tokenEndpoint(tenantId?: string): string;
  /** Every token request so far, in order, failed ones included. */
  tokenRequests(): readonly TokenRequestRecord[];
  resetTokenRequests(): void;
  /** Every HTTP request the fake received (discovery, keys, token...), in order. */
  httpRequests(): readonly { method: string; path: string }[];
  /** How many times the JWKS was fetched (any tenant path). */
  jwksRequests(): number;
  /** expires_in and exp of the app-only tokens issued from now on. */
  setAppTokenLifetime(seconds: number): void;
  setOboTokenLifetime(seconds: number): void;
  /** Every token request answers `status` (default 503, temporarily_unavailable) until restored. */
  failTokenRequests(status?: number): void;
  restoreTokenRequests(): void;
  /** A new key signs from now on; the old ones stay in the JWKS. Returns the new kid. */
  rotateKeys(): Promise<string>;
  /** Removes every key but the current one from the JWKS. */
  dropOldKeys(): void;
  readonly currentKid: string;
  mintUserToken(options?: MintUserTokenOptions): Promise<string>;
  /** An app-only Partner Center token, as client credentials would issue it, without a request. */
  mintAppToken(options?: MintAppTokenOptions): Promise<string>;
  close(): Promise<void>;
}
