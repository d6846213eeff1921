// One MS-CorrelationId per GraphQL operation: taken from the caller's MS-CorrelationId header when it
// is a GUID (so a frontend can trace its own calls), otherwise new. It is sent on every upstream
// call of the operation and returned in `extensions.correlationId` and the response header.
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { normalizeGuid } from '../ids.js';

const ids = new WeakMap<Request, string>();

export function correlationIdOf(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    const given = request.headers.get('ms-correlationid');
    id = (given === null ? undefined : normalizeGuid(given)) ?? randomUUID();
    ids.set(request, id);
  }
  return id;
}

export function useCorrelationId(): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      const correlationId = correlationIdOf(request);
      if (Array.isArray(result)) {
        setResult(result.map((r) => ({ ...r, extensions: { ...r.extensions, correlationId } })));
      } else if (result && typeof result === 'object' && !(Symbol.asyncIterator in result)) {
        setResult({ ...result, extensions: { ...result.extensions, correlationId } });
      }
    },
    onResponse({ request, response }) {
      response.headers.set('MS-CorrelationId', correlationIdOf(request));
    },
  };
}
