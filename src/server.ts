// Process entry: read the config, start the embedded sandbox when no upstream is configured,
// listen, and shut down gracefully on SIGTERM/SIGINT. The sandbox is imported dynamically and only
// in sandbox mode, so a production gateway never loads the simulator; type imports load nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { pino, type Logger } from 'pino';
import { formatConfigProblems, loadConfig, type Config } from './config.js';
import { createGateway, type Gateway } from './yoga.js';
import type { Sandbox, SandboxSettings } from './sandbox/index.js';

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

/**
 * Starts the gateway, and in sandbox mode the embedded sandbox with `sandboxSettings` (default:
 * the sandbox's defaults, whatever SANDBOX_* says: tests pass the settings they mean).
 */
export async function startServer(config: Config, logger: Logger, sandboxSettings?: SandboxSettings): Promise<RunningServer> {
  let sandbox: Sandbox | undefined;
  let baseUrl = config.upstream.baseUrl;
  if (config.mode === 'sandbox') {
    const simulator = await import('./sandbox/index.js');
    const settings = sandboxSettings ?? simulator.defaultSandboxSettings();
    sandbox = await simulator.startConfiguredSandbox(settings, logger.child({ component: 'sandbox' }));
    baseUrl = sandbox.url;
  }
  if (!baseUrl) throw new Error('No upstream: PARTNER_CENTER_BASE_URL is unset and the sandbox is off.');

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
  const running = await startServer(config, logger, sandboxResult?.ok ? sandboxResult.settings : undefined);
  logger.info(
    {
      url: `${running.url}/graphql`,
      mode: config.mode,
      upstream: running.sandbox ? running.sandbox.url : config.upstream.baseUrl,
      auth: config.azure ? { upstream: config.azure.mode === 'user' ? 'app+user (on behalf of the caller)' : 'app-only', callers: 'bearer token required', allowedTenants: config.callers?.allowedTenants } : 'none',
      ...(running.sandbox ? { note: 'sandbox mode: embedded Partner Center simulator, no caller authentication' } : {}),
      ...(!running.sandbox && !config.azure ? { note: 'open mode: no Azure credentials, so no caller authentication and no upstream token' } : {}),
    },
    `gateway listening on ${running.url}/graphql`,
  );
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

// Run only as the entry point, so tests can import startServer.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
