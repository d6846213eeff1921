// A small seeded PRNG (mulberry32). Every generated id and choice goes through one of these so a
// seed always reproduces the same data byte for byte; Math.random would make runs unrepeatable.
import { createHash } from 'node:crypto';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
  /** A version-4-shaped GUID in lower case. */
  guid(): string;
}

export const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';
export const HEX = '0123456789abcdef';

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const chars = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet.charAt(int(alphabet.length));
    return out;
  };
  return {
    next,
    int,
    chars,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      if (item === undefined) throw new RangeError('pick() from an empty list');
      return item;
    },
    guid(): string {
      const h = chars(HEX, 32);
      const variant = HEX.charAt(8 + int(4));
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

/** Derives an independent stream from a seed, so e.g. fault draws never shift the data stream. */
export function deriveSeed(seed: number, stream: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A GUID-shaped id derived from a key (which should include the seed): for ids of derived data,
 * such as reconciliation lines rendered on demand, that must be the same on every rendering
 * without being drawn from, and so shifting, any stream.
 */
export function keyedGuid(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  const variant = HEX.charAt(8 + (parseInt(h.charAt(16), 16) % 4));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
