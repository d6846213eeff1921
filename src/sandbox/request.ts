// What a route handler sees of a request, and what it returns. Partner Center reads query
// parameter names case-insensitively (`targetview=onlineservices` works), so handlers only get
// lookups that ignore case.
import type { OrderGroupFailure } from './faults.js';
import type { SandboxStore } from './store.js';

export class QueryParams {
  private readonly byName = new Map<string, string>();
  /** As sent, for recording; the last value wins when a name repeats. */
  readonly raw: Record<string, string> = {};

  constructor(search: URLSearchParams) {
    for (const [name, value] of search) {
      this.byName.set(name.toLowerCase(), value);
      this.raw[name] = value;
    }
  }

  get(name: string): string | undefined {
    return this.byName.get(name.toLowerCase());
  }
}

export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly query: QueryParams;
  readonly store: SandboxStore;
  /** The parsed JSON body, or undefined when the request had none. */
  readonly body: unknown;
  /** A path parameter of the matched route (already URI-decoded). */
  param(name: string): string;
  /** A request header, by case-insensitive name. */
  header(name: string): string | undefined;
  /** Scripted order-group failures for a checkout that is about to place orders; takes them. */
  takeOrderGroupFailures(): readonly OrderGroupFailure[];
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface RouteDef {
  readonly key: string;
  readonly handler: Handler;
  /** Catalog responses echo MS-RequestId and MS-CorrelationId twice, comma-joined (reference §1.4). */
  readonly echoIdsTwice?: boolean;
  /** The route reads no body: whatever arrives is drained unparsed (checkout, reference §1.6). */
  readonly ignoresBody?: boolean;
  /**
   * Runs when the request arrives, before the simulated processing time (latency, 'delay'
   * faults) and the handler: claims what the request will work on, so a concurrent request can
   * see that work in progress. Throws an ApiError to refuse the request; returns the release,
   * called once the request has been processed.
   */
  readonly reserve?: (ctx: RequestContext) => () => void;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
