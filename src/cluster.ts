// One gateway process per core (GATEWAY_WORKERS): node:cluster workers share the listening port,
// and the primary hands connections out to them in turn. The primary serves nothing itself. In
// sandbox mode it runs the embedded sandbox once, for every worker. It gives every worker the same
// cursor signing key (CURSOR_SIGNING_KEY, or one it draws), so a cursor issued by one worker
// verifies on another. It replaces a worker that dies, and on SIGTERM/SIGINT it stops them all,
// each draining as a single gateway does, before it exits; a worker whose primary is gone stops too.
//
// State is shared through REDIS_URL, as between replicas. Without it the gateway still runs (the
// differences are how soon, not what, Partner Center is told: checkouts stay exactly-once through
// the MS-RequestId derived from the idempotency key), and the primary says at start what each
// worker keeps to itself. The upstream budget is then divided among the workers, so that together
// they keep to the configured rate.
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { SandboxSettings } from './sandbox/index.js';

/** What the primary tells a worker before it starts (the worker asks for it when it can listen). */
interface WorkerSetup {
  type: 'setup';
  /** The primary's sandbox, in sandbox mode. */
  upstreamUrl?: string;
  cursorSigningKey: string;
  budget: Config['budget'];
}

const isMessage = (m: unknown, type: string): m is Record<string, unknown> => typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;
const isSetup = (m: unknown): m is WorkerSetup => isMessage(m, 'setup') && typeof m.cursorSigningKey === 'string';

/** Said once at start when workers run without REDIS_URL: what each of them keeps to itself. */
export const NOT_SHARED_WITHOUT_REDIS = [
  'catalog cache: each worker reads and caches the catalog itself (up to one cold load per worker)',
  'checkout idempotency outcomes: a repeat that reaches another worker calls Partner Center again, under the same MS-RequestId',
  'recent orders: an order placed through one worker shows in the others only once Partner Center lists it (up to 15 min)',
  'upstream budget: each worker has its share of UPSTREAM_BUDGET_*; a 429 pauses only the worker that got it',
  'order-status pollers: each worker polls for its own watchers',
  'metrics: /metrics answers for the worker that takes the scrape',
];

/** Each worker's part of a budget, so that together they keep to it (0, no budget, stays 0). */
function shareOf(budget: Config['budget'], workers: number): Config['budget'] {
  const share = (perMinute: number) => (perMinute === 0 ? 0 : Math.max(1, Math.floor(perMinute / workers)));
  return { partnerPerMinute: share(budget.partnerPerMinute), customerPerMinute: share(budget.customerPerMinute) };
}

export interface PrimaryHooks {
  /** Logs the line a single gateway logs when it listens, with the number of workers. */
  listening(url: string, upstreamUrl: string | undefined): void;
}

export async function runPrimary(config: Config, logger: Logger, sandboxSettings: SandboxSettings | undefined, hooks: PrimaryHooks): Promise<void> {
  let sandbox: { url: string; close(): Promise<void> } | undefined;
  if (config.mode === 'sandbox') {
    const simulator = await import('./sandbox/index.js');
    sandbox = await simulator.startConfiguredSandbox(sandboxSettings ?? simulator.defaultSandboxSettings(), logger.child({ component: 'sandbox' }));
  }
  const setup: WorkerSetup = {
    type: 'setup',
    ...(sandbox ? { upstreamUrl: sandbox.url } : {}),
    cursorSigningKey: config.http.cursorSigningKey ?? randomBytes(32).toString('base64url'),
    budget: config.redis ? config.budget : shareOf(config.budget, config.workers),
  };
  if (!config.redis) logger.warn({ workers: config.workers, notShared: NOT_SHARED_WITHOUT_REDIS }, 'workers run without REDIS_URL: each keeps this state to itself; set REDIS_URL to share it');

  const workers = new Set<Worker>();
  let ready = 0;
  let serving = false;
  let stopping: Promise<never> | undefined;

  const stop = (code: number): Promise<never> =>
    (stopping ??= (async () => {
      const exited = [...workers].map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
      for (const w of workers) w.process.kill('SIGTERM');
      // A worker that does not finish its graceful stop in time is killed.
      const late = setTimeout(() => workers.forEach((w) => w.process.kill('SIGKILL')), config.shutdownGraceMs + 5_000);
      await Promise.all(exited);
      clearTimeout(late);
      await sandbox?.close();
      process.exit(code);
    })());

  const fork = (): void => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.on('message', (m: unknown) => {
      if (isMessage(m, 'hello')) worker.send(setup);
      else if (isMessage(m, 'ready') && typeof m.url === 'string' && !serving && (ready += 1) === config.workers) {
        serving = true;
        hooks.listening(m.url, setup.upstreamUrl);
      }
    });
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      if (!serving) {
        // A worker that cannot start (a port in use, a bad setting) will not start on a second try.
        logger.error({ worker: worker.id, code, signal }, 'a worker failed to start; stopping');
        void stop(1);
        return;
      }
      logger.error({ worker: worker.id, code, signal }, 'a worker died; starting another');
      setTimeout(() => stopping || fork(), 1_000);
    });
  };
  for (let i = 0; i < config.workers; i += 1) fork();

  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal, workers: workers.size }, 'shutting down');
    void stop(0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** In a worker: the setup the primary gives, asked for once this process listens for it. */
export function workerSetup(): Promise<WorkerSetup> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (!isSetup(m)) return;
      process.off('message', onMessage);
      resolve(m);
    };
    process.on('message', onMessage);
    process.send?.({ type: 'hello' });
  });
}

/** The worker's settings: the primary's signing key and budget share in place of its own. */
export function workerConfig(config: Config, setup: WorkerSetup): Config {
  return { ...config, budget: setup.budget, http: { ...config.http, cursorSigningKey: setup.cursorSigningKey } };
}

export function reportReady(url: string): void {
  process.send?.({ type: 'ready', url });
}

export const isWorker = (): boolean => cluster.isWorker;
export const workerId = (): number | undefined => cluster.worker?.id;
