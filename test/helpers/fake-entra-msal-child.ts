// Child-process side of runMsal (fake-entra-msal.ts): one unpatched msal-node
// ConfidentialClientApplication, configured from the plan in argv[2], runs the plan's steps in
// order and prints their outcomes as one JSON line. It trusts the fake's certificate only through
// NODE_EXTRA_CA_CERTS, as the gateway process does.
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { AuthenticationResult, Configuration } from '@azure/msal-node';
import type { MsalOutcome, MsalPlan, MsalStep } from './fake-entra-msal.js';

const plan = JSON.parse(process.argv[2] ?? '{}') as MsalPlan;
const credential =
  plan.credential.kind === 'secret'
    ? { clientSecret: plan.credential.secret }
    : {
        clientCertificate: {
          ...(plan.credential.thumbprintSha256 ? { thumbprintSha256: plan.credential.thumbprintSha256 } : {}),
          ...(plan.credential.thumbprint ? { thumbprint: plan.credential.thumbprint } : {}),
          privateKey: plan.credential.privateKey,
          ...(plan.credential.x5c ? { x5c: plan.credential.x5c } : {}),
        },
      };
const config: Configuration = {
  auth: { clientId: plan.clientId, authority: plan.authority, knownAuthorities: plan.knownAuthorities, ...credential },
};
const app = new ConfidentialClientApplication(config);

function describe(result: AuthenticationResult | null): MsalOutcome {
  if (!result) return { ok: false, name: 'NullResult', errorCode: '', subError: '', message: 'msal returned null' };
  return {
    ok: true,
    accessToken: result.accessToken,
    expiresOn: result.expiresOn ? result.expiresOn.toISOString() : null,
    fromCache: result.fromCache,
    tenantId: result.tenantId,
    username: result.account?.username ?? null,
  };
}

function failure(error: unknown): MsalOutcome {
  const e = error as { name?: string; errorCode?: string; subError?: string; errorNo?: string; claims?: string; message?: string };
  return {
    ok: false,
    name: e.name ?? 'Error',
    errorCode: e.errorCode ?? '',
    subError: e.subError ?? '',
    ...(e.errorNo === undefined ? {} : { errorNo: String(e.errorNo) }),
    ...(e.claims ? { claims: e.claims } : {}),
    message: e.message ?? String(error),
  };
}

async function run(step: MsalStep): Promise<MsalOutcome | undefined> {
  if (step.kind === 'sleep') {
    await sleep(step.ms);
    return undefined;
  }
  try {
    if (step.kind === 'clientCredential') {
      return describe(await app.acquireTokenByClientCredential({ scopes: step.scopes, ...(step.skipCache ? { skipCache: true } : {}) }));
    }
    return describe(await app.acquireTokenOnBehalfOf({ oboAssertion: step.oboAssertion, scopes: step.scopes }));
  } catch (error) {
    return failure(error);
  }
}

const outcomes: MsalOutcome[] = [];
for (const step of plan.steps) {
  const outcome = await run(step);
  if (outcome) outcomes.push(outcome);
}
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
