// Opaque continuation tokens for seek-based collections (reference §3): base64url JSON plus an
// HMAC, so a forged or edited token is refused instead of silently serving the wrong page.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// One key per process, never mutated: tokens stay valid across sandboxes in the same process (so
// two sandboxes with one seed serve byte-identical pages) but cannot be crafted from outside.
const KEY = randomBytes(32);

export function sealToken(payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${sign(body).toString('base64url')}`;
}

/** The payload of a token this process sealed, or undefined for anything else. */
export function openToken(token: string): unknown {
  const [body, mac, ...rest] = token.split('.');
  if (!body || !mac || rest.length > 0) return undefined;
  const expected = sign(body);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function sign(body: string): Buffer {
  return createHmac('sha256', KEY).update(body).digest();
}
