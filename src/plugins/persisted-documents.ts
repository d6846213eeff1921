// Trusted documents: the persisted-documents manifest that codegen's client preset writes
// (sha256 hash → document) is loaded once; clients send extensions.persistedQuery.sha256Hash.
// With `only`, any other document is refused before it is parsed.
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';

export function usePersistedDocuments(path: string, only: boolean): Plugin {
  const manifest = z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(path, 'utf8')));
  return usePersistedOperations({
    getPersistedOperation: (hash) => manifest[hash] ?? null,
    allowArbitraryOperations: !only,
    customErrors: {
      notFound: { message: 'PersistedQueryNotFound: this document hash is not in the list of trusted documents.', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      persistedQueryOnly: {
        message: 'Only trusted documents are accepted: send extensions.persistedQuery.sha256Hash of a document in the manifest.',
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      },
    },
  });
}
