// Unexpected failures are masked for the client and logged with the operation's correlation id.
// This one calls yoga.fetch directly: no gateway socket, the sandbox still over HTTP.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/yoga.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let gateway: Gateway;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  const r = loadConfig({ LOG_LEVEL: 'info' });
  if (!r.ok) throw new Error(r.problems.join());
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  gateway = createGateway({
    config: r.config,
    baseUrl: sandbox.url,
    logger: pino({ level: 'info' }, sink),
    // A broken token source stands in for any bug below the resolvers.
    client: { getToken: async () => { throw new Error('token cache corrupted near eyJhbGciOi-secret'); } },
  });
});
afterAll(async () => {
  await gateway?.close();
  await sandbox?.close();
});

it('masks the error, keeps the correlation id, and logs the cause with it', async () => {
  const res = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ product(productId: "CFQ7TTC0LH18", country: "US") { title } }' }),
  });
  const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[]; extensions: { correlationId: string } };
  expect(body.errors[0]?.message).toBe('Unexpected error.');
  expect(body.errors[0]?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
  expect(JSON.stringify(body)).not.toContain('secret');
  const logged = lines.find((l) => l.msg === 'unexpected resolver error');
  expect(logged?.correlationId).toBe(body.extensions.correlationId);
  expect(lines.find((l) => l.msg === 'graphql operation')).toMatchObject({ correlationId: body.extensions.correlationId, errors: 1 });
  expect(sandbox.totalRequests()).toBe(0);
});
