// Request bodies: JSON of bounded size, read in full before a handler runs.
import type { IncomingMessage } from 'node:http';
import { ApiError, FaultCode, invalidInput } from './errors.js';

const MAX_BODY_BYTES = 1_000_000;

/** The parsed JSON body, or undefined when there is none or the route ignores it. */
export async function readBody(req: IncomingMessage, ignore: boolean): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, FaultCode.invalidInput, 'Request body too large');
    if (!ignore) chunks.push(buf);
  }
  if (ignore) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidInput('the request body is not valid JSON.');
  }
}
