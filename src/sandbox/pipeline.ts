// The path of one API request: count it, pick its fault, wait out the latency, then answer with
// the fault or with the matched route's handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ApiError, FaultCode, injectedFault, invalidInput, notFound } from './errors.js';
import { Exchange } from './exchange.js';
import type { FaultEngine } from './faults.js';
import type { Recorder } from './recorder.js';
import { QueryParams } from './request.js';
import type { RequestContext } from './request.js';
import type { Router } from './router.js';
import type { RouteMatch } from './router.js';
import { UNMATCHED } from './routes/keys.js';
import type { SandboxStore } from './store.js';

export interface PipelineDeps {
  readonly store: SandboxStore;
  readonly router: Router;
  readonly faults: FaultEngine;
  readonly recorder: Recorder;
  readonly logger: Logger;
  /** Aborted when the sandbox closes, so held responses stop waiting. */
  readonly signal: AbortSignal;
}

const MAX_BODY_BYTES = 1_000_000;

export async function handleApiRequest(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const match = deps.router.match(method, url.pathname);
  const route = match.kind === 'route' ? match.def.key : UNMATCHED;
  deps.recorder.count(route);
  const query = new QueryParams(url.searchParams);
  const echoIdsTwice = match.kind === 'route' && match.def.echoIdsTwice === true;
  const exchange = new Exchange(req, res, { route, path: url.pathname, query, echoIdsTwice }, deps.recorder, deps.logger);

  const { outcome, latencyMs } = deps.faults.next(route);
  await pause(latencyMs, deps.signal);
  if (outcome.kind === 'delay') await pause(outcome.delayMs, deps.signal);
  if (deps.signal.aborted) return exchange.drop();
  if (outcome.kind === 'drop') return exchange.drop();
  if (outcome.kind === 'status') {
    return outcome.status === 429 ? exchange.throttle(outcome.retryAfterSeconds) : exchange.fault(injectedFault(outcome.status));
  }

  try {
    const reply = await dispatch(deps, req, match, query, exchange);
    exchange.json(reply.status, reply.body, reply.headers);
  } catch (error) {
    if (error instanceof ApiError) return exchange.fault(error);
    deps.logger.error({ err: error, route }, 'sandbox handler failed');
    exchange.fault(new ApiError(500, FaultCode.unexpected, 'Unexpected service error'));
  }
}

async function dispatch(deps: PipelineDeps, req: IncomingMessage, match: RouteMatch, query: QueryParams, exchange: Exchange) {
  if (match.kind === 'notFound') throw notFound('The requested resource was not found.');
  if (match.kind === 'methodNotAllowed') {
    throw new ApiError(405, FaultCode.invalidInput, `The requested resource does not support http method '${req.method ?? ''}'.`);
  }
  const { def, params } = match;
  const body = await readJsonBody(req);
  const ctx: RequestContext = {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    query,
    store: deps.store,
    body,
    header: (name) => exchange.header(name),
    param(name) {
      const value = params.get(name);
      if (value === undefined) throw new Error(`route ${def.key} has no parameter ${name}`);
      return value;
    },
  };
  return def.handler(ctx);
}

/** The parsed JSON body, or undefined when there is none. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, FaultCode.invalidInput, 'Request body too large');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidInput('the request body is not valid JSON.');
  }
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
