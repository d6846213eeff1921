// The server answers at its own paths only. Yoga executes operations at any path that ends in the
// GraphQL endpoint (/x/graphql), which no client needs and which a path-based rule in front of the
// gateway (a proxy, a WAF) would not expect; everything but these paths is a plain 404.
import type { Plugin } from 'graphql-yoga';

export function useExactEndpoints(paths: readonly string[]): Plugin {
  const allowed = new Set(paths.flatMap((p) => [p, `${p}/`]));
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (!allowed.has(url.pathname)) endResponse(new fetchAPI.Response(null, { status: 404 }));
    },
  };
}
