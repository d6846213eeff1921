// The in-process status poller (a gateway without Redis): one poll at a time per resource however
// many watch it, each change once, a late watcher starts from the last state, polling stops with the
// last watcher and at a terminal state. Upstream answers only when the test says, so every count is exact.
import { describe, expect, it, vi } from 'vitest';
import { StatusPollers, type PollerOptions, type Watcher } from '../../src/state/status-poller.js';

interface Status {
  status: string;
}

/** Upstream whose calls wait until the test answers them, oldest first; every call is counted. */
function gatedUpstream() {
  const waiting: { resolve: (s: Status) => void; reject: (e: unknown) => void }[] = [];
  const up = {
    calls: 0,
    get inFlight() {
      return waiting.length;
    },
    fetch: () =>
      new Promise<Status>((resolve, reject) => {
        up.calls += 1;
        waiting.push({ resolve, reject });
      }),
    async next() {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0));
      return waiting.shift() as (typeof waiting)[number];
    },
    answer: async (status: string) => (await up.next()).resolve({ status }),
    fail: async (error: unknown) => (await up.next()).reject(error),
  };
  return up;
}

function options(fetch: () => Promise<Status>): PollerOptions<Status> {
  return {
    fetch,
    same: (a, b) => a.status === b.status,
    terminal: (s) => s.status === 'completed',
    initialDelayMs: 1,
    maxDelayMs: 1,
    parse: (v) => v as Status,
  };
}

function watcher(): Watcher<Status> & { seen: string[]; ended: boolean; error: unknown } {
  const w = {
    seen: [] as string[],
    ended: false,
    error: undefined as unknown,
    push: (s: Status) => void w.seen.push(s.status),
    fail: (e: unknown) => void (w.error = e),
    end: () => void (w.ended = true),
  };
  return w;
}

describe('StatusPollers without Redis', () => {
  it('polls once per round for ten watchers and tells each of them each change once', async () => {
    const pollers = new StatusPollers();
    const up = gatedUpstream();
    const watchers = Array.from({ length: 10 }, () => watcher());
    for (const w of watchers) pollers.watch('scope:customer:order', options(up.fetch), w);
    expect(pollers.active).toBe(1);
    await up.answer('pending');
    await vi.waitFor(() => expect(up.inFlight).toBe(1));
    await up.answer('pending'); // no change: nobody is told again
    await up.answer('completed');
    await vi.waitFor(() => expect(watchers.every((w) => w.ended)).toBe(true));
    expect(watchers.map((w) => w.seen)).toEqual(Array.from({ length: 10 }, () => ['pending', 'completed']));
    expect(up.calls).toBe(3);
    expect(pollers.active).toBe(0);
    expect(pollers.polling).toBe(0);
  });

  it('gives a late watcher the last state without asking upstream', async () => {
    const pollers = new StatusPollers();
    const up = gatedUpstream();
    const first = watcher();
    const leaveFirst = pollers.watch('k', options(up.fetch), first);
    await up.answer('pending');
    await vi.waitFor(() => expect(up.inFlight).toBe(1));
    const late = watcher();
    const leaveLate = pollers.watch('k', options(up.fetch), late);
    expect(late.seen).toEqual(['pending']);
    expect(up.calls).toBe(2); // the first answered, the next one under way
    leaveFirst();
    leaveLate();
  });

  it('stops polling when the last watcher leaves, and starts anew for the next one', async () => {
    const pollers = new StatusPollers();
    const up = gatedUpstream();
    const w = watcher();
    const leave = pollers.watch('k', options(up.fetch), w);
    await up.answer('pending');
    await vi.waitFor(() => expect(up.inFlight).toBe(1));
    leave();
    expect(pollers.active).toBe(0);
    await up.answer('completed'); // the call under way when it left: nobody hears of it
    expect(w.seen).toEqual(['pending']);
    expect(up.inFlight).toBe(0);
    expect(up.calls).toBe(2);
    const again = watcher();
    pollers.watch('k', options(up.fetch), again);
    await up.answer('completed');
    await vi.waitFor(() => expect(again.ended).toBe(true));
    expect(again.seen).toEqual(['completed']);
    expect(up.calls).toBe(3);
  });

  it('hands a failure to every watcher and forgets the resource', async () => {
    const pollers = new StatusPollers();
    const up = gatedUpstream();
    const watchers = [watcher(), watcher()];
    for (const w of watchers) pollers.watch('k', options(up.fetch), w);
    const error = new Error('order not found');
    await up.fail(error);
    await vi.waitFor(() => expect(watchers.map((w) => w.error)).toEqual([error, error]));
    expect(pollers.active).toBe(0);
    expect(up.calls).toBe(1);
  });
});
