// The path of one API request: count it, pick its fault, then either answer with the fault or
// process the request and answer with the result.
//
// Processing, in order:
//   1. On arrival: refuse unknown routes, read the body, and for a write route with an
//      MS-RequestId consult the idempotency ledger (replay a stored answer, or wait for the same
//      request still in flight). Then run the route's `reserve`: a checkout marks its cart as
//      being checked out.
//   2. Hold for the simulated processing time: latency + jitter, plus a scripted 'delay'. This is
//      the window in which a concurrent request sees the reservation (a second checkout of the
//      cart gets 409 800064) and a duplicate waits for the first.
//   3. Run the handler, which changes state as of the clock at that moment; release the
//      reservation; store the answer in the ledger.
//   4. Answer, or for a 'dropAfter' fault destroy the socket instead (the lost-response case).
// 'status' and 'drop' faults answer before any of this, so they change and store nothing. Before
// the faults, a sandbox with `auth` checks the bearer token: a refused token consumes no fault.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { TokenGate } from './auth.js';
import { readBody } from './body.js';
import { ApiError, FaultCode, injectedFault, notFound } from './errors.js';
import { Exchange } from './exchange.js';
import type { FaultEngine } from './faults.js';
import { idempotencyKey } from './idempotency.js';
import type { StoredReply } from './idempotency.js';
import type { Recorder } from './recorder.js';
import { QueryParams } from './request.js';
import type { Reply, RequestContext, RouteDef } from './request.js';
import type { Router } from './router.js';
import type { RouteMatch } from './router.js';
import { UNMATCHED, isWriteRoute } from './routes/keys.js';
import type { SandboxStore } from './store.js';

export interface PipelineDeps {
  readonly store: SandboxStore;
  readonly router: Router;
  readonly faults: FaultEngine;
  readonly recorder: Recorder;
  readonly logger: Logger;
  /** Aborted when the sandbox closes, so held responses stop waiting. */
  readonly signal: AbortSignal;
  /** Present when the sandbox demands tokens (SandboxOptions.auth). */
  readonly gate?: TokenGate;
}

/** One request on its way through processing. */
interface Pending {
  readonly req: IncomingMessage;
  readonly match: RouteMatch;
  readonly query: QueryParams;
  readonly exchange: Exchange;
  /** The simulated processing time. */
  readonly holdMs: number;
}

/** An answer, and whether the idempotency ledger may keep it. */
interface Executed {
  readonly reply: StoredReply;
  readonly storable: boolean;
}

export async function handleApiRequest(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const match = deps.router.match(method, url.pathname);
  const route = match.kind === 'route' ? match.def.key : UNMATCHED;
  deps.recorder.count(route);
  const query = new QueryParams(url.searchParams);
  const echoIdsTwice = match.kind === 'route' && match.def.echoIdsTwice === true;
  const exchange = new Exchange(req, res, { route, path: url.pathname, query, echoIdsTwice }, deps.recorder, deps.logger);
  if (deps.gate) {
    const decision = await deps.gate.admit(exchange.header('authorization'), route);
    if (decision.identity) exchange.identify(decision.identity);
    if (decision.kind === 'refuse') return exchange.refuseToken(decision.error);
  }

  const { outcome, latencyMs } = deps.faults.next(route);
  if (outcome.kind === 'drop' || outcome.kind === 'status') {
    await pause(latencyMs, deps.signal);
    if (deps.signal.aborted || outcome.kind === 'drop') return exchange.drop();
    return outcome.status === 429 ? exchange.throttle(outcome.retryAfterSeconds) : exchange.fault(injectedFault(outcome.status));
  }
  const holdMs = latencyMs + (outcome.kind === 'delay' ? outcome.delayMs : 0);
  const reply = await processOnce(deps, { req, match, query, exchange, holdMs });
  if (!reply || deps.signal.aborted || outcome.kind === 'dropAfter') return exchange.drop();
  exchange.send(reply);
}

