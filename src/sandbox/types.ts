// The sandbox's public contract. Other parts of the project (the gateway's tests, the embedded
// sandbox in src/server.ts) code against these shapes, so they change only additively.
import type { Logger } from 'pino';
import type { SandboxFaultSettings } from '../config.js';

export type { SandboxFaultSettings };

/** Time source for business rules (cart expiry, refund windows) so tests can move time. */
export interface Clock {
  now(): Date;
}

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Seeds every generated id and choice; the same seed always serves byte-identical data. Default 1. */
  seed?: number;
  faults?: Partial<SandboxFaultSettings>;
  /** Default: a silent logger. */
  logger?: Logger;
  /** Default: the wall clock. */
  clock?: Clock;
}

export interface ScriptedFault {
  /** A route key such as 'GET /v1/products/{productId}/skus'; omitted matches any API request. */
  route?: string;
  kind: 'status' | 'drop' | 'delay';
  /** For 'status': 429 answers with the gateway throttle body, 5xx and others with an ApiFault. */
  status?: number;
  retryAfterSeconds?: number;
  /** For 'delay': hold the response this long, then answer normally. Default 1000. */
  delayMs?: number;
  /** How many matching requests this fault answers. Default 1. */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The route key, or 'unmatched'. */
  route: string;
  /** Lower-case names; the authorization value is replaced by '[redacted]'. */
  headers: Record<string, string>;
  /** 0 when the connection was dropped. */
  status: number;
  at: string;
}

export interface Sandbox {
  /** API root, e.g. 'http://127.0.0.1:43123'; resources live under /v1. */
  readonly url: string;
  readonly port: number;
  counters(): Record<string, number>;
  count(route: string): number;
  totalRequests(): number;
  requests(): readonly RecordedRequest[];
  setFaults(faults: Partial<SandboxFaultSettings>): void;
  script(fault: ScriptedFault): void;
  resetCounters(): void;
  close(): Promise<void>;
}
