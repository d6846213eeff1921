// One GraphQL request, timed, for the cold scenarios and the checks that every contender answers
// the same data. The warm load goes through load.ts instead.
import { requestBody } from './documents.js';

export interface Answer {
  readonly ms: number;
  /** `data` as JSON text, to compare contenders byte for byte. */
  readonly data: string;
}

export async function queryOnce(endpoint: string, query: string, timeoutMs = 30_000): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: requestBody(query),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body: unknown = await res.json();
  const ms = performance.now() - started;
  if (!body || typeof body !== 'object') throw new Error(`${endpoint}: not a GraphQL answer`);
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  if (res.status !== 200 || errors !== undefined) throw new Error(`${endpoint}: HTTP ${res.status} ${JSON.stringify(errors ?? body).slice(0, 500)}`);
  return { ms, data: JSON.stringify(data) };
}
