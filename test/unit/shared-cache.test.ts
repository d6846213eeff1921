import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryStore } from '../../src/state/memory-store.js';
import { SharedCache } from '../../src/state/shared-cache.js';

describe('SharedCache', () => {
  it('loads once for concurrent misses and serves hits until the TTL ends', async () => {
    const cache = new SharedCache(new MemoryStore(10), 60);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await sleep(10);
      return { n: loads };
    };
    const first = await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load), cache.getOrLoad('k', load)]);
    expect(loads).toBe(1);
    expect(first).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect(await cache.getOrLoad('k', load)).toEqual({ n: 1 });
    await sleep(100);
    expect(await cache.getOrLoad('k', load)).toEqual({ n: 2 });
    expect(cache.stats).toEqual({ hits: 1, misses: 2 });
  });

  it('does not cache a failed load', async () => {
    const cache = new SharedCache(new MemoryStore(10), 60_000);
    await expect(cache.getOrLoad('k', () => Promise.reject(new Error('503')))).rejects.toThrow('503');
    expect(await cache.getOrLoad('k', async () => 'ok')).toBe('ok');
  });

  it('keeps falsy values and evicts the least recently used beyond its bound', async () => {
    const store = new MemoryStore(2);
    await store.set('a', 0, 60_000);
    await store.set('b', false, 60_000);
    expect(await store.get('a')).toBe(0);
    await store.set('c', null, 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe(0);
    expect(await store.get('c')).toBeNull();
  });
});
