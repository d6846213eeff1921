// A fleet as a partner runs it: one Partner Center (the sandbox, its own process), one real
// redis-server, and N gateway processes started like `npm start` with REDIS_URL, all on loopback.
// Tests speak GraphQL to any replica and read the sandbox's admin endpoints to count upstream calls.
import { randomBytes } from 'node:crypto';
import { runEntry, type Proc } from './process.js';
import { startRedis, type RedisServer } from './redis-server.js';
import type { RecordedRequest } from '../../src/sandbox/index.js';

export interface Replica {
  url: string;
  proc: Proc;
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<FleetResponse>;
}

export interface FleetResponse {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface Fleet {
  sandboxUrl: string;
  redis: RedisServer;
  replicas: Replica[];
  /** The sandbox's request counts: all of them, and per route (ROUTE.*). */
  counters(): Promise<{ total: number; routes: Record<string, number> }>;
  requests(): Promise<RecordedRequest[]>;
  resetCounters(): Promise<void>;
  /** PUT/POST to a sandbox admin endpoint (faults, script, commerce, clock). */
  admin(path: string, method: 'PUT' | 'POST', body: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export interface FleetOptions {
  replicas?: number;
  /** Settings of every gateway (REDIS_URL, PARTNER_CENTER_BASE_URL and CURSOR_SIGNING_KEY are set). */
  gatewayEnv?: Record<string, string>;
  sandboxEnv?: Record<string, string>;
  /** An existing redis-server to use instead of starting one. */
  redis?: RedisServer;
}

async function stopProc(p: Proc): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const killer = setTimeout(() => p.child.kill('SIGKILL'), 5_000);
  await p.exit;
  clearTimeout(killer);
}

export function replicaAt(url: string, proc: Proc): Replica {
  return {
    url,
    proc,
    async gql(query, variables, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as Omit<FleetResponse, 'status'>) };
    },
  };
}

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const procs: Proc[] = [];
  const ownsRedis = options.redis === undefined;
  const redis = options.redis ?? (await startRedis());
  try {
    const sandbox = runEntry('src/sandbox/main.ts', { SANDBOX_PORT: '0', LOG_LEVEL: 'info', ...options.sandboxEnv });
    procs.push(sandbox);
    const sandboxUrl = String((await sandbox.waitForLog('url')).url);
    const signingKey = randomBytes(24).toString('base64url');
    const starting = Array.from({ length: options.replicas ?? 3 }, () => {
      const proc = runEntry('src/server.ts', {
        PORT: '0',
        LOG_LEVEL: 'info',
        PARTNER_CENTER_BASE_URL: sandboxUrl,
        REDIS_URL: redis.url,
        CURSOR_SIGNING_KEY: signingKey,
        UPSTREAM_RETRY_BASE_MS: '5',
        UPSTREAM_RETRY_MAX_DELAY_MS: '20',
        ...options.gatewayEnv,
      });
      procs.push(proc);
      return proc.waitForLog('url').then((log) => replicaAt(String(log.url).replace(/\/graphql$/, ''), proc));
    });
    const replicas = await Promise.all(starting);
    const admin = async (path: string, method: 'GET' | 'PUT' | 'POST' = 'GET', body?: unknown) => {
      const res = await fetch(`${sandboxUrl}${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
      const text = await res.text();
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    };
    return {
      sandboxUrl,
      redis,
      replicas,
      counters: async () => (await admin('/_sandbox/counters')) as { total: number; routes: Record<string, number> },
      requests: async () => (await admin('/_sandbox/requests')) as RecordedRequest[],
      resetCounters: async () => void (await admin('/_sandbox/reset', 'POST', {})),
      admin: (path, method, body) => admin(path, method, body),
      stop: async () => {
        await Promise.all(procs.map(stopProc));
        if (ownsRedis) await redis.stop();
      },
    };
  } catch (err) {
    await Promise.all(procs.map(stopProc));
    if (ownsRedis) await redis.stop();
    throw err;
  }
}
