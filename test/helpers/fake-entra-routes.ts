// The fake Entra ID's HTTP surface: OpenID discovery per tenant, the JWKS, instance discovery and
// the token endpoint, at the paths login.microsoftonline.com serves them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyRing } from './fake-entra-keys.js';
import { handleTokenRequest } from './fake-entra-token.js';
import type { TokenEndpointDeps } from './fake-entra-token.js';

/** Path segments that name no tenant: Entra's issuer for them is a template. */
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

export interface Endpoints {
  /** https://127.0.0.1:PORT */
  readonly base: string;
  issuer(tenant: string): string;
  jwksUri(tenant: string): string;
  tokenEndpoint(tenant: string): string;
}

export function endpointsAt(base: string): Endpoints {
  return {
    base,
    issuer: (t) => `${base}/${MULTI_TENANT.has(t.toLowerCase()) ? '{tenantid}' : t}/v2.0`,
    jwksUri: (t) => `${base}/${t}/discovery/v2.0/keys`,
    tokenEndpoint: (t) => `${base}/${t}/oauth2/v2.0/token`,
  };
}

export interface RouteDeps {
  readonly endpoints: Endpoints;
  readonly keys: KeyRing;
  readonly token: TokenEndpointDeps;
  /** Called for every request, before it is answered. */
  seen(method: string, path: string): void;
}

export async function route(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', deps.endpoints.base);
  const parts = url.pathname.split('/').filter(Boolean);
  const tenant = decodeURIComponent(parts[0] ?? '');
  const rest = parts.slice(1).join('/').toLowerCase();
  const method = req.method ?? 'GET';
  deps.seen(method, url.pathname);

  if (method === 'GET' && tenant === 'common' && rest === 'discovery/instance') return send(res, 200, instanceDiscovery(deps.endpoints, url));
  if (method === 'GET' && rest === 'v2.0/.well-known/openid-configuration') return send(res, 200, openIdConfiguration(deps.endpoints, tenant));
  if (method === 'GET' && (rest === 'discovery/v2.0/keys' || rest === 'discovery/keys')) return send(res, 200, deps.keys.jwks());
  if (rest === 'oauth2/v2.0/token') {
    if (method !== 'POST') return send(res, 405, { error: 'invalid_request', error_description: 'AADSTS900561: The endpoint only accepts POST requests.' });
    const reply = await handleTokenRequest(deps.token, tenant, await readText(req), req.headers.authorization);
    return send(res, reply.status, reply.body);
  }
  send(res, 404, { error: 'not_found', error_description: `The fake Entra ID serves no ${method} ${url.pathname}` });
}

function openIdConfiguration(e: Endpoints, tenant: string): object {
  const t = `${e.base}/${tenant}`;
  return {
    token_endpoint: e.tokenEndpoint(tenant),
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: e.jwksUri(tenant),
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: e.issuer(tenant),
    request_uri_parameter_supported: false,
    userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
    authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${t}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat',
      'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email',
    ],
    kerberos_endpoint: `${t}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

/** msal asks this of login.microsoftonline.com unless the host is a known authority. */
function instanceDiscovery(e: Endpoints, url: URL): object {
  const host = new URL(e.base).host;
  const authorize = url.searchParams.get('authorization_endpoint') ?? '';
  let tenant = 'common';
  try {
    tenant = new URL(authorize).pathname.split('/').filter(Boolean)[0] ?? tenant;
  } catch {
    /* no or bad authorization_endpoint: describe the common tenant */
  }
  return {
    tenant_discovery_endpoint: `${e.base}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

async function readText(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store, no-cache' }).end(JSON.stringify(body));
}
