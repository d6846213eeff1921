// GET /metrics: the Prometheus exposition of this replica's metrics, on the gateway's own port.
// Answered in onRequest, before caller authentication (which runs in onRequestParse): Prometheus
// has no Entra ID token to bring. It holds no secret (counts, route templates, operation names),
// but it does describe the traffic, so where the port is reachable from outside either keep
// /metrics off the public route or set METRICS_TOKEN: then it wants `Authorization: Bearer
// <token>`, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../observability/metrics.js';

export const METRICS_PATH = '/metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function useMetricsEndpoint(metrics: GatewayMetrics, logger: Logger, token?: string): Plugin {
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== METRICS_PATH && url.pathname !== `${METRICS_PATH}/`) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      if (expected && !timingSafeEqual(digest(request.headers.get('authorization') ?? ''), expected)) {
        endResponse(new fetchAPI.Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer realm="metrics"' } }));
        return;
      }
      try {
        const body = await metrics.render();
        endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' } }));
      } catch (err) {
        logger.error({ err }, 'metrics could not be rendered');
        endResponse(new fetchAPI.Response(null, { status: 500 }));
      }
    },
  };
}
