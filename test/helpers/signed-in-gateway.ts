// A gateway process started like `npm start` with the partner's Azure credentials pointing at the fake
// Entra ID (its certificate trusted through NODE_EXTRA_CA_CERTS) and an upstream that may demand tokens.
import type { FakeEntra } from './fake-entra.js';
import { runEntry, type Proc } from './process.js';

export interface SignedInGateway {
  proc: Proc;
  /** The server's root, without /graphql. */
  base: string;
}

export async function startSignedInGateway(entra: FakeEntra, upstreamUrl: string, env: Record<string, string> = {}): Promise<SignedInGateway> {
  const proc = runEntry('src/server.ts', {
    PORT: '0',
    LOG_LEVEL: 'debug',
    NODE_EXTRA_CA_CERTS: entra.caPath,
    AZURE_TENANT_ID: entra.tenantId,
    AZURE_CLIENT_ID: entra.clientId,
    AZURE_CLIENT_SECRET: entra.clientSecret,
    AZURE_AUTHORITY_HOST: entra.url,
    PARTNER_CENTER_BASE_URL: upstreamUrl,
    ...env,
  });
  try {
    return { proc, base: String((await proc.waitForLog('url')).url).replace(/\/graphql$/, '') };
  } catch (err) {
    proc.child.kill('SIGKILL');
    throw err;
  }
}
