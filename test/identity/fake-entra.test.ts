// The fake Entra ID against the real libraries: @azure/msal-node 7 in a child process that trusts
// the fake's certificate through NODE_EXTRA_CA_CERTS (as the gateway process will), and jose's
// remote JWKS in-process, trusting it through an undici Agent passed as jose's customFetch.
import { createRemoteJWKSet, customFetch, decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_SERVICE_PRINCIPAL_OID,
  PARTNER_CENTER_APP_SCOPE,
  PARTNER_CENTER_RESOURCE,
  PARTNER_CENTER_USER_SCOPE,
  fakeEntraClient,
  makeClientCertificate,
  startFakeEntra,
} from '../helpers/fake-entra.js';
import type { ClientCertificate, FakeEntra, FakeEntraClient } from '../helpers/fake-entra.js';
import { msalPlan, runMsal } from '../helpers/fake-entra-msal.js';
import type { MsalOutcome } from '../helpers/fake-entra-msal.js';

const OTHER_TENANT = '2d7c9e4a-1b3f-4c5d-8e6f-7a8b9c0d1e2f';
let fake: FakeEntra;
let cert: ClientCertificate;
let client: FakeEntraClient;

beforeAll(async () => {
  cert = await makeClientCertificate();
  fake = await startFakeEntra({ clientCertificatePem: cert.certPem });
  client = fakeEntraClient(fake);
});
afterAll(async () => {
  await client?.close();
  await fake?.close();
});

