// Runs @azure/msal-node against the fake Entra ID in a child process that trusts the fake's
// self-signed certificate through NODE_EXTRA_CA_CERTS, the way the gateway process will. (msal-node
// 7 sends its requests with the global fetch, so https.globalAgent options do not reach it.)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeEntra } from './fake-entra.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./fake-entra-msal-child.ts', import.meta.url));

export type MsalCredential =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; thumbprintSha256?: string; thumbprint?: string; privateKey: string; x5c?: string };

export type MsalStep =
  | { kind: 'clientCredential'; scopes: string[]; skipCache?: boolean }
  | { kind: 'obo'; oboAssertion: string; scopes: string[] }
  | { kind: 'sleep'; ms: number };

export interface MsalPlan {
  authority: string;
  knownAuthorities: string[];
  clientId: string;
  credential: MsalCredential;
  steps: MsalStep[];
}

export type MsalOutcome =
  | { ok: true; accessToken: string; expiresOn: string | null; fromCache: boolean; tenantId: string; username: string | null }
  | { ok: false; name: string; errorCode: string; subError: string; errorNo?: string; claims?: string; message: string };

/** The plan for `fake`'s partner tenant (or `tenantId`), with knownAuthorities set to its host. */
export function msalPlan(fake: FakeEntra, credential: MsalCredential, steps: MsalStep[], tenantId = fake.tenantId): MsalPlan {
  return { authority: fake.authority(tenantId), knownAuthorities: [fake.host], clientId: fake.clientId, credential, steps };
}

/** Runs the plan's steps with one ConfidentialClientApplication; one outcome per non-sleep step. */
export function runMsal(caPath: string, plan: MsalPlan): Promise<MsalOutcome[]> {
  const env: Record<string, string> = { NODE_EXTRA_CA_CERTS: caPath };
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[k]) env[k] = process.env[k] as string;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(plan)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('[')) return reject(new Error(`msal child exited ${String(code)}: ${out}${err}`));
      resolve(JSON.parse(line) as MsalOutcome[]);
    });
  });
}
