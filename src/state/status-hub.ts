// The watchers of one resource in this process, and what they have been told. Values may come from
// several sources (this process's poll, another replica's publication, the state stored in Redis,
// the same change by two of them): the hub tells each watcher each change once, in order.
export interface Watcher<T> {
  push(value: T): void;
  fail(error: unknown): void;
  end(): void;
}

export class StatusHub<T> {
  private readonly watchers = new Set<Watcher<T>>();
  private latest: T | undefined;
  /** The newest fleet sequence number seen; 0 before any (and after resetSeq). */
  private seq = 0;
  private over = false;

  constructor(
    private readonly same: (a: T, b: T) => boolean,
    /** Once: when the watch ends (terminal value, failure) or its last watcher leaves. */
    private readonly onClose: () => void,
  ) {}

  get last(): T | undefined {
    return this.latest;
  }

  get lastSeq(): number {
    return this.seq;
  }

  get closed(): boolean {
    return this.over;
  }

  /** How many watchers it tells now. */
  get size(): number {
    return this.watchers.size;
  }

  add(w: Watcher<T>): void {
    this.watchers.add(w);
    // A late watcher starts from the state the others already saw.
    if (this.latest !== undefined) w.push(this.latest);
  }

  remove(w: Watcher<T>): void {
    if (!this.watchers.delete(w) || this.watchers.size > 0) return;
    this.close();
  }

  /**
   * A value, with the fleet's sequence number when it came through Redis: one older than a value
   * already seen is dropped (a stored state read after a newer publication arrived). Values polled
   * in this process carry none.
   */
  offer(value: T, terminal: boolean, seq?: number): void {
    if (this.over) return;
    if (seq !== undefined) {
      if (seq <= this.seq) return;
      this.seq = seq;
    }
    if (this.latest === undefined || !this.same(this.latest, value)) {
      this.latest = value;
      for (const w of this.watchers) w.push(value);
    }
    if (terminal) {
      for (const w of this.watchers) w.end();
      this.close();
    }
  }

  fail(error: unknown): void {
    if (this.over) return;
    for (const w of this.watchers) w.fail(error);
    this.close();
  }

  /** Sequence numbers restart when Redis does (nothing is persisted): forget ours on (re)joining. */
  resetSeq(): void {
    this.seq = 0;
  }

  private close(): void {
    if (this.over) return;
    this.over = true;
    this.onClose();
  }
}
