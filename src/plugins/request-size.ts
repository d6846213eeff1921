// Refuses oversized request bodies before they are read or parsed.
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export function useRequestSizeLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? '0');
      if (Number.isFinite(length) && length > maxBytes) {
        const error = createGraphQLError(`Request body of ${length} bytes exceeds the limit of ${maxBytes} bytes.`, {
          extensions: { code: 'REQUEST_TOO_LARGE' },
        });
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [error.toJSON()] }), {
            status: 413,
            headers: { 'content-type': 'application/json; charset=utf-8' },
          }),
        );
      }
    },
  };
}
