// The gateway with real identity, as separate processes: a fake Entra ID over HTTPS on loopback (its
// self-signed certificate trusted through NODE_EXTRA_CA_CERTS), the sandbox demanding tokens, and
// the gateway started like `npm start` with Azure credentials pointing at that authority.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, ROUTE, type Sandbox } from '../../src/sandbox/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeClientCertificate, startFakeEntra, type FakeEntra } from '../helpers/fake-entra.js';
import type { Proc } from '../helpers/process.js';
import { startSignedInGateway } from '../helpers/signed-in-gateway.js';

let entra: FakeEntra;
let sandbox: Sandbox;
const procs: Proc[] = [];
const logs = () => procs.map((p) => p.stdout() + p.stderr()).join('\n');

async function startGateway(env: Record<string, string>): Promise<string> {
  const { proc, base } = await startSignedInGateway(entra, sandbox.url, env);
  procs.push(proc);
  return `${base}/graphql`;
}

async function post(url: string, query: string, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, challenge: res.headers.get('www-authenticate'), body: (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

const CATALOG = '{ product(productId: "CFQ7TTC0LH18", country: "US") { title } }';
const clientCredentialRequests = () => entra.tokenRequests().filter((r) => r.grantType === 'client_credentials').length;
const oboRequests = () => entra.tokenRequests().filter((r) => r.grantType !== 'client_credentials');

let certificatePath: string;

beforeAll(async () => {
  // The app registration holds both a secret and a certificate, as real ones often do.
  const certificate = await makeClientCertificate();
  certificatePath = join(mkdtempSync(join(tmpdir(), 'gateway-cert-')), 'app.pem');
  writeFileSync(certificatePath, certificate.pemWithKey, { mode: 0o600 });
  entra = await startFakeEntra({ clientCertificatePem: certificate.certPem });
  sandbox = await startSandbox({ auth: { jwksUri: entra.jwksUri(), ca: entra.caPem } });
});
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await sandbox?.close();
  await entra?.close();
});

describe('app-only mode', () => {
  let url: string;
  beforeAll(async () => {
    // The gateway renews app tokens a minute before they expire, and the fake authority issues them
    // for 30 seconds: each token is already due for renewal when it arrives (MSAL dates it from
    // `expires_in`), so expiry needs no waiting. Partner Center (the sandbox) still accepts it.
    entra.setAppTokenLifetime(30);
    url = await startGateway({ PARTNER_CENTER_AUTH_MODE: 'app', AZURE_TOKEN_REFRESH_MARGIN_S: '60', AUTH_JWKS_COOLDOWN_MS: '0' });
  });

  it('serves 50 concurrent requests with one token request, and renews an expired token', async () => {
    const caller = await entra.mintUserToken({});
    const product = (id: string) => post(url, `{ product(productId: "${id}", country: "US") { title } }`, caller);
    const before = clientCredentialRequests();
    sandbox.resetCounters();
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(url, CATALOG, caller)));
    expect(answers.every((a) => a.status === 200 && a.body.errors === undefined)).toBe(true);
    expect(clientCredentialRequests() - before).toBe(1);
    const seen = sandbox.requests();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.identity?.idtyp === 'app')).toBe(true);

    // The token the gateway holds is inside the refresh margin: the next upstream call renews it.
    await product('CFQ7TTC0LDPB');
    expect(clientCredentialRequests() - before).toBe(2);

    // That token is due as well. Concurrent calls for products not cached yet share one renewal; its
    // token has time to spare and is kept for the calls after it.
    entra.setAppTokenLifetime(3600);
    const others = await Promise.all(['CFQ7TTC0LFLX', 'CFQ7TTC0LFLZ', 'CFQ7TTC0LF8Q', 'CFQ7TTC0LCHC'].map(product));
    expect(others.map((a) => a.body.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(clientCredentialRequests() - before).toBe(3);
    const mark = sandbox.requests().length;
    expect((await product('CFQ7TTC0HL8W')).body.errors).toBeUndefined();
    expect(sandbox.requests().length).toBeGreaterThan(mark);
    expect(clientCredentialRequests() - before).toBe(3);
  });

  it.each([
    ['no token', async () => undefined, /^Bearer realm="partner-center-gateway"$/],
    ['an expired token', () => entra.mintUserToken({ expiresInSeconds: -300 }), /error="invalid_token".*expired/],
    ['a wrong audience', () => entra.mintUserToken({ audience: 'api://someone-else' }), /error="invalid_token".*aud/],
    ['a foreign tenant', () => entra.mintUserToken({ tenantId: '9e2b7a34-5f1c-4d8e-b6a0-3c7d9e1f2a4b' }), /error="invalid_token".*tenant/],
    ['a token signed by an unknown key', () => entra.mintUserToken({ signWith: 'unknown' }), /error="invalid_token"/],
  ])('refuses %s with 401 and WWW-Authenticate, and calls nothing upstream', async (_label, token, challenge) => {
    sandbox.resetCounters();
    const r = await post(url, CATALOG, await token());
    expect(r.status).toBe(401);
    expect(r.challenge).toMatch(challenge);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(sandbox.totalRequests()).toBe(0);
  });

  it('authenticates to the authority with a client certificate instead of a secret', async () => {
    const certUrl = await startGateway({ AZURE_CLIENT_SECRET: '', AZURE_CLIENT_CERTIFICATE_PATH: certificatePath });
    const before = entra.tokenRequests().length;
    const r = await post(certUrl, '{ product(productId: "CFQ7TTC0LCHC", country: "US") { title } }', await entra.mintUserToken({}));
    expect(r.body.errors).toBeUndefined();
    const requests = entra.tokenRequests().slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ grantType: 'client_credentials', clientAuth: 'certificate' });
  });

  it('picks up a rotated signing key', async () => {
    await post(url, CATALOG, await entra.mintUserToken({}));
    await entra.rotateKeys();
    // jose refetches the key set on an unknown key id, at most once per cooldown: this gateway runs
    // with AUTH_JWKS_COOLDOWN_MS=0, so the refetch happens at once instead of after 5 s.
    const fetchesBefore = entra.jwksRequests();
    const r = await post(url, CATALOG, await entra.mintUserToken({}));
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(entra.jwksRequests() - fetchesBefore).toBe(1);
  });

  it('still serves the GraphiQL page, whose requests carry the token', async () => {
    const res = await fetch(url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
  });
});

