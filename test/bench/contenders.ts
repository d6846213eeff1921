// The contenders: each is a server in its own process over the same sandbox, described here by
// how to start it and which scenarios it can answer. Adding one (say the gateway with metrics and
// tracing on, and off) is two more entries: `gatewayContender('gateway-observed', '…', { env: { … } })`.
import type { ProcessSpec } from './processes.js';

export type Scenario = 'warm-browse' | 'cold-browse' | 'cold-item' | 'cold-subscriptions';

export interface LaunchContext {
  readonly sandboxUrl: string;
  readonly port: number;
  /** The compiled src/server.ts (build.ts), for contenders that need it. */
  readonly builtServer?: string;
  /** Settings for every contender of the run (e.g. --node-env); a contender's own win. */
  readonly env: Readonly<Record<string, string>>;
}

export interface Contender {
  readonly id: string;
  readonly label: string;
  /** The ceiling: what every other contender's throughput is divided by. */
  readonly ceiling?: boolean;
  readonly scenarios: ReadonlySet<Scenario>;
  /** It runs the compiled server, so the run builds first. */
  readonly needsBuild?: boolean;
  /** How to start it so that it listens on 127.0.0.1:port over the sandbox. */
  process(ctx: LaunchContext): ProcessSpec;
}

const ALL: ReadonlySet<Scenario> = new Set(['warm-browse', 'cold-browse', 'cold-item', 'cold-subscriptions']);

/** Run like the process tests run it: tsx as a loader in the one process, so the pid's RSS is the gateway's. */
function tsxEntry(entry: string): Pick<ProcessSpec, 'command' | 'args'> {
  return { command: process.execPath, args: ['--import', 'tsx', entry] };
}

function builtEntry(ctx: LaunchContext): Pick<ProcessSpec, 'command' | 'args'> {
  if (!ctx.builtServer) throw new Error('no compiled server: the build failed');
  return { command: process.execPath, args: [ctx.builtServer] };
}

export interface GatewayOptions {
  /** Settings added to (or overriding) the bench's. */
  readonly env?: Readonly<Record<string, string>>;
  /** Run dist/server.js (compiled) instead of src/server.ts under tsx. */
  readonly built?: boolean;
  readonly scenarios?: ReadonlySet<Scenario>;
}

/** This gateway in open mode over the sandbox. */
export function gatewayContender(id: string, label: string, options: GatewayOptions = {}): Contender {
  return {
    id,
    label,
    scenarios: options.scenarios ?? ALL,
    ...(options.built ? { needsBuild: true } : {}),
    process: (ctx) => ({
      label: id,
      ...(options.built ? builtEntry(ctx) : tsxEntry('src/server.ts')),
      env: {
        ...ctx.env,
        PARTNER_CENTER_BASE_URL: ctx.sandboxUrl,
        PORT: String(ctx.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // Only so a stop does not wait the default 10 s for idle keep-alive clients; never hit while measured.
        SHUTDOWN_GRACE_MS: '1000',
        ...options.env,
      },
    }),
  };
}

function benchServer(id: string, label: string, entry: string, scenarios: ReadonlySet<Scenario>, ceiling = false): Contender {
  return {
    id,
    label,
    scenarios,
    ...(ceiling ? { ceiling: true } : {}),
    process: (ctx) => ({ label: id, ...tsxEntry(entry), env: { ...ctx.env, PARTNER_CENTER_BASE_URL: ctx.sandboxUrl, PORT: String(ctx.port) } }),
  };
}

const WARM_ONLY: ReadonlySet<Scenario> = new Set(['warm-browse']);

export const CONTENDERS: readonly Contender[] = [
  gatewayContender('gateway', 'this gateway'),
  // Round-trips and calls do not depend on NODE_ENV or on tsx; processing does, so these two run
  // the warm scenarios only.
  gatewayContender('gateway-prod', 'this gateway, NODE_ENV=production', { env: { NODE_ENV: 'production' }, scenarios: WARM_ONLY }),
  gatewayContender('gateway-dist', 'this gateway, built, NODE_ENV=production', { env: { NODE_ENV: 'production' }, built: true, scenarios: WARM_ONLY }),
  benchServer('ceiling', 'bare yoga, in-memory data (ceiling)', 'test/bench/servers/ceiling.ts', WARM_ONLY, true),
  benchServer('naive', 'naive yoga, a fetch per field', 'test/bench/servers/naive.ts', ALL),
];

/** What `npm run bench` runs without --contenders: the three, and NODE_ENV's effect. */
export const DEFAULT_CONTENDERS: readonly string[] = ['gateway', 'gateway-prod', 'ceiling', 'naive'];

export function contendersById(ids: readonly string[]): Contender[] {
  return ids.map((id) => {
    const found = CONTENDERS.find((c) => c.id === id);
    if (!found) throw new Error(`unknown contender ${id}; known: ${CONTENDERS.map((c) => c.id).join(', ')}`);
    return found;
  });
}
