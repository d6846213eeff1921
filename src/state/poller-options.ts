// What a status poller needs to know about the resource it watches, and the error its watchers get
// when the poller of another replica failed (errors themselves do not cross Redis, their codes do).
import type { PollLoopOptions } from './poll-loop.js';

export interface PollerOptions<T> extends PollLoopOptions<T> {
  /** Equal states are not sent again. */
  same: (a: T, b: T) => boolean;
  /**
   * Reads back a value another replica stored or published (it travels as JSON); throws when it is
   * not a T. Only used with Redis.
   */
  parse: (value: unknown) => T;
  /** A short code for a failure, for the watchers on other replicas (PollFailure.code); 'error' when absent. */
  failureCode?: (error: unknown) => string;
}

/** The poller of another replica failed: `code` is what its failureCode said. */
export class PollFailure extends Error {
  constructor(readonly code: string) {
    super(`The status poller failed (${code}).`);
    this.name = 'PollFailure';
  }
}
