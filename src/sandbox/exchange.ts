// One API request/response pair: the headers every Partner Center response carries, the ways a
// response can end (JSON, ApiFault, throttle, dropped socket), and the record of how it ended.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ApiError } from './errors.js';
import { throttleBody } from './errors.js';
import type { StoredReply } from './idempotency.js';
import type { QueryParams } from './request.js';
import type { Recorder } from './recorder.js';
import { recordableHeaders } from './recorder.js';
import type { RecordedIdentity } from './types.js';

const SERVER_ID = '202010406';

export interface ExchangeInfo {
  readonly route: string;
  readonly path: string;
  readonly query: QueryParams;
  readonly echoIdsTwice: boolean;
}

export class Exchange {
  private readonly started = performance.now();
  private finished = false;
  private readonly requestId: string;
  private readonly correlationId: string;
  private identity: RecordedIdentity | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly info: ExchangeInfo,
    private readonly recorder: Recorder,
    private readonly logger: Logger,
  ) {
    // Request ids are transport noise, not seeded data, so they come from crypto, not the seed.
    this.requestId = this.header('ms-requestid') ?? randomUUID();
    this.correlationId = this.header('ms-correlationid') ?? randomUUID();
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  json(status: number, body: unknown, extra: Record<string, string> = {}, contentType = 'application/json; charset=utf-8'): void {
    this.send({ status, payload: body === undefined ? '' : JSON.stringify(body), headers: extra }, contentType);
  }

  /** Sends a serialised reply: a fresh one, or one stored for an idempotent replay. */
  send(reply: StoredReply, contentType = 'application/json; charset=utf-8'): void {
    if (!this.finish(reply.status)) return;
    this.res.writeHead(reply.status, { ...this.standardHeaders(), 'Content-Type': contentType, ...reply.headers });
    this.res.end(reply.payload);
  }

  fault(error: ApiError): void {
    this.json(error.status, error.body());
  }

  /** Records who the verified token says is calling. */
  identify(identity: RecordedIdentity): void {
    this.identity = identity;
  }

  /**
   * A refused token: the ApiFault, with the challenge the docs show beside a 401 (reference §4).
   * They write its id as `{cid}`; the correlation id of the exchange stands in for it.
   */
  refuseToken(error: ApiError): void {
    const challenge: Record<string, string> = error.status === 401 ? { 'WWW-Authenticate': `OAuth realm=urn:cpsvc:cpid:${this.correlationId}` } : {};
    this.json(error.status, error.body(), challenge);
  }

  /** The API gateway's 429: its own body shape and a plain JSON content type (reference §4). */
  throttle(retryAfterSeconds: number): void {
    this.json(429, throttleBody(retryAfterSeconds), { 'Retry-After': String(retryAfterSeconds) }, 'application/json');
  }

  /** Ends the connection without a response, as a network failure would. */
  drop(): void {
    if (!this.finish(0)) return;
    this.req.socket.destroy();
  }

  private standardHeaders(): Record<string, string> {
    const echo = (v: string): string => (this.info.echoIdsTwice ? `${v},${v}` : v);
    const cv = this.header('ms-cv');
    return {
      'MS-CorrelationId': echo(this.correlationId),
      'MS-RequestId': echo(this.requestId),
      // A service extends the caller's correlation vector; without one it starts its own.
      'MS-CV': cv ? `${cv}.0` : `${randomBytes(12).toString('base64')}.0`,
      'MS-ServerId': SERVER_ID,
      'X-Locale': this.header('x-locale') ?? 'en-US',
    };
  }

  /** Records the outcome once; false when the exchange already ended or its socket is gone. */
  private finish(status: number): boolean {
    if (this.finished) return false;
    this.finished = true;
    const alive = !this.res.destroyed && !this.res.writableEnded;
    const recorded = alive ? status : 0;
    this.recorder.record({
      method: this.req.method ?? 'GET',
      path: this.info.path,
      query: { ...this.info.query.raw },
      route: this.info.route,
      headers: recordableHeaders(this.req.headers),
      status: recorded,
      at: new Date().toISOString(),
      ...(this.identity ? { identity: { ...this.identity } } : {}),
    });
    this.logger.debug(
      { method: this.req.method, path: this.info.path, route: this.info.route, status: recorded, ms: Math.round(performance.now() - this.started) },
      'sandbox request',
    );
    return alive;
  }
}
