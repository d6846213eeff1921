// Serves a yoga instance the way the gateway is served (node:http, 127.0.0.1, PORT), with the
// /ready the bench polls, and stops on SIGTERM like the gateway does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export function port(): number {
  const value = Number(process.env.PORT);
  if (!Number.isInteger(value) || value <= 0) throw new Error('PORT must be set to a free port');
  return value;
}

export function upstreamUrl(): string {
  const url = process.env.PARTNER_CENTER_BASE_URL;
  if (!url) throw new Error('PARTNER_CENTER_BASE_URL must name the sandbox');
  return url.replace(/\/+$/, '');
}

/** `yoga`: a yoga instance, which is a node request listener. */
export function serve(yoga: (req: IncomingMessage, res: ServerResponse) => unknown): void {
  const server = createServer((req, res) => {
    if (req.url === '/ready') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ready":true}');
      return;
    }
    void yoga(req, res);
  });
  server.keepAliveTimeout = 5_000;
  server.listen(port(), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
