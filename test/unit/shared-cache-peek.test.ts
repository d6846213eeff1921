// SharedCache.peek: the synchronous read of a warm entry held in this process's memory. It serves
// exactly what read() would serve without waiting (fresh, or stale within stale-while-revalidate,
// which starts the one background refresh), and nothing else: a missing or too old entry is left
// to read(). Over a store outside this process (Redis) it serves the copies of what it read or wrote.
import { describe, expect, it, vi } from 'vitest';
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

});

describe('SharedCache.peek over a store outside this process (Redis)', () => {
  const remoteStore = () => {
    const memory = new MemoryStore(100);
    const store: CacheStore = { get: (k) => memory.get(k), set: (k, v, t) => memory.set(k, v, t), delete: (k) => memory.delete(k), clear: () => memory.clear() };
    return { memory, store };
  };

  it('serves its copy of an entry it read or wrote while fresh, and nothing once the TTL is past or after a clear', async () => {
    const { store } = remoteStore();
    const { cache, clock, load } = setup(store);
    await cache.read('k', load('v1'));
    expect(cache.peek('k', load('never'))?.value).toBe('v1');
    clock.t += 61_000;
    expect(cache.peek('k', load('never'))).toBeUndefined();
    // Stale: read() serves it from the store and refreshes it; the refresh's entry is copied too.
    expect((await cache.read('k', load('v2'))).value).toBe('v1');
    await vi.waitFor(() => expect(cache.peek('k', load('never'))?.value).toBe('v2'));
    await cache.clear();
    expect(cache.peek('k', load('never'))).toBeUndefined();
  });

  it('copies what another replica stored once it has read it', async () => {
    const { memory, store } = remoteStore();
    const { cache, clock, load } = setup(store);
    await memory.set('k', { fetchedAt: clock.t, value: 'theirs' }, 600_000);
    expect(cache.peek('k', load('never'))).toBeUndefined();
    expect((await cache.read('k', load('never'))).value).toBe('theirs');
    expect(cache.peek('k', load('never'))?.value).toBe('theirs');
  });
});
