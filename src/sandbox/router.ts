// Matches a method and path against route keys such as 'GET /v1/products/{productId}/skus'.
// Literal segments compare case-insensitively; where two routes match, the one with a literal
// earlier wins, so '/invoices/unbilled/...' can coexist with '/invoices/{invoiceId}/...'.
import type { RouteDef } from './request.js';

type Segment = { readonly literal: string } | { readonly param: string };

interface CompiledRoute {
  readonly def: RouteDef;
  readonly method: string;
  readonly segments: readonly Segment[];
}

export type RouteMatch =
  | { readonly kind: 'route'; readonly def: RouteDef; readonly params: ReadonlyMap<string, string> }
  | { readonly kind: 'methodNotAllowed' }
  | { readonly kind: 'notFound' };

export class Router {
  private readonly routes: CompiledRoute[];
  readonly keys: ReadonlySet<string>;

  constructor(defs: readonly RouteDef[]) {
    this.routes = defs.map(compile);
    const keys = new Set<string>();
    for (const d of defs) {
      if (keys.has(d.key)) throw new Error(`duplicate sandbox route ${d.key}`);
      keys.add(d.key);
    }
    this.keys = keys;
  }

  match(method: string, pathname: string): RouteMatch {
    const parts = pathname.split('/').filter((p) => p !== '');
    let best: { route: CompiledRoute; params: Map<string, string>; score: string } | undefined;
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method.toUpperCase()) continue;
      // '1' for a literal, '0' for a parameter: a lexicographically larger score is more specific.
      const score = route.segments.map((s) => ('literal' in s ? '1' : '0')).join('');
      if (!best || score > best.score) best = { route, params, score };
    }
    if (best) return { kind: 'route', def: best.route.def, params: best.params };
    return pathMatched ? { kind: 'methodNotAllowed' } : { kind: 'notFound' };
  }
}

function compile(def: RouteDef): CompiledRoute {
  const [method, path] = def.key.split(' ');
  if (!method || !path) throw new Error(`bad sandbox route key ${def.key}`);
  const segments = path
    .split('/')
    .filter((p) => p !== '')
    .map((p): Segment => (p.startsWith('{') && p.endsWith('}') ? { param: p.slice(1, -1) } : { literal: p.toLowerCase() }));
  return { def, method, segments };
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Map<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params = new Map<string, string>();
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const part = parts[i];
    if (segment === undefined || part === undefined) return undefined;
    if ('literal' in segment) {
      if (segment.literal !== part.toLowerCase()) return undefined;
      continue;
    }
    try {
      params.set(segment.param, decodeURIComponent(part));
    } catch {
      return undefined; // malformed percent-encoding cannot name anything
    }
  }
  return params;
}
