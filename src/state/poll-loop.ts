// One polling loop: ask upstream, hand the answer on, wait (backing off), again, until a terminal
// value, a failure or stop(). What the answers mean (deliver here, publish to the fleet) is the
// sink's business, so the same loop serves an in-process poller and a lease holder.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PollLoopOptions<T> {
  fetch: () => Promise<T>;
  terminal: (value: T) => boolean;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface PollSink<T> {
  /** Awaited before the next wait, so a slow publish never overlaps the next poll. */
  value(value: T): Promise<void>;
  error(error: unknown): Promise<void>;
}

export class PollLoop<T> {
  private readonly stopper = new AbortController();

  constructor(
    private readonly options: PollLoopOptions<T>,
    private readonly sink: PollSink<T>,
  ) {}

  /** Polls at once, then after each wait. */
  start(): void {
    void this.run();
  }

  /** An answer still on its way is dropped: whoever stopped the loop has someone else to ask. */
  stop(): void {
    this.stopper.abort();
  }

  private get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  private async run(): Promise<void> {
    let delay = this.options.initialDelayMs;
    while (!this.stopped) {
      let value: T;
      try {
        value = await this.options.fetch();
      } catch (err) {
        if (!this.stopped) await this.sink.error(err);
        return;
      }
      if (this.stopped) return;
      await this.sink.value(value);
      if (this.options.terminal(value)) return;
      await sleep(delay, undefined, { signal: this.stopper.signal }).catch(() => undefined);
      delay = Math.min(Math.round(delay * 1.5), this.options.maxDelayMs);
    }
  }
}
