// Starts the sandbox from its settings (src/sandbox/settings.ts): the one place that turns them
// into SandboxOptions, shared by `npm run sandbox` and the gateway's embedded sandbox.
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { startSandbox } from './server.js';
import type { SandboxSettings } from './settings.js';
import type { Sandbox, SandboxOptions } from './types.js';

export function sandboxOptionsFrom(settings: SandboxSettings, logger: Logger): SandboxOptions {
  const { host, port, seed, faults, commerce, auth } = settings;
  return {
    host,
    port,
    seed,
    faults,
    commerce,
    logger,
    // Read at start-up, so a missing CA file fails the start instead of the first token check.
    ...(auth ? { auth: { jwksUri: auth.jwksUri, ...(auth.caPath ? { ca: readFileSync(auth.caPath, 'utf8') } : {}) } } : {}),
  };
}

export function startConfiguredSandbox(settings: SandboxSettings, logger: Logger): Promise<Sandbox> {
  return startSandbox(sandboxOptionsFrom(settings, logger));
}
