// The sandbox's HTTP server on loopback: wires the store, router, fault engine and recorder
// together, and tracks sockets so close() ends keep-alive connections instead of waiting them out.
import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { handleAdminRequest } from './admin.js';
import { TokenGate } from './auth.js';
import { mergeCommerceSettings } from './commerce-settings.js';
import { FaultEngine } from './faults.js';
import { handleApiRequest } from './pipeline.js';
import type { PipelineDeps } from './pipeline.js';
import { Recorder } from './recorder.js';
import { Router } from './router.js';
import { apiRoutes } from './routes/index.js';
import { stateOf } from './state.js';
import { createStore } from './store.js';
import type { Sandbox, SandboxOptions } from './types.js';

const ADMIN_PREFIX = '/_sandbox';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? pino({ level: 'silent' });
  const router = new Router(apiRoutes);
  const faults = new FaultEngine(seed, options.faults ?? {}, router.keys);
  const recorder = new Recorder();
  const lifetime = new AbortController();
  // Every delayed response waits on this one signal; many at once is the point of a latency knob.
  setMaxListeners(0, lifetime.signal);
  const store = createStore(seed, options.clock, options.commerce);
  const gate = options.auth ? new TokenGate(options.auth, logger) : undefined;
  const deps: PipelineDeps = { store, router, faults, recorder, logger, signal: lifetime.signal, ...(gate ? { gate } : {}) };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const admin = url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`);
    const work = admin ? handleAdminRequest({ faults, recorder, commerce: store.commerce, clock: store.clock }, req, res, url) : handleApiRequest(deps, req, res, url);
    work.catch((error: unknown) => {
      logger.error({ err: error }, 'sandbox request failed');
      res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.debug({ url, seed }, 'sandbox listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    clock: store.clock,
    counters: () => recorder.counters(),
    count: (route) => recorder.countOf(route),
    totalRequests: () => recorder.totalRequests(),
    requests: () => recorder.requests(),
    setFaults: (settings) => void faults.update(settings),
    script: (fault) => faults.enqueue(fault),
    setCommerce(settings) {
      store.commerce.settings = mergeCommerceSettings(store.commerce.settings, settings);
    },
    commerceSettings: () => store.commerce.settings,
    state: () => stateOf(store),
    resetCounters: () => recorder.reset(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        lifetime.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }).then(() => gate?.close());
      return closing;
    },
  };
}
