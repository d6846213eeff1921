// SharedCache.peek: the synchronous read of a warm entry held in this process's memory. It serves
// exactly what read() would serve without waiting (fresh, or stale within stale-while-revalidate,
// which starts the one background refresh), and nothing else: a missing or too old entry, or a
// store that is not in memory (Redis), is left to read().
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/state/memory-store.js';
import { SharedCache } from '../../src/state/shared-cache.js';
import type { CacheStore } from '../../src/state/store.js';

function setup(store: CacheStore = new MemoryStore(100)) {
  const clock = { t: 1_700_000_000_000 };
  const cache = new SharedCache(store, { ttlSeconds: 60, staleWhileRevalidateSeconds: 60, staleIfErrorSeconds: 600, now: () => clock.t });
  let loads = 0;
  const load = (value: string) => async () => {
    loads += 1;
    return value;
  };
  return { cache, clock, load, loads: () => loads };
}

describe('SharedCache.peek', () => {
  it('answers a fresh entry at once, without a load, and counts it as a hit', async () => {
    const { cache, load, loads } = setup();
    expect(cache.peek('k', load('never'))).toBeUndefined();
    await cache.read('k', load('v1'));
    expect(cache.peek('k', load('never'))?.value).toBe('v1');
    expect(loads()).toBe(1);
    expect(cache.stats.hits).toBe(1);
  });

  it('within stale-while-revalidate answers the stale entry and starts one background refresh', async () => {
    const { cache, clock, load, loads } = setup();
    await cache.read('k', load('v1'));
    clock.t += 90_000;
    expect(cache.peek('k', load('v2'))?.value).toBe('v1');
    expect(cache.peek('k', load('v3'))?.value).toBe('v1');
    expect(cache.loading).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(loads()).toBe(2);
    expect(cache.peek('k', load('never'))?.value).toBe('v2');
  });

  it('leaves an entry past stale-while-revalidate to read(), which waits for the load', async () => {
    const { cache, clock, load } = setup();
    await cache.read('k', load('v1'));
    clock.t += 121_000;
    expect(cache.peek('k', load('never'))).toBeUndefined();
    expect(cache.loading).toBe(0);
    expect((await cache.read('k', load('v2'))).value).toBe('v2');
  });

  it('answers nothing from a store that is not in this process (it has no peek)', async () => {
    const memory = new MemoryStore(100);
    const remote: CacheStore = { get: (k) => memory.get(k), set: (k, v, t) => memory.set(k, v, t), delete: (k) => memory.delete(k), clear: () => memory.clear() };
    const { cache, load } = setup(remote);
    await cache.read('k', load('v1'));
    expect(cache.peek('k', load('never'))).toBeUndefined();
    expect((await cache.read('k', load('never'))).value).toBe('v1');
  });
});
