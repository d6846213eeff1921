// The sandbox demanding tokens (SandboxOptions.auth), with the fake Entra ID issuing them: the JWKS
// is fetched over HTTPS trusting the fake's self-signed certificate through the `ca` option.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE, startSandbox } from '../../src/sandbox/index.js';
import type { InvoiceResource, RecordedRequest, Sandbox } from '../../src/sandbox/index.js';
import {
  FAKE_CLIENT_ID,
  FAKE_SERVICE_PRINCIPAL_OID,
  PARTNER_CENTER_APP_SCOPE,
  PARTNER_CENTER_USER_SCOPE,
  fakeEntraClient,
  startFakeEntra,
} from '../helpers/fake-entra.js';
import type { FakeEntra, FakeEntraClient } from '../helpers/fake-entra.js';
import { get } from './helpers.js';
import type { WireCollection, WireFault } from './helpers.js';

const OTHER_TENANT = '7e3a1c5b-9d2f-4e6a-8b0c-1d3e5f7a9b2c';
let fake: FakeEntra;
let sandbox: Sandbox;
let entra: FakeEntraClient;
let appToken: string;

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const last = (): RecordedRequest | undefined => sandbox.requests().at(-1);

beforeAll(async () => {
  fake = await startFakeEntra();
  entra = fakeEntraClient(fake);
  sandbox = await startSandbox({ auth: { jwksUri: fake.jwksUri(), ca: fake.caPem } });
  appToken = await entra.token({ grant_type: 'client_credentials', scope: PARTNER_CENTER_APP_SCOPE });
});
afterAll(async () => {
  await sandbox?.close();
  await entra?.close();
  await fake?.close();
});

