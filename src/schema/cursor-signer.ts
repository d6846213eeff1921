// Cursors of upstream-paged connections wrap the upstream request of the next page, so a cursor a
// caller could write would choose Partner Center's query string (size=100000, extra filters) or its
// headers. Each cursor therefore carries an HMAC-SHA256 over its content, its connection and its
// caller's scope, under a per-deployment key (CURSOR_SIGNING_KEY; a random per-process key when
// unset, so cursors then do not survive a restart or cross replicas).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class CursorSigner {
  private readonly key: Buffer;

  constructor(secret?: string) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  /** A signer whose cursors hold only for this caller scope (partner tenant plus caller identity). */
  forScope(scope: string): ScopedCursorSigner {
    return new ScopedCursorSigner(this.key, scope);
  }
}

export class ScopedCursorSigner {
  constructor(
    private readonly key: Buffer,
    private readonly scope: string,
  ) {}

  private mac(collection: string, body: string): Buffer {
    return createHmac('sha256', this.key).update(this.scope).update('\0').update(collection).update('\0').update(body).digest();
  }

  /** "<body>.<mac>", both base64url. */
  sign(collection: string, payload: string): string {
    const body = Buffer.from(payload, 'utf8').toString('base64url');
    return `${body}.${this.mac(collection, body).toString('base64url')}`;
  }

  /** The payload of a cursor this signer issued for the collection, or undefined for anything else. */
  open(collection: string, cursor: string): string | undefined {
    const m = /^([A-Za-z0-9_-]{1,8192})\.([A-Za-z0-9_-]{43})$/.exec(cursor);
    if (!m?.[1] || !m[2]) return undefined;
    const given = Buffer.from(m[2], 'base64url');
    const expected = this.mac(collection, m[1]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return Buffer.from(m[1], 'base64url').toString('utf8');
  }
}
