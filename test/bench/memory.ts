// Resident memory of another process, read from outside (/proc/<pid>/status), so the figure is the
// contender's own and measuring it costs the contender nothing. Linux only, like the bench machine.
import { readFileSync } from 'node:fs';

export interface Rss {
  /** VmRSS: resident now. */
  readonly rssMiB: number;
  /** VmHWM: the highest resident size since the process started. */
  readonly peakMiB: number;
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] ? Number(match[1]) / 1024 : NaN;
}

export function readRss(pid: number): Rss {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMiB: field(status, 'VmRSS'), peakMiB: field(status, 'VmHWM') };
}

/** Samples VmRSS while a load runs; `stop()` returns the highest sample (the peak under load). */
export function sampleRss(pid: number, everyMs = 50): { stop(): number } {
  let max = readRss(pid).rssMiB;
  const timer = setInterval(() => {
    try {
      max = Math.max(max, readRss(pid).rssMiB);
    } catch {
      /* the process went away; its last sample stands */
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return max;
    },
  };
}
