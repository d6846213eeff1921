// Entra ID token-endpoint error bodies: `error` (RFC 6749), an AADSTS-prefixed description with
// the trace lines Entra appends, `error_codes`, and the ids. msal-node reads `error`, `suberror`,
// `error_codes[0]` (errorNo) and `claims`; anything with an interaction suberror becomes an
// InteractionRequiredAuthError.
import { randomUUID } from 'node:crypto';

export interface AadErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
  claims?: string;
}

export interface AadError {
  readonly status: number;
  readonly body: AadErrorBody;
}

export function aadError(status: number, error: string, code: number, message: string, extra: { suberror?: string; claims?: string } = {}): AadError {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      ...extra,
    },
  };
}

/** The claims challenge Entra sends with a Conditional Access (MFA) failure. */
export const MFA_CLAIMS_CHALLENGE = '{"access_token":{"capolids":{"essential":true,"values":["00000000-0000-0000-0000-000000000000"]}}}';

export const aad = {
  missingParameter: (name: string) => aadError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  unsupportedGrant: (grant: string) =>
    aadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`),
  unknownClient: (clientId: string, tenant: string) =>
    aadError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  noCredential: () => aadError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  badSecret: (clientId: string) =>
    aadError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  unknownCertificate: (thumbprint: string) =>
    aadError(
      401,
      'invalid_client',
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}']`,
    ),
  badClientAssertion: (reason: string) => aadError(401, 'invalid_client', 700027, `Client assertion failed signature validation. [Reason - ${reason}]`),
  clientAssertionExpired: () => aadError(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.'),
  invalidScope: (scope: string) => aadError(400, 'invalid_scope', 70011, `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid: '${scope}'.`),
  notDefaultScope: (scope: string) =>
    aadError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  badAssertionSignature: () => aadError(400, 'invalid_grant', 50013, 'Assertion failed signature validation. [Reason - The key was not found.]'),
  assertionExpired: () =>
    aadError(
      400,
      'invalid_grant',
      500133,
      'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.',
    ),
  assertionAudience: (audience: string, clientId: string) =>
    aadError(
      400,
      'invalid_grant',
      500131,
      `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${audience}' and the expected audience is '${clientId}' or one of the Application Id URIs of this application with App ID '${clientId}'.`,
    ),
  mfaRequired: (resource: string) =>
    aadError(
      400,
      'invalid_grant',
      50076,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`,
      { suberror: 'basic_action', claims: MFA_CLAIMS_CHALLENGE },
    ),
  consentRequired: (clientId: string) =>
    aadError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named 'Partner Center gateway'. Send an interactive authorization request for this user and resource.`,
      { suberror: 'consent_required' },
    ),
  unavailable: (status: number) =>
    aadError(status, 'temporarily_unavailable', 90038, 'The service is temporarily unavailable. Try again later.'),
};
