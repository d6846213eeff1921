// /ready: 200 with what the gateway reports about its shared state while it serves, 503 while it
// drains. In place of yoga's useReadinessCheck, which tests a URLPattern against the URL of every
// request (about 1 % of the warm browse's CPU): the gateway answers at its exact paths only
// (useExactEndpoints), so comparing the path says the same for a fraction of the cost.
import type { Plugin } from 'graphql-yoga';

/** `report` returns the body of a ready answer, or undefined while not ready. */
export function useReadiness(path: string, report: () => Record<string, unknown> | undefined): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== path) return;
      const body = report();
      endResponse(
        body === undefined ? new fetchAPI.Response(null, { status: 503 }) : new fetchAPI.Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
      );
    },
  };
}
