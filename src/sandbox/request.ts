// What a route handler sees of a request, and what it returns. Partner Center reads query
// parameter names case-insensitively (`targetview=onlineservices` works), so handlers only get
// lookups that ignore case.
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
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
