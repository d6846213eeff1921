// Admin endpoints under /_sandbox, for tests and tools in other processes. They are not API
// requests: never counted, recorded, delayed or faulted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { clockChangeSchema } from './clock-admin.js';
import type { ControllableClock } from './clock.js';
import { mergeCommerceSettings } from './commerce-settings.js';
import { faultSettingsSchema, scriptedFaultSchema } from './faults.js';
import type { FaultEngine } from './faults.js';
import type { CommerceStore } from './model/commerce-store.js';
import type { Recorder } from './recorder.js';

export interface AdminDeps {
  readonly faults: FaultEngine;
  readonly recorder: Recorder;
  readonly commerce: CommerceStore;
  readonly clock: ControllableClock;
}

type AdminReply = { status: number; body?: unknown };
type AdminHandler = (deps: AdminDeps, body: unknown) => AdminReply;

const ROUTES: Readonly<Record<string, Partial<Record<string, AdminHandler>>>> = {
  '/_sandbox/counters': {
    GET: ({ recorder }) => ({ status: 200, body: { total: recorder.totalRequests(), routes: recorder.counters() } }),
  },
  '/_sandbox/requests': { GET: ({ recorder }) => ({ status: 200, body: recorder.requests() }) },
  '/_sandbox/reset': {
    POST: ({ recorder }) => {
      recorder.reset();
      return { status: 204 };
    },
  },
  '/_sandbox/faults': {
    GET: ({ faults }) => ({ status: 200, body: faults.settings() }),
    // A zod failure (or an unknown route key) becomes a 400 in handleAdminRequest.
    PUT: ({ faults }, body) => ({ status: 200, body: faults.update(faultSettingsSchema.parse(body)) }),
  },
  '/_sandbox/commerce': {
    GET: ({ commerce }) => ({ status: 200, body: commerce.settings }),
    PUT: ({ commerce }, body) => {
      commerce.settings = mergeCommerceSettings(commerce.settings, body);
      return { status: 200, body: commerce.settings };
    },
  },
  '/_sandbox/clock': {
    GET: ({ clock }) => ({ status: 200, body: { now: clock.now().toISOString() } }),
    POST: ({ clock }, body) => {
      const change = clockChangeSchema.parse(body);
      if ('advanceMs' in change) clock.advance(change.advanceMs);
      else if ('now' in change) clock.set(change.now);
      else clock.reset();
      return { status: 200, body: { now: clock.now().toISOString() } };
    },
  },
  '/_sandbox/script': {
    POST: ({ faults }, body) => {
      faults.enqueue(scriptedFaultSchema.parse(body));
      return { status: 204 };
    },
  },
};

export async function handleAdminRequest(deps: AdminDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const methods = ROUTES[url.pathname.replace(/\/+$/, '')];
  const handler = methods?.[req.method ?? 'GET'];
  if (!methods) return send(res, 404, { message: `no admin endpoint ${url.pathname}` });
  if (!handler) return send(res, 405, { message: `${req.method ?? ''} is not supported on ${url.pathname}` });
  let reply: AdminReply;
  try {
    reply = handler(deps, await readBody(req));
  } catch (error) {
    return send(res, 400, { message: describe(error) });
  }
  send(res, reply.status, reply.body);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('the body is not valid JSON');
  }
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) return z.prettifyError(error);
  return error instanceof Error ? error.message : String(error);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