describe('a sandbox with auth', () => {
  it('refuses a request without a token with 401 800001 and the OAuth challenge', async () => {
    const bare = await fetch(`${sandbox.url}/v1/customers?size=1`);
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as WireFault).code).toBe(800001);
    for (const headers of [{ Authorization: '' }, { Authorization: 'Basic dXNlcjpwYXNz' }]) {
      const res = await get<WireFault>(sandbox, '/customers?size=1', headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^OAuth realm=urn:cpsvc:cpid:[0-9a-f-]{36}$/);
      expect(res.body).toEqual({ code: 800001, description: 'Partner Token missing in request context', data: [], source: 'PartnerFD' });
      expect(res.headers.get('ms-requestid')).toBeTruthy();
      expect(last()).toMatchObject({ route: ROUTE.listCustomers, status: 401 });
      expect(last()?.identity).toBeUndefined();
    }
  });

  it.each([
    ['not a JWT', async () => 'test-token', 'the token is not a valid JWT'],
    ['signed by a key outside the JWKS', () => fake.mintAppToken({ signWith: 'unknown' }), "no key of the JWKS matches the token's kid"],
    ['expired', () => fake.mintAppToken({ expiresInSeconds: -600 }), 'the token has expired'],
    ['for another audience', () => fake.mintAppToken({ audience: 'api://another-app' }), "the token's audience api://another-app is not https://api.partnercenter.microsoft.com"],
    ['meant for the gateway itself', () => fake.mintUserToken(), `the token's audience api://${FAKE_CLIENT_ID} is not https://api.partnercenter.microsoft.com`],
    ['from a foreign issuer', () => fake.mintAppToken({ extraClaims: { iss: 'https://login.example.org/tenant/v2.0' } }), 'the issuer https://login.example.org/tenant/v2.0 is not trusted'],
  ])('refuses a token %s with 401 Access denied', async (_label, token, reason) => {
    const res = await get<WireFault>(sandbox, '/customers?size=1', bearer(await token()));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^OAuth realm=urn:cpsvc:cpid:/);
    expect(res.body).toEqual({ code: 400, description: 'Access denied', data: [reason], source: 'PartnerFD' });
  });

  it('refuses the retired Azure AD Graph audience with 900420', async () => {
    const res = await get<WireFault>(sandbox, '/customers?size=1', bearer(await fake.mintAppToken({ audience: 'https://graph.windows.net' })));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(900420);
  });

  it('serves a valid app-only token and records who called, never the token', async () => {
    const res = await get(sandbox, '/customers?size=1', bearer(appToken));
    expect(res.status).toBe(200);
    expect(last()).toMatchObject({ route: ROUTE.listCustomers, status: 200 });
    expect(last()?.identity).toEqual({ idtyp: 'app', oid: FAKE_SERVICE_PRINCIPAL_OID, tid: fake.tenantId, appid: fake.clientId });
    expect(last()?.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(sandbox.requests())).not.toContain(appToken);
  });

  it('refuses app-only tokens on App+User-only routes with 403 900329, and serves user tokens there', async () => {
    const invoices = await get<WireCollection<InvoiceResource>>(sandbox, '/invoices', bearer(appToken));
    const id = invoices.body.items[0]?.id ?? '';
    const forbidden = await get<WireFault>(sandbox, `/invoices/${id}`, bearer(appToken));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ code: 900329, description: "This resource doesn't support application-only authentication.", data: [], source: 'PartnerFD' });
    expect(forbidden.headers.get('www-authenticate')).toBeNull();
    expect(last()).toMatchObject({ route: ROUTE.getInvoice, status: 403, identity: { idtyp: 'app' } });
    for (const path of ['/customers/c/orders/o/provisioningstatus', '/customers/c/subscriptions/s/provisioningstatus']) {
      expect((await get(sandbox, path, bearer(appToken))).status).toBe(403);
    }

    const assertion = await fake.mintUserToken({ oid: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', upn: 'ann@fakepartner.onmicrosoft.com' });
    const userToken = await entra.token({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      assertion,
      scope: `${PARTNER_CENTER_USER_SCOPE} openid profile offline_access`,
    });
    const invoice = await get<InvoiceResource>(sandbox, `/invoices/${id}`, bearer(userToken));
    expect(invoice.status).toBe(200);
    expect(invoice.body.id).toBe(id);
    expect(last()?.identity).toEqual({
      idtyp: 'user',
      oid: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
      upn: 'ann@fakepartner.onmicrosoft.com',
      tid: fake.tenantId,
      appid: fake.clientId,
    });
  });

  it('picks up a rotated signing key at once, and still accepts tokens signed by the old one', async () => {
    const before = await fake.mintAppToken();
    expect((await get(sandbox, '/customers?size=1', bearer(before))).status).toBe(200);
    const fetches = fake.jwksRequests();
    await fake.rotateKeys();
    const after = await fake.mintAppToken();
    expect((await get(sandbox, '/customers?size=1', bearer(after))).status).toBe(200);
    expect(fake.jwksRequests()).toBe(fetches + 1);
    expect((await get(sandbox, '/customers?size=1', bearer(before))).status).toBe(200);
  });

  it('accepts any tenant of the authority by default', async () => {
    const res = await get(sandbox, '/customers?size=1', bearer(await fake.mintAppToken({ tenantId: OTHER_TENANT })));
    expect(res.status).toBe(200);
    expect(last()?.identity?.tid).toBe(OTHER_TENANT);
  });

  it('leaves the admin endpoints open and counts refused requests', async () => {
    sandbox.resetCounters();
    await get(sandbox, '/customers?size=1', { Authorization: '' });
    const counters = await fetch(`${sandbox.url}/_sandbox/counters`);
    expect(counters.status).toBe(200);
    expect(await counters.json()).toEqual({ total: 1, routes: { [ROUTE.listCustomers]: 1 } });
  });
});

describe('a sandbox with auth and a list of issuers', () => {
  it('accepts only those issuers', async () => {
    const strict = await startSandbox({ auth: { jwksUri: fake.jwksUri(), ca: fake.caPem, issuers: [fake.issuer()] } });
    try {
      expect((await get(strict, '/customers?size=1', bearer(appToken))).status).toBe(200);
      const other = await get<WireFault>(strict, '/customers?size=1', bearer(await fake.mintAppToken({ tenantId: OTHER_TENANT })));
      expect(other.status).toBe(401);
      expect(other.body.data).toEqual([`the issuer ${fake.issuer(OTHER_TENANT)} is not trusted`]);
    } finally {
      await strict.close();
    }
  });

  it('says why when the JWKS cannot be fetched', async () => {
    // No `ca`: the fake's self-signed certificate is not trusted.
    const untrusting = await startSandbox({ auth: { jwksUri: fake.jwksUri() } });
    try {
      const res = await get<WireFault>(untrusting, '/customers?size=1', bearer(appToken));
      expect(res.status).toBe(401);
      expect(res.body.data).toEqual(['the signing keys could not be fetched']);
    } finally {
      await untrusting.close();
    }
  });
});
