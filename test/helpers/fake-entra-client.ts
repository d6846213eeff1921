// Confidential-client authentication at the fake token endpoint: a client secret (in the body or
// HTTP Basic), or a client assertion signed with the registered certificate's key. msal-node 7
// signs assertions with PS256 and an `x5t#S256` header when given `thumbprintSha256`, and with
// RS256 and `x5t` when given the SHA-1 `thumbprint`; both are accepted, as Entra does.
import { timingSafeEqual, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { thumbprints } from './fake-entra-cert.js';
import { aad } from './fake-entra-errors.js';
import type { AadError } from './fake-entra-errors.js';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type ClientAuthMethod = 'secret' | 'certificate';

export interface RegisteredCertificate {
  readonly publicKey: KeyObject;
  /** base64url thumbprints, as the `x5t` and `x5t#S256` headers carry them. */
  readonly x5t: string;
  readonly x5tS256: string;
}

export interface ClientRegistration {
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly certificate: RegisteredCertificate | undefined;
}

export function registerCertificate(certPem: string): RegisteredCertificate {
  const { sha1, sha256 } = thumbprints(certPem);
  return {
    publicKey: new X509Certificate(certPem).publicKey,
    x5t: Buffer.from(sha1, 'hex').toString('base64url'),
    x5tS256: Buffer.from(sha256, 'hex').toString('base64url'),
  };
}

export interface ClientAuthRequest {
  readonly form: URLSearchParams;
  readonly authorization: string | undefined;
  readonly tenant: string;
  /** Audiences a client assertion may name: the token endpoint (v1 and v2) and the issuer. */
  readonly assertionAudiences: readonly string[];
}

export type ClientAuthResult = { ok: true; clientId: string; method: ClientAuthMethod } | { ok: false; clientId: string; error: AadError };

export async function authenticateClient(reg: ClientRegistration, req: ClientAuthRequest): Promise<ClientAuthResult> {
  const basic = parseBasic(req.authorization);
  const clientId = req.form.get('client_id') ?? basic?.id ?? '';
  const fail = (error: AadError): ClientAuthResult => ({ ok: false, clientId, error });
  if (clientId === '') return fail(aad.missingParameter('client_id'));
  if (clientId !== reg.clientId) return fail(aad.unknownClient(clientId, req.tenant));

  const assertion = req.form.get('client_assertion');
  if (assertion !== null) {
    if (req.form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) return fail(aad.missingParameter('client_assertion_type'));
    const error = await verifyAssertion(reg, assertion, req.assertionAudiences);
    return error ? fail(error) : { ok: true, clientId, method: 'certificate' };
  }
  const secret = req.form.get('client_secret') ?? basic?.secret;
  if (secret === undefined) return fail(aad.noCredential());
  if (reg.clientSecret === undefined || !sameText(secret, reg.clientSecret)) return fail(aad.badSecret(clientId));
  return { ok: true, clientId, method: 'secret' };
}

async function verifyAssertion(reg: ClientRegistration, assertion: string, audiences: readonly string[]): Promise<AadError | undefined> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return aad.badClientAssertion('The client assertion is not a JWT.');
  }
  const x5tS256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const x5t = typeof header.x5t === 'string' ? header.x5t : undefined;
  const cert = reg.certificate;
  const known = cert !== undefined && (x5tS256 === cert.x5tS256 || (x5tS256 === undefined && x5t === cert.x5t));
  if (!cert || !known) return aad.unknownCertificate(hex(x5tS256 ?? x5t ?? ''));
  try {
    await jwtVerify(assertion, cert.publicKey, {
      algorithms: ['RS256', 'PS256'],
      issuer: reg.clientId,
      subject: reg.clientId,
      audience: [...audiences],
      requiredClaims: ['exp', 'jti'],
      // msal rounds the current second, so nbf can be up to half a second ahead of our clock.
      clockTolerance: 5,
    });
    return undefined;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return aad.clientAssertionExpired();
    if (error instanceof joseErrors.JWTClaimValidationFailed) return aad.badClientAssertion(`The '${error.claim}' claim is not valid.`);
    return aad.badClientAssertion('The provided signature value did not match the expected signature value.');
  }
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const hex = (base64url: string): string => Buffer.from(base64url, 'base64url').toString('hex').toUpperCase();
