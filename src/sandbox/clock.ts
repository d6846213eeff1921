// The sandbox's controllable clock: an offset over the injected clock (or the wall clock), so time
// keeps flowing after advance() or set() and tests can jump days ahead without timers. Every
// time-dependent rule (order completion, list delay, cart expiry, refund and cancellation windows,
// pending subscription changes, the unbilled period) reads this clock.
import type { Clock, SandboxClock } from './types.js';

export class ControllableClock implements SandboxClock {
  private offsetMs = 0;

  constructor(private readonly base: Clock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** Moves time forward; going back is what set() is for. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() takes a non-negative number of milliseconds; got ${ms}`);
    this.offsetMs += ms;
  }

  /** From now on the clock reads `date`, then keeps flowing with the underlying clock. */
  set(date: Date | string): void {
    const at = typeof date === 'string' ? Date.parse(date) : date.getTime();
    if (Number.isNaN(at)) throw new RangeError(`set() needs a valid date; got ${String(date)}`);
    this.offsetMs = at - this.base.now().getTime();
  }

  /** Back to following the underlying clock. */
  reset(): void {
    this.offsetMs = 0;
  }
}
