// A bounded closed-loop load generator over undici: `concurrency` workers, one keep-alive
// connection each, send the same GraphQL POST back to back until `requests` have been sent or
// `maxSeconds` have passed, whichever comes first. Only loopback targets, never more than asked
// (plus one unmeasured request per connection to open it).
import { errors, Pool } from 'undici';

export interface LoadPlan {
  /** http://127.0.0.1:<port>/graphql */
  readonly url: string;
  readonly body: string;
  readonly requests: number;
  readonly concurrency: number;
  readonly maxSeconds: number;
  /** A request without a whole answer by then counts as a timeout. */
  readonly timeoutMs: number;
  /** Runs once the connections are open, just before the clock starts (e.g. reset upstream counters). */
  readonly beforeStart?: () => Promise<void>;
}

export interface LoadResult {
  readonly sent: number;
  readonly ok: number;
  /** Answers that were not 200 or carried GraphQL errors, and network errors. */
  readonly errors: number;
  readonly timeouts: number;
  readonly seconds: number;
  /** Latencies of the successful requests, ascending, in ms. */
  readonly latenciesMs: Float64Array;
  /** True when the time bound ended the round before the count did. */
  readonly capped: boolean;
  readonly firstError?: string;
}


function isTimeout(error: unknown): boolean {
  return error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError || error instanceof errors.ConnectTimeoutError;
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const target = new URL(plan.url);
  // Every contender listens on 127.0.0.1: load goes nowhere else, whatever a caller passes.
  if (target.hostname !== '127.0.0.1') throw new Error(`load is only sent to 127.0.0.1, not ${target.hostname}`);
  const pool = new Pool(target.origin, {
    connections: plan.concurrency,
    pipelining: 1,
    headersTimeout: plan.timeoutMs,
    bodyTimeout: plan.timeoutMs,
    connectTimeout: plan.timeoutMs,
  });
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  // Open every connection before the clock starts: "warm" means keep-alive serving, not 200
  // simultaneous TCP handshakes (whose SYN retries would show up as 1 s outliers in p99).
  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      const res = await pool.request({ path: target.pathname, method: 'POST', headers, body: plan.body }).catch(() => undefined);
      await res?.body.text();
    }),
  );
  await plan.beforeStart?.();
  const latencies = new Float64Array(plan.requests);
  let sent = 0;
  let ok = 0;
  let failed = 0;
  let timeouts = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const stopAt = started + plan.maxSeconds * 1000;
  let capped = false;

  const worker = async (): Promise<void> => {
    for (;;) {
      if (sent >= plan.requests) return;
      if (performance.now() >= stopAt) {
        capped = true;
        return;
      }
      sent += 1;
      const t0 = performance.now();
      try {
        const res = await pool.request({ path: target.pathname, method: 'POST', headers, body: plan.body });
        const text = await res.body.text();
        // A GraphQL error still comes with 200: look for it, so a broken contender cannot look fast.
        if (res.statusCode === 200 && !text.includes('"errors":')) latencies[ok++] = performance.now() - t0;
        else {
          failed += 1;
          firstError ??= `HTTP ${res.statusCode}: ${text.slice(0, 300)}`;
        }
      } catch (error) {
        if (isTimeout(error)) timeouts += 1;
        else {
          failed += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }
  };

  // A hard stop in case a contender hangs: every request is bounded by timeoutMs already, this
  // bounds the round as a whole.
  const hardStop = setTimeout(() => void pool.destroy(), plan.maxSeconds * 1000 + plan.timeoutMs + 1_000);
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
  } finally {
    clearTimeout(hardStop);
  }
  const seconds = (performance.now() - started) / 1000;
  await pool.close().catch(() => undefined);
  return {
    sent,
    ok,
    errors: failed,
    timeouts,
    seconds,
    latenciesMs: latencies.slice(0, ok).sort(),
    capped,
    ...(firstError === undefined ? {} : { firstError }),
  };
}