/** Processes a request, unless it repeats a write already answered or under way (reference §1.3). */
async function processOnce(deps: PipelineDeps, p: Pending): Promise<StoredReply | undefined> {
  const key =
    p.match.kind === 'route' && isWriteRoute(p.match.def.key)
      ? idempotencyKey(p.match.def.key, p.match.params.get('customerId'), p.exchange.header('ms-requestid'))
      : undefined;
  if (key === undefined) return (await execute(deps, p))?.reply;

  const ledger = deps.store.idempotency;
  for (;;) {
    const entry = ledger.find(key);
    if (entry.kind === 'none') break;
    const [reply] = await Promise.all([entry.kind === 'done' ? entry.reply : entry.settled, pause(p.holdMs, deps.signal)]);
    if (reply || deps.signal.aborted) return reply;
    // The first request ended without a storable answer (a 5xx, a refusal): process this one.
  }
  ledger.begin(key);
  let executed: Executed | undefined;
  try {
    executed = await execute(deps, p);
  } finally {
    ledger.finish(key, executed?.reply, executed?.storable === true);
  }
  return executed?.reply;
}

async function execute(deps: PipelineDeps, p: Pending): Promise<Executed | undefined> {
  let prepared: { ctx: RequestContext; def: RouteDef };
  try {
    prepared = await prepare(deps, p);
  } catch (error) {
    return refuse(deps, p, error, true);
  }
  let release: () => void;
  try {
    release = prepared.def.reserve?.(prepared.ctx) ?? (() => undefined);
  } catch (error) {
    // Refused before processing (a concurrent checkout): like an injected fault, not stored.
    return refuse(deps, p, error, false);
  }
  try {
    await pause(p.holdMs, deps.signal);
    if (deps.signal.aborted) return undefined;
    const reply = serialise(await prepared.def.handler(prepared.ctx));
    return { reply, storable: reply.status < 500 };
  } catch (error) {
    const reply = errorReply(deps, p, error);
    return { reply, storable: reply.status < 500 };
  } finally {
    release();
  }
}

async function refuse(deps: PipelineDeps, p: Pending, error: unknown, storable: boolean): Promise<Executed | undefined> {
  await pause(p.holdMs, deps.signal);
  if (deps.signal.aborted) return undefined;
  const reply = errorReply(deps, p, error);
  return { reply, storable: storable && reply.status < 500 };
}

async function prepare(deps: PipelineDeps, p: Pending): Promise<{ ctx: RequestContext; def: RouteDef }> {
  const { match, req, exchange } = p;
  if (match.kind === 'notFound') throw notFound('The requested resource was not found.');
  if (match.kind === 'methodNotAllowed') {
    throw new ApiError(405, FaultCode.invalidInput, `The requested resource does not support http method '${req.method ?? ''}'.`);
  }
  const { def, params } = match;
  const body = await readBody(req, def.ignoresBody === true);
  const ctx: RequestContext = {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    query: p.query,
    store: deps.store,
    body,
    header: (name) => exchange.header(name),
    param(name) {
      const value = params.get(name);
      if (value === undefined) throw new Error(`route ${def.key} has no parameter ${name}`);
      return value;
    },
    takeOrderGroupFailures: () => deps.faults.takeOrderGroupFailures(),
  };
  return { ctx, def };
}

function serialise(reply: Reply): StoredReply {
  return { status: reply.status, payload: reply.body === undefined ? '' : JSON.stringify(reply.body), headers: reply.headers ?? {} };
}

function errorReply(deps: PipelineDeps, p: Pending, error: unknown): StoredReply {
  if (error instanceof ApiError) return serialise({ status: error.status, body: error.body() });
  deps.logger.error({ err: error, route: p.match.kind === 'route' ? p.match.def.key : UNMATCHED }, 'sandbox handler failed');
  return serialise({ status: 500, body: new ApiError(500, FaultCode.unexpected, 'Unexpected service error').body() });
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
