// The fake Entra ID's token-signing keys. Like Entra, it publishes several keys at once: after a
// rotation the new key signs and the old one stays in the JWKS for a while, so validators that
// cached the old set must refetch when they meet the new kid.
import { generateKeyPair as generateKeyPairCb, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import type { JSONWebKeySet, JWK, JWTPayload } from 'jose';

const generateKeyPair = promisify(generateKeyPairCb);

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JWK;
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
  // Entra kids are base64url SHA-1 thumbprints (27 characters); random ones look the same.
  const kid = randomBytes(20).toString('base64url');
  const jwk = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, publicJwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e } };
}

export type SignWith = 'current' | 'unknown';

export class KeyRing {
  /** Oldest first; the last one signs. */
  private keys: SigningKey[];

  private constructor(
    first: SigningKey,
    /** Signs tokens no validator can verify: its public half is never published. */
    private readonly stranger: SigningKey,
  ) {
    this.keys = [first];
  }

  static async create(): Promise<KeyRing> {
    const [first, stranger] = await Promise.all([newSigningKey(), newSigningKey()]);
    return new KeyRing(first, stranger);
  }

  get currentKid(): string {
    return this.current().kid;
  }

  /** Adds a new signing key; the previous ones stay published. Returns the new kid. */
  async rotate(): Promise<string> {
    const key = await newSigningKey();
    this.keys = [...this.keys, key];
    return key.kid;
  }

  /** Unpublishes every key but the current one. */
  dropOld(): void {
    this.keys = [this.current()];
  }

  jwks(): JSONWebKeySet {
    return { keys: this.keys.map((k) => ({ ...k.publicJwk })) };
  }

  sign(claims: JWTPayload, signWith: SignWith = 'current'): Promise<string> {
    const key = signWith === 'unknown' ? this.stranger : this.current();
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid }).sign(key.privateKey);
  }

  private current(): SigningKey {
    const key = this.keys.at(-1);
    if (!key) throw new Error('the key ring is empty');
    return key;
  }
}
