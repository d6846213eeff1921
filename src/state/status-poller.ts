// One poller per watched resource, however many watchers: it asks upstream with backoff, tells
// every watcher each change once, and stops at a terminal state or when the last watcher leaves.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PollerOptions<T> {
  fetch: () => Promise<T>;
  /** Equal states are not sent again. */
  same: (a: T, b: T) => boolean;
  terminal: (value: T) => boolean;
  initialDelayMs: number;
  maxDelayMs: number;
}

interface Watcher<T> {
  push(value: T): void;
  fail(error: unknown): void;
  end(): void;
}

class Poller<T> {
  readonly watchers = new Set<Watcher<T>>();
  private last: T | undefined;
  private readonly stop = new AbortController();

  constructor(
    private readonly options: PollerOptions<T>,
    private readonly onDone: () => void,
  ) {
    void this.run();
  }

  add(w: Watcher<T>): void {
    this.watchers.add(w);
    // A late watcher starts from the state the others already saw.
    if (this.last !== undefined) w.push(this.last);
  }

  remove(w: Watcher<T>): void {
    this.watchers.delete(w);
    if (this.watchers.size === 0) this.finish();
  }

  private finish(): void {
    this.stop.abort();
    this.onDone();
  }

  private async run(): Promise<void> {
    let delay = this.options.initialDelayMs;
    while (!this.stop.signal.aborted) {
      let value: T;
      try {
        value = await this.options.fetch();
      } catch (err) {
        for (const w of this.watchers) w.fail(err);
        return this.finish();
      }
      if (this.last === undefined || !this.options.same(this.last, value)) {
        this.last = value;
        for (const w of this.watchers) w.push(value);
      }
      if (this.options.terminal(value)) {
        for (const w of this.watchers) w.end();
        return this.finish();
      }
      await sleep(delay, undefined, { signal: this.stop.signal }).catch(() => undefined);
      delay = Math.min(Math.round(delay * 1.5), this.options.maxDelayMs);
    }
  }
}

export class StatusPollers {
  private readonly pollers = new Map<string, Poller<unknown>>();

  /** Watches `key`: values arrive through the callbacks; call the returned function to leave. */
  watch<T>(key: string, options: PollerOptions<T>, watcher: Watcher<T>): () => void {
    let poller = this.pollers.get(key) as Poller<T> | undefined;
    if (!poller) {
      poller = new Poller<T>(options, () => this.pollers.delete(key));
      this.pollers.set(key, poller as Poller<unknown>);
    }
    poller.add(watcher);
    const p = poller;
    return () => p.remove(watcher);
  }

  /** How many resources are being polled now (for tests and metrics). */
  get active(): number {
    return this.pollers.size;
  }
}
