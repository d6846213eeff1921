// The Partner Center sandbox as its own process, with a fixed latency on every API answer. Its
// admin endpoints (never delayed, never counted) give the exact upstream calls of each round.
import { z } from 'zod';
import { launch, waitForLogField, type Launched } from './processes.js';

export interface SandboxProcess {
  readonly url: string;
  readonly proc: Launched;
  counters(): Promise<Counters>;
  reset(): Promise<void>;
  /** A GET of the sandbox's API (counted like any call: reset afterwards). */
  get<T>(path: string, schema: z.ZodType<T>): Promise<T>;
}

const countersSchema = z.object({ total: z.number(), routes: z.record(z.string(), z.number()) });
export type Counters = z.infer<typeof countersSchema>;

export async function startSandboxProcess(latencyMs: number): Promise<SandboxProcess> {
  const proc = launch({
    label: 'sandbox',
    command: process.execPath,
    args: ['--import', 'tsx', 'src/sandbox/main.ts'],
    // info: its one start-up line carries the URL; it logs nothing per request.
    env: { SANDBOX_PORT: '0', SANDBOX_LATENCY_MS: String(latencyMs), LOG_LEVEL: 'info' },
  });
  const url = z.string().parse(await waitForLogField(proc, 'url'));
  const admin = async (path: string, method = 'GET'): Promise<unknown> => {
    const res = await fetch(`${url}${path}`, { method });
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status}`);
    return res.status === 204 ? undefined : res.json();
  };
  return {
    url,
    proc,
    counters: async () => countersSchema.parse(await admin('/_sandbox/counters')),
    reset: async () => void (await admin('/_sandbox/reset', 'POST')),
    get: async (path, schema) => schema.parse(await admin(path)),
  };
}
