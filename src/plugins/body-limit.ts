// The request body limit (MAX_REQUEST_BYTES), in place of yoga's maxRequestBodySize. Yoga counts
// every body through a TransformStream piped with node:stream's pipeline, which costs each request
// an AbortController, a DOMException and several stream objects: a fifth of the warm browse's
// throughput, measured. The limit does not need that for most requests: Node's HTTP parser reads
// exactly Content-Length bytes of body (whatever follows is parsed as the next request, and a
// request with both Content-Length and Transfer-Encoding is refused), so a request that came over
// a socket with a Content-Length at or under the limit cannot carry more. Only bodies without that
// guarantee are counted as they stream: chunked ones (no Content-Length), and any handed to
// yoga.fetch directly, whose headers nothing checked.
import { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// Only a single non-negative integer is a Content-Length (a list such as "12, 12" is a smuggling attempt).
const CONTENT_LENGTH = /^\d+$/;

const tooLarge = () => new GraphQLError('Request body too large', { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' } });
const badLength = () => new GraphQLError('Content-Length header is invalid.', { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });

export function useRequestBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, serverContext, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (!CONTENT_LENGTH.test(declared)) throw badLength();
        if (Number(declared) > limit) throw tooLarge();
        // Framed by Node's parser: the body is at most what the header says. (Yoga's Node adapter
        // puts the IncomingMessage in the server context; yoga.fetch has none.)
        if ((serverContext as { req?: unknown }).req instanceof IncomingMessage) return;
      }
      if (!requestParser || !request.body) return;
      setRequestParser((req) => requestParser(counted(req, limit, fetchAPI)));
    },
  };
}

/** The request with its body counted as it streams: past `limit` bytes the body fails with 413. */
function counted(request: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  const body = request.body;
  if (!body) return request;
  // A native ReadableStream needs the native TransformStream, the ponyfill's its own (yoga #4583).
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body: limited, duplex: 'half' } as RequestInit);
}
