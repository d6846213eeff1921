// Token checks for a sandbox started with `auth` (reference §1.2): every API request must carry a
// bearer JWT that verifies against the configured JWKS, names the Partner Center audience and has
// not expired; App+User-only routes refuse app-only tokens. The verified caller is recorded with
// the request, so tests can see whose token reached which call.
import type { Logger } from 'pino';
import { createRemoteJWKSet, customFetch, errors as joseErrors, jwtVerify } from 'jose';
import type { FetchImplementation, JWTPayload } from 'jose';
import { Agent, fetch as undiciFetch } from 'undici';
import { ApiError, FaultCode } from './errors.js';
import { APP_USER_ONLY_ROUTES } from './routes/keys.js';
import type { RecordedIdentity, SandboxAuthOptions } from './types.js';

const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';
/** The Azure AD Graph audience older docs used; Partner Center stopped accepting it in 2025. */
const RETIRED_AUDIENCES: ReadonlySet<string> = new Set(['https://graph.windows.net', '00000002-0000-0000-c000-000000000000']);
/** Entra allows minutes of skew; a few seconds keep "expired" tests meaningful. */
const CLOCK_TOLERANCE_S = 5;

export type GateDecision = { kind: 'admit'; identity: RecordedIdentity } | { kind: 'refuse'; error: ApiError; identity?: RecordedIdentity };

export class TokenGate {
  private readonly agent: Agent;
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly audience: string;
  private readonly acceptsIssuer: (iss: string) => boolean;

  constructor(
    options: SandboxAuthOptions,
    private readonly logger: Logger,
  ) {
    const jwksUrl = new URL(options.jwksUri);
    this.agent = new Agent(options.ca === undefined ? {} : { connect: { ca: options.ca } });
    this.keys = createRemoteJWKSet(jwksUrl, {
      // No cooldown: a token with an unknown kid refetches the set at once, so a key rotation is
      // picked up by the next request (a sandbox need not ration its fetches).
      cooldownDuration: 0,
      [customFetch]: fetchVia(this.agent),
    });
    this.audience = options.audience ?? PARTNER_CENTER_AUDIENCE;
    const issuers = options.issuers ? new Set(options.issuers) : undefined;
    this.acceptsIssuer = issuers ? (iss) => issuers.has(iss) : (iss) => originOf(iss) === jwksUrl.origin;
  }

  /** Checks the Authorization header of a request for `route`. */
  async admit(authorization: string | undefined, route: string): Promise<GateDecision> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) return refuse(new ApiError(401, FaultCode.tokenMissing, 'Partner Token missing in request context'));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, { algorithms: ['RS256'], requiredClaims: ['exp'], clockTolerance: CLOCK_TOLERANCE_S }));
    } catch (error) {
      return refuse(denied(this.reasonFor(error)));
    }
    if (typeof payload.iss !== 'string' || !this.acceptsIssuer(payload.iss)) return refuse(denied(`the issuer ${String(payload.iss)} is not trusted`));
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud ?? ''];
    if (!audiences.includes(this.audience)) {
      const retired = audiences.find((a) => RETIRED_AUDIENCES.has(a));
      if (retired !== undefined) {
        return refuse(new ApiError(401, FaultCode.retiredAudience, `The audience ${retired} is no longer accepted; request a token for ${this.audience}.`));
      }
      return refuse(denied(`the token's audience ${audiences.join(', ')} is not ${this.audience}`));
    }
    const identity = identityOf(payload);
    if (identity.idtyp === 'app' && APP_USER_ONLY_ROUTES.has(route)) {
      // 403 / 900329 comes from third-party reports only (reference §1.2): unverified.
      return { kind: 'refuse', identity, error: new ApiError(403, FaultCode.appOnlyNotSupported, "This resource doesn't support application-only authentication.") };
    }
    return { kind: 'admit', identity };
  }

  close(): Promise<void> {
    return this.agent.destroy();
  }

  private reasonFor(error: unknown): string {
    if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
    if (error instanceof joseErrors.JWKSNoMatchingKey) return "no key of the JWKS matches the token's kid";
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the signature does not verify';
    if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is not signed with RS256';
    if (error instanceof joseErrors.JWTClaimValidationFailed) return `the ${error.claim} claim is not valid`;
    if (error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JWSInvalid) return 'the token is not a valid JWT';
    // Anything else is the JWKS being out of reach: a sandbox setup problem, so say it loudly.
    this.logger.warn({ err: error }, 'sandbox could not get the signing keys');
    return 'the signing keys could not be fetched';
  }
}

/** A 401 "Access denied" (reference §4, code 400), with the reason in `data` for whoever debugs it. */
const denied = (reason: string): ApiError => new ApiError(401, FaultCode.accessDenied, 'Access denied', [reason]);

const refuse = (error: ApiError): GateDecision => ({ kind: 'refuse', error });

function identityOf(p: JWTPayload): RecordedIdentity {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  // v1 tokens carry no idtyp unless configured: delegated ones have scp, app-only ones roles or nothing.
  const idtyp = p.idtyp === 'app' || p.idtyp === 'user' ? p.idtyp : str(p.scp) ? 'user' : 'app';
  const fields = { oid: str(p.oid), upn: str(p.upn) ?? str(p.preferred_username) ?? str(p.unique_name), tid: str(p.tid), appid: str(p.appid) ?? str(p.azp) };
  const identity: RecordedIdentity = { idtyp };
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) identity[name as keyof typeof fields] = value;
  return identity;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** jose's fetch through undici with our Agent, so the JWKS host's certificate can be a test one. */
function fetchVia(agent: Agent): FetchImplementation {
  return async (url, options) => {
    const res = await undiciFetch(url, { ...options, headers: Object.fromEntries(options.headers), dispatcher: agent });
    return new Response(await res.text(), { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' } });
  };
}
