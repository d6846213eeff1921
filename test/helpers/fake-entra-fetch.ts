// In-process HTTPS to the fake Entra ID: an undici Agent that trusts the fake's self-signed
// certificate, a fetch for jose's `customFetch`, and a small client for its endpoints.
import { Agent, fetch as undiciFetch } from 'undici';
import type { FetchImplementation } from 'jose';
import type { FakeEntra } from './fake-entra-types.js';

export interface JsonReply {
  status: number;
  body: Record<string, unknown>;
}

export interface FakeEntraClient {
  /** Trusts the fake's certificate; pass it as undici's `dispatcher`. */
  readonly agent: Agent;
  /** For jose: `createRemoteJWKSet(url, { [customFetch]: client.jwksFetch })`. */
  readonly jwksFetch: FetchImplementation;
  get(path: string): Promise<JsonReply>;
  /** POSTs a form to the tenant's token endpoint, with the app's client id and secret added. */
  requestToken(form: Record<string, string>, tenantId?: string): Promise<JsonReply>;
  /** The access token of a successful token request; throws on an error answer. */
  token(form: Record<string, string>, tenantId?: string): Promise<string>;
  close(): Promise<void>;
}

export function fakeEntraClient(fake: FakeEntra): FakeEntraClient {
  const agent = new Agent({ connect: { ca: fake.caPem } });
  const json = async (res: Awaited<ReturnType<typeof undiciFetch>>): Promise<JsonReply> => ({
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
  });
  const requestToken = async (form: Record<string, string>, tenantId?: string) =>
    json(
      await undiciFetch(fake.tokenEndpoint(tenantId), {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: fake.clientId, client_secret: fake.clientSecret, ...form }).toString(),
      }),
    );
  return {
    agent,
    // undici's fetch, so the Agent is the dispatcher; the answer is rewrapped as a global Response.
    jwksFetch: async (url, options) => {
      const res = await undiciFetch(url, { ...options, headers: Object.fromEntries(options.headers), dispatcher: agent });
      return new Response(await res.text(), { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' } });
    },
    get: async (path) => json(await undiciFetch(`${fake.url}${path}`, { dispatcher: agent })),
    requestToken,
    async token(form, tenantId) {
      const { status, body } = await requestToken(form, tenantId);
      if (status !== 200 || typeof body.access_token !== 'string') throw new Error(`token request failed: ${status} ${JSON.stringify(body)}`);
      return body.access_token;
    },
    close: () => agent.close(),
  };
}