describe('app+user mode', () => {
  let url: string;
  beforeAll(async () => {
    entra.setAppTokenLifetime(3600);
    url = await startGateway({ PARTNER_CENTER_AUTH_MODE: 'user' });
  });

  it("exchanges each user's token and calls Partner Center with that user's token, never another's", async () => {
    const alice = await entra.mintUserToken({ oid: randomUUID(), upn: 'alice@partner.example' });
    const bob = await entra.mintUserToken({ oid: randomUUID(), upn: 'bob@partner.example' });
    const before = oboRequests().length;
    const list = await post(url, '{ customers(first: 1) { edges { node { customerId } } } }', alice);
    const customerId = (list.body.data?.customers as { edges: { node: { customerId: string } }[] }).edges[0]?.node.customerId ?? '';
    const subs = `{ customer(customerId: "${customerId}") { subscriptions(first: 5) { edges { node { subscriptionId } } } } }`;
    sandbox.resetCounters();
    for (const [who, token] of [['alice@partner.example', alice], ['bob@partner.example', bob], ['alice@partner.example', alice]] as const) {
      const mark = sandbox.requests().length;
      const r = await post(url, subs, token);
      expect(r.body.errors).toBeUndefined();
      const calls = sandbox.requests().slice(mark);
      // Every request made its own subscription call, with its own user's token.
      expect(calls.filter((c) => c.route === ROUTE.listSubscriptions)).toHaveLength(1);
      expect(calls.every((c) => c.identity?.idtyp === 'user' && c.identity.upn === who)).toBe(true);
    }
    // Two users, two exchanges: alice's Partner Center token is reused from the cache after her first call.
    expect(oboRequests().length - before).toBe(2);
  });

  it('keeps idempotency keys per caller', async () => {
    const alice = await entra.mintUserToken({ oid: randomUUID(), upn: 'carol@partner.example' });
    const bob = await entra.mintUserToken({ oid: randomUUID(), upn: 'dave@partner.example' });
    const customer = await post(url, '{ customers(first: 1) { edges { node { customerId } } } }', alice);
    const customerId = (customer.body.data?.customers as { edges: { node: { customerId: string } }[] }).edges[0]?.node.customerId ?? '';
    const key = randomUUID();
    const checkout = (token: string) =>
      post(url, `mutation { checkoutCart(input: { customerId: "${customerId}", cartId: "${randomUUID()}", idempotencyKey: "${key}" }) { __typename } }`, token);
    const a = await checkout(alice);
    const b = await checkout(bob);
    // Both carts are unknown: each caller gets its own NotFoundError, not the other's "key reused".
    expect(a.body.data?.checkoutCart).toEqual({ __typename: 'NotFoundError' });
    expect(b.body.data?.checkoutCart).toEqual({ __typename: 'NotFoundError' });
  });

  it('turns a request for MFA into a typed error with the claims challenge, without a retry loop', async () => {
    const user = await entra.mintUserToken({ oid: randomUUID(), upn: 'mallory@partner.example', extraClaims: { fake_requires_mfa: true } });
    const before = oboRequests().length;
    sandbox.resetCounters();
    const r = await post(url, CATALOG, user);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'MFA_REQUIRED', claims: expect.stringContaining('capolids') });
    expect(oboRequests().length - before).toBe(1);
    expect(sandbox.totalRequests()).toBe(0);
    const consent = await entra.mintUserToken({ oid: randomUUID(), extraClaims: { fake_requires_consent: true } });
    const c = await post(url, CATALOG, consent);
    expect(c.body.errors?.[0]?.extensions?.code).toBe('CONSENT_REQUIRED');
  });
});

describe('logs', () => {
  it('hold no token and no secret', () => {
    const text = logs();
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(entra.clientSecret);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    expect(text).not.toMatch(/Bearer [A-Za-z0-9]/);
  });
});
