// A fake Microsoft Entra ID (v2.0 endpoints) for tests: an HTTPS server on 127.0.0.1 with a
// certificate made at start, serving what @azure/msal-node and JWT validators use — OpenID
// discovery, the JWKS, and a token endpoint for client credentials and on-behalf-of — plus
// helpers to mint the user tokens a frontend would hold. Clients must trust `caPem` (in-process)
// or `caPath` (NODE_EXTRA_CA_CERTS in a child process).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeServerCertificate } from './fake-entra-cert.js';
import { FAKE_CLIENT_ID, FAKE_PARTNER_TENANT_ID, FAKE_USER_OID, FAKE_USER_UPN, appTokenClaims, userTokenClaims } from './fake-entra-claims.js';
import { registerCertificate } from './fake-entra-client.js';
import { KeyRing } from './fake-entra-keys.js';
import { endpointsAt, route } from './fake-entra-routes.js';
import type { TokenRequestRecord, TokenSettings } from './fake-entra-token.js';
import type { FakeEntra, FakeEntraOptions } from './fake-entra-types.js';

export { makeClientCertificate } from './fake-entra-cert.js';
export type { ClientCertificate } from './fake-entra-cert.js';
export * from './fake-entra-claims.js';
export { fakeEntraClient } from './fake-entra-fetch.js';
export type { FakeEntraClient, JsonReply } from './fake-entra-fetch.js';
export type { TokenRequestRecord } from './fake-entra-token.js';
export type { FakeEntra, FakeEntraOptions, MintAppTokenOptions, MintUserTokenOptions } from './fake-entra-types.js';

export async function startFakeEntra(options: FakeEntraOptions = {}): Promise<FakeEntra> {
  const tenantId = options.tenantId ?? FAKE_PARTNER_TENANT_ID;
  const clientId = options.clientId ?? FAKE_CLIENT_ID;
  const clientSecret = options.clientSecret === false ? undefined : (options.clientSecret ?? `fake~${randomBytes(18).toString('base64url')}`);
  const apiAudience = options.apiAudience ?? `api://${clientId}`;
  const [cert, keys] = await Promise.all([makeServerCertificate(), KeyRing.create()]);
  const dir = await mkdtemp(join(tmpdir(), 'fake-entra-'));
  const caPath = join(dir, 'ca.pem');
  await writeFile(caPath, cert.certPem);

  const settings: TokenSettings = {
    appTokenLifetimeSeconds: options.appTokenLifetimeSeconds ?? 3599,
    oboTokenLifetimeSeconds: options.oboTokenLifetimeSeconds ?? 3599,
    outageStatus: undefined,
  };
  let requests: TokenRequestRecord[] = [];
  const http: { method: string; path: string }[] = [];

  const sockets = new Set<Socket>();
  const server = createServer({ key: cert.keyPem, cert: cert.certPem });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}`;
  const endpoints = endpointsAt(url);
  const ownIssuer = new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^/]+/v2\\.0$`);
  const registration = {
    clientId,
    clientSecret,
    certificate: options.clientCertificatePem ? registerCertificate(options.clientCertificatePem) : undefined,
  };
  const deps = {
    endpoints,
    keys,
    seen: (method: string, path: string) => void http.push({ method, path }),
    token: {
      keys,
      registration,
      apiAudiences: [apiAudience, clientId],
      settings,
      issuer: endpoints.issuer,
      tokenEndpoint: endpoints.tokenEndpoint,
      isOwnIssuer: (iss: string) => ownIssuer.test(iss),
      record: (entry: TokenRequestRecord) => void requests.push(entry),
    },
  };
  server.on('request', (req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'server_error', error_description: String(error) }));
      else res.destroy();
    });
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    host: `127.0.0.1:${port}`,
    caPem: cert.certPem,
    caPath,
    tenantId,
    clientId,
    clientSecret: clientSecret ?? '',
    apiAudience,
    authority: (t = tenantId) => `${url}/${t}`,
    issuer: (t = tenantId) => endpoints.issuer(t),
    jwksUri: (t = tenantId) => endpoints.jwksUri(t),
    tokenEndpoint: (t = tenantId) => endpoints.tokenEndpoint(t),
    tokenRequests: () => requests.map((r) => ({ ...r })),
    resetTokenRequests: () => void (requests = []),
    httpRequests: () => http.map((r) => ({ ...r })),
    jwksRequests: () => http.filter((r) => /\/discovery\/(v2\.0\/)?keys$/i.test(r.path)).length,
    setAppTokenLifetime: (seconds) => void (settings.appTokenLifetimeSeconds = seconds),
    setOboTokenLifetime: (seconds) => void (settings.oboTokenLifetimeSeconds = seconds),
    failTokenRequests: (status = 503) => void (settings.outageStatus = status),
    restoreTokenRequests: () => void (settings.outageStatus = undefined),
    rotateKeys: () => keys.rotate(),
    dropOldKeys: () => keys.dropOld(),
    get currentKid() {
      return keys.currentKid;
    },
    mintUserToken(o = {}) {
      const tid = o.tenantId ?? tenantId;
      const claims = userTokenClaims({
        issuer: o.issuer ?? endpoints.issuer(tid),
        audience: o.audience ?? apiAudience,
        tenantId: tid,
        oid: o.oid ?? FAKE_USER_OID,
        upn: o.upn ?? FAKE_USER_UPN,
        lifetimeSeconds: o.expiresInSeconds ?? 3600,
        ...(o.extraClaims ? { extraClaims: o.extraClaims } : {}),
      });
      return keys.sign(claims, o.signWith);
    },
    mintAppToken(o = {}) {
      const tid = o.tenantId ?? tenantId;
      const base = appTokenClaims({ issuer: endpoints.issuer(tid), tenantId: tid, clientId, clientAuth: 'secret', lifetimeSeconds: o.expiresInSeconds ?? 3599, ...(o.audience ? { audience: o.audience } : {}) });
      return keys.sign({ ...base, ...o.extraClaims }, o.signWith);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }).then(() => rm(dir, { recursive: true, force: true }));
      return closing;
    },
  };
}