function ok(outcome: MsalOutcome | undefined): Extract<MsalOutcome, { ok: true }> {
  if (!outcome?.ok) throw new Error(`expected a token, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const secret = () => ({ kind: 'secret' as const, secret: fake.clientSecret });
const appToken = { kind: 'clientCredential' as const, scopes: [PARTNER_CENTER_APP_SCOPE] };

describe('msal-node: client credentials', () => {
  it('gets an app-only Partner Center token with the client secret, then serves it from its cache', async () => {
    fake.resetTokenRequests();
    const mark = fake.httpRequests().length;
    const [first, second] = await runMsal(fake.caPath, msalPlan(fake, secret(), [appToken, appToken]));
    expect(ok(first).fromCache).toBe(false);
    expect(ok(second).fromCache).toBe(true);
    expect(fake.tokenRequests()).toEqual([
      { grantType: 'client_credentials', clientId: fake.clientId, scope: PARTNER_CENTER_APP_SCOPE, tenantId: fake.tenantId, clientAuth: 'secret', status: 200 },
    ]);
    // knownAuthorities: msal reads the tenant's discovery document and nothing else before the token.
    expect(fake.httpRequests().slice(mark)).toEqual([
      { method: 'GET', path: `/${fake.tenantId}/v2.0/.well-known/openid-configuration` },
      { method: 'POST', path: `/${fake.tenantId}/oauth2/v2.0/token` },
    ]);
    const claims = { aud: PARTNER_CENTER_RESOURCE, iss: fake.issuer(), tid: fake.tenantId, appid: fake.clientId, azp: fake.clientId, ver: '2.0' };
    expect(decodeJwt(ok(first).accessToken)).toMatchObject({ ...claims, idtyp: 'app', oid: FAKE_SERVICE_PRINCIPAL_OID });
  });

  it('authenticates with the client certificate: SHA-256 thumbprint (PS256) and SHA-1 thumbprint (RS256)', async () => {
    fake.resetTokenRequests();
    const sha256 = { kind: 'certificate' as const, thumbprintSha256: cert.thumbprintSha256, privateKey: cert.keyPem, x5c: cert.certPem };
    const sha1 = { kind: 'certificate' as const, thumbprint: cert.thumbprint, privateKey: cert.keyPem };
    const [a] = await runMsal(fake.caPath, msalPlan(fake, sha256, [appToken]));
    const [b] = await runMsal(fake.caPath, msalPlan(fake, sha1, [appToken]));
    expect(decodeJwt(ok(a).accessToken)).toMatchObject({ appidacr: '2', idtyp: 'app' });
    ok(b);
    expect(fake.tokenRequests().map((r) => `${r.clientAuth} ${r.status}`)).toEqual(['certificate 200', 'certificate 200']);
  });

  it('refuses a wrong secret and an unregistered certificate as invalid_client', async () => {
    const stranger = await makeClientCertificate('stranger');
    const [bad] = await runMsal(fake.caPath, msalPlan(fake, { kind: 'secret', secret: 'not-the-secret' }, [appToken]));
    const strangers = { kind: 'certificate' as const, thumbprintSha256: stranger.thumbprintSha256, privateKey: stranger.keyPem };
    const [unknown] = await runMsal(fake.caPath, msalPlan(fake, strangers, [appToken]));
    expect(bad).toMatchObject({ ok: false, errorCode: 'invalid_client', errorNo: '7000215' });
    expect(unknown).toMatchObject({ ok: false, errorCode: 'invalid_client', errorNo: '700027' });
  });

  it('asks again for every call while the token has 5 minutes or less to live (msal renews that early)', async () => {
    fake.resetTokenRequests();
    fake.setAppTokenLifetime(240);
    try {
      const outcomes = await runMsal(fake.caPath, msalPlan(fake, secret(), [appToken, appToken]));
      expect(outcomes.map((o) => ok(o).fromCache)).toEqual([false, false]);
      expect(fake.tokenRequests()).toHaveLength(2);
      expect(decodeJwt(ok(outcomes[0]).accessToken).exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 240);
    } finally {
      fake.setAppTokenLifetime(3599);
    }
  });

  it('serves another tenant under its own issuer', async () => {
    const [other] = await runMsal(fake.caPath, msalPlan(fake, secret(), [appToken], OTHER_TENANT));
    expect(decodeJwt(ok(other).accessToken)).toMatchObject({ tid: OTHER_TENANT, iss: fake.issuer(OTHER_TENANT) });
  });
});

describe('msal-node: on behalf of a user', () => {
  const obo = (oboAssertion: string) => ({ kind: 'obo' as const, oboAssertion, scopes: [PARTNER_CENTER_USER_SCOPE] });

  it("exchanges a user's token for a user-delegated Partner Center token, cached per user token", async () => {
    fake.resetTokenRequests();
    const alice = await fake.mintUserToken({ oid: '11111111-2222-4333-8444-555555555555', upn: 'alice@fakepartner.onmicrosoft.com' });
    const bob = await fake.mintUserToken({ oid: '66666666-7777-4888-8999-000000000000', upn: 'bob@fakepartner.onmicrosoft.com', extraClaims: { amr: ['pwd'] } });
    const [a1, b1, a2] = await runMsal(fake.caPath, msalPlan(fake, secret(), [obo(alice), obo(bob), obo(alice)]));
    const alices = { oid: '11111111-2222-4333-8444-555555555555', upn: 'alice@fakepartner.onmicrosoft.com', tid: fake.tenantId, amr: ['pwd', 'mfa'] };
    expect(decodeJwt(ok(a1).accessToken)).toMatchObject({ aud: PARTNER_CENTER_RESOURCE, iss: fake.issuer(), idtyp: 'user', scp: 'user_impersonation', ...alices });
    expect(decodeJwt(ok(b1).accessToken)).toMatchObject({ upn: 'bob@fakepartner.onmicrosoft.com', amr: ['pwd'] });
    expect(ok(a2).fromCache).toBe(true);
    expect(ok(a2).accessToken).toBe(ok(a1).accessToken);
    // msal adds the OpenID scopes; the fake records whose token each exchange was for.
    const scope = `${PARTNER_CENTER_USER_SCOPE} openid profile offline_access`;
    expect(fake.tokenRequests().map((r) => [r.grantType, r.subject, r.scope])).toEqual([
      ['urn:ietf:params:oauth:grant-type:jwt-bearer', '11111111-2222-4333-8444-555555555555', scope],
      ['urn:ietf:params:oauth:grant-type:jwt-bearer', '66666666-7777-4888-8999-000000000000', scope],
    ]);
  });

  it('raises InteractionRequiredAuthError for MFA (with the claims challenge) and for consent', async () => {
    const mfa = await fake.mintUserToken({ extraClaims: { fake_requires_mfa: true } });
    const consent = await fake.mintUserToken({ extraClaims: { fake_requires_consent: true } });
    const [m, c] = await runMsal(fake.caPath, msalPlan(fake, secret(), [obo(mfa), obo(consent)]));
    expect(m).toMatchObject({ ok: false, name: 'InteractionRequiredAuthError', errorCode: 'invalid_grant', subError: 'basic_action', errorNo: '50076' });
    expect(m?.ok === false && JSON.parse(m.claims ?? '{}')).toEqual({ access_token: { capolids: { essential: true, values: ['00000000-0000-0000-0000-000000000000'] } } });
    expect(c).toMatchObject({ ok: false, name: 'InteractionRequiredAuthError', errorCode: 'invalid_grant', subError: 'consent_required', errorNo: '65001' });
  });

  it('refuses expired, foreign-audience and unknown-key user tokens as invalid_grant', async () => {
    const options = [{ expiresInSeconds: -600 }, { audience: 'api://someone-else' }, { signWith: 'unknown' as const }];
    const tokens = await Promise.all(options.map((o) => fake.mintUserToken(o)));
    const outcomes = await runMsal(fake.caPath, msalPlan(fake, secret(), tokens.map(obo)));
    const refusals = outcomes.map((o) => (o.ok ? 'ok' : `${o.name} ${o.errorCode} ${o.errorNo ?? ''}`));
    expect(refusals).toEqual(['ServerError invalid_grant 500133', 'ServerError invalid_grant 500131', 'ServerError invalid_grant 50013']);
  });
});

describe('jose: validating user tokens against the discovery document', () => {
  async function validator() {
    const discovery = (await client.get(`/${fake.tenantId}/v2.0/.well-known/openid-configuration`)).body;
    const jwks = createRemoteJWKSet(new URL(String(discovery.jwks_uri)), { cooldownDuration: 0, [customFetch]: client.jwksFetch });
    return (token: string) => jwtVerify(token, jwks, { issuer: String(discovery.issuer), audience: fake.apiAudience, algorithms: ['RS256'] });
  }

  it('publishes the OpenID metadata msal and validators read', async () => {
    const { status, body } = await client.get(`/${fake.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(status).toBe(200);
    const t = fake.authority();
    expect(body).toMatchObject({ issuer: `${t}/v2.0`, token_endpoint: `${t}/oauth2/v2.0/token`, jwks_uri: `${t}/discovery/v2.0/keys` });
    expect(body).toMatchObject({ authorization_endpoint: `${t}/oauth2/v2.0/authorize`, end_session_endpoint: `${t}/oauth2/v2.0/logout` });
    expect(body.id_token_signing_alg_values_supported).toEqual(['RS256']);
    const instance = await client.get(`/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${fake.authority()}/oauth2/v2.0/authorize`)}`);
    expect(instance.body).toMatchObject({ tenant_discovery_endpoint: `${fake.authority()}/v2.0/.well-known/openid-configuration`, metadata: [{ preferred_network: fake.host }] });
  });

  it('accepts a minted user token and refuses expired and unknown-key ones', async () => {
    const verify = await validator();
    const { payload } = await verify(await fake.mintUserToken());
    expect(payload).toMatchObject({ scp: 'access_as_user', amr: ['pwd', 'mfa'], tid: fake.tenantId, ver: '2.0' });
    await expect(verify(await fake.mintUserToken({ expiresInSeconds: -60 }))).rejects.toBeInstanceOf(joseErrors.JWTExpired);
    await expect(verify(await fake.mintUserToken({ signWith: 'unknown' }))).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey);
  });

  it('picks up a rotated key by refetching the JWKS, and loses the old one once dropped', async () => {
    const verify = await validator();
    const before = await fake.mintUserToken();
    await verify(before);
    const kid = await fake.rotateKeys();
    const after = await fake.mintUserToken();
    const fetches = fake.jwksRequests();
    await verify(after);
    expect(fake.jwksRequests()).toBe(fetches + 1);
    await verify(before);
    fake.dropOldKeys();
    expect(fake.currentKid).toBe(kid);
    await expect((await validator())(before)).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey);
  });
});

describe('token endpoint on the wire', () => {
  const appOnly = (scope: string) => client.requestToken({ grant_type: 'client_credentials', scope });

  it('answers Entra-shaped success and error bodies', async () => {
    expect(await appOnly(PARTNER_CENTER_APP_SCOPE)).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 } });
    const wrongScope = await appOnly('https://graph.microsoft.com/.default');
    expect(wrongScope).toMatchObject({ status: 400, body: { error: 'invalid_scope', error_codes: [70011] } });
    expect(String(wrongScope.body.error_description)).toMatch(/^AADSTS70011: /);
    expect(await appOnly(PARTNER_CENTER_USER_SCOPE)).toMatchObject({ status: 400, body: { error: 'invalid_scope', error_codes: [1002012] } });
  });

  it('fails every token request during an outage', async () => {
    fake.failTokenRequests(503);
    const down = await appOnly(PARTNER_CENTER_APP_SCOPE).finally(() => fake.restoreTokenRequests());
    expect(down).toMatchObject({ status: 503, body: { error: 'temporarily_unavailable' } });
  });
});
