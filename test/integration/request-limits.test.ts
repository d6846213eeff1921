// Request limits that hold whatever the client claims: the body size is counted as it streams
// (chunked bodies, Content-Length headers that lie), and introspection can be turned off.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
const LIMIT = 4_096;

beforeAll(async () => {
  stack = await startStack({ MAX_REQUEST_BYTES: String(LIMIT) });
});
afterAll(async () => {
  await stack?.stop();
});

/** A JSON body of about `size` bytes that is a valid GraphQL request. */
function body(size: number): string {
  const head = '{"query":"{ __typename }","variables":{"pad":"';
  const tail = '"}}';
  return head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail;
}

/** POSTs over a real socket with Transfer-Encoding: chunked (no Content-Length), in 64 KiB chunks. */
function postChunked(url: string, text: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let out = '';
      res.on('data', (d: Buffer) => (out += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: out }));
    });
    // The server may answer and close before the whole body is sent; that is the point.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    const buf = Buffer.from(text);
    for (let i = 0; i < buf.length; i += 65_536) req.write(buf.subarray(i, i + 65_536));
    req.end();
  });
}

describe('request body size', () => {
  it('refuses a 5 MB chunked body with 413, sent without Content-Length', async () => {
    const res = await postChunked(`${stack.url}/graphql`, body(5_000_000));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }] });
  });

  it('accepts a chunked body under the limit', async () => {
    const res = await postChunked(`${stack.url}/graphql`, body(LIMIT - 100));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('counts the bytes when Content-Length understates the body', async () => {
    const text = body(100_000);
    const res = await stack.server.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '100' },
      body: new Blob([text]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('refuses a Content-Length above the limit before reading, and a malformed one', async () => {
    const over = await stack.server.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(LIMIT + 1) },
      body: body(LIMIT + 1),
    });
    expect(over.status).toBe(413);
    const malformed = await stack.server.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '12, 12' },
      body: body(200),
    });
    expect(malformed.status).toBe(400);
  });
});

describe('introspection', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';

  it('is on by default', async () => {
    const r = await stack.raw(INTROSPECT);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('can be turned off; __typename and the federation SDL still answer', async () => {
    const closed = await startStack({ GRAPHQL_INTROSPECTION: 'false' });
    try {
      const r = await closed.raw(INTROSPECT);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]?.message).toMatch(/introspection/i);
      const t = await closed.raw('{ __type(name: "Query") { name } }');
      expect(t.errors?.[0]?.message).toMatch(/introspection/i);
      expect((await closed.raw('{ __typename }')).data).toEqual({ __typename: 'Query' });
      const sdl = await closed.raw('{ _service { sdl } }');
      expect(String((sdl.data?._service as { sdl: string }).sdl)).toContain('type Query');
      expect(closed.sandbox.totalRequests()).toBe(0);
    } finally {
      await closed.stop();
    }
  });
});
