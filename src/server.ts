// Process entry: read the config, start the embedded sandbox when no upstream is configured,
// listen, and shut down gracefully on SIGTERM/SIGINT. With GATEWAY_WORKERS above 1 this process is
// a cluster primary and its workers serve (src/cluster.ts). The sandbox is imported dynamically
// and only in sandbox mode, so a production gateway never loads the simulator; type imports load
// nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { pino, type Logger } from 'pino';
import { formatConfigProblems, loadConfig, type Config } from './config.js';
import type { Gateway } from './yoga.js';
import type { Sandbox, SandboxSettings } from './sandbox/index.js';
import { isWorker, reportReady, runPrimary, workerConfig, workerId, workerSetup } from './cluster.js';

export interface RunningServer {
  url: string;
  gateway: Gateway;
  sandbox?: Sandbox;
  server: Server;
  stop(): Promise<void>;
}

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'partner-center-gateway' },
    // Belt and braces: nothing below should ever carry these, but if it does it is not printed.
    redact: {
      paths: ['*.authorization', '*.Authorization', 'headers.authorization', '*.headers.authorization', '*.token', '*.accessToken', '*.clientSecret'],
      censor: '[redacted]',
    },
  });
}

export interface StartOptions {
  /** Sandbox mode: a sandbox already running (a cluster primary's), used instead of starting one. */
  sandboxUrl?: string;
}

/**
 * Starts the gateway, and in sandbox mode the embedded sandbox with `sandboxSettings` (default:
 * the sandbox's defaults, whatever SANDBOX_* says: tests pass the settings they mean).
 */
export async function startServer(config: Config, logger: Logger, sandboxSettings?: SandboxSettings, options: StartOptions = {}): Promise<RunningServer> {
  let sandbox: Sandbox | undefined;
  let baseUrl = config.upstream.baseUrl;
  if (config.mode === 'sandbox' && options.sandboxUrl) {
    baseUrl = options.sandboxUrl;
  } else if (config.mode === 'sandbox') {
    const simulator = await import('./sandbox/index.js');
    const settings = sandboxSettings ?? simulator.defaultSandboxSettings();
    sandbox = await simulator.startConfiguredSandbox(settings, logger.child({ component: 'sandbox' }));
    baseUrl = sandbox.url;
  }
  if (!baseUrl) throw new Error('No upstream: PARTNER_CENTER_BASE_URL is unset and the sandbox is off.');

  // Imported here, not at the top: a cluster primary runs this module but serves nothing, and the
  // gateway's module graph is ~100 MiB of its RSS.
  const { createGateway } = await import('./yoga.js');
  const gateway = createGateway({ config, baseUrl, logger });
  const server = createServer(gateway.yoga);
  // Keep-alive sockets must not outlive a load balancer's idle timeout by much, nor hold shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      gateway.drain();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
      await Promise.race([closed, grace]);
      server.closeAllConnections();
      await gateway.close();
      await sandbox?.close();
    })());

  return { url, gateway, server, stop, ...(sandbox ? { sandbox } : {}) };
}

async function main(): Promise<void> {
  const result = loadConfig();
  // In sandbox mode the simulator's own settings count too, and their problems join the gateway's
  // in one report; in remote mode no sandbox runs, so its settings are neither read nor loaded.
  const mode = result.ok ? result.config.mode : result.mode;
  const sandboxResult = mode === 'sandbox' ? (await import('./sandbox/index.js')).loadSandboxSettings() : undefined;
  const problems = [...(result.ok ? [] : result.problems), ...(sandboxResult && !sandboxResult.ok ? sandboxResult.problems : [])];
  if (!result.ok || problems.length > 0) {
    process.stderr.write(`${formatConfigProblems(problems)}\n`);
    process.exit(2);
  }
  const { config } = result;
  const logger = createLogger(config);
  const sandboxSettings = sandboxResult?.ok ? sandboxResult.settings : undefined;
  if (isWorker()) return runWorker(config, logger);
  if (config.workers > 1) {
    return runPrimary(config, logger, sandboxSettings, { listening: (url, upstream) => logListening(logger, config, url, upstream, config.workers) });
  }
  const running = await startServer(config, logger, sandboxSettings);
  logListening(logger, config, running.url, running.sandbox?.url);
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/** The line that says the gateway serves: where, over what, and how callers authenticate. */
function logListening(logger: Logger, config: Config, url: string, sandboxUrl: string | undefined, workers?: number): void {
  logger.info(
    {
      url: `${url}/graphql`,
      mode: config.mode,
      ...(workers ? { workers } : {}),
      upstream: sandboxUrl ?? config.upstream.baseUrl,
      auth: config.azure ? { upstream: config.azure.mode === 'user' ? 'app+user (on behalf of the caller)' : 'app-only', callers: 'bearer token required', allowedTenants: config.callers?.allowedTenants } : 'none',
      ...(sandboxUrl ? { note: 'sandbox mode: embedded Partner Center simulator, no caller authentication' } : {}),
      ...(!sandboxUrl && !config.azure ? { note: 'open mode: no Azure credentials, so no caller authentication and no upstream token' } : {}),
    },
    `gateway listening on ${url}/graphql${workers ? ` (${workers} workers)` : ''}`,
  );
}

/** A cluster worker: the primary's setup, then one gateway on the shared port until told to stop. */
async function runWorker(config: Config, logger: Logger): Promise<void> {
  const setup = await workerSetup();
  const log = logger.child({ worker: workerId() });
  const running = await startServer(workerConfig(config, setup), log, undefined, setup.upstreamUrl ? { sandboxUrl: setup.upstreamUrl } : {});
  log.info({ pid: process.pid }, 'worker listening');
  reportReady(running.url);
  const stop = () => {
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // stop() runs once however often it is asked: the primary forwards SIGTERM, and a terminal's
  // Ctrl-C reaches every process of the group. A worker whose primary is gone stops as well.
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

// Run only as the entry point, so tests can import startServer.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
