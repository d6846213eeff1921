// Fault injection: random faults at configured rates, plus a FIFO script of one-shot faults that
// take precedence. Draws come from their own seeded stream, so a run repeats exactly and turning
// faults on never changes the seeded data.
//
// Transport faults ('status', 'drop', 'delay', 'dropAfter') are decided when a request arrives.
// Business faults ('orderGroupError') wait in their own queue until a checkout actually places
// orders, so a checkout refused earlier (a transport fault, a 404, a replayed response) leaves
// them for the next one.
import { z } from 'zod';
import { FaultCode } from './errors.js';
import { createRandom, deriveSeed } from './random.js';
import type { Random } from './random.js';
import { ROUTE } from './routes/keys.js';
import type { SandboxFaultSettings, ScriptedFault } from './types.js';

const ratio = z.number().min(0).max(1);
const millis = z.number().int().min(0).max(600_000);

export const faultSettingsSchema = z.strictObject({
  latencyMs: millis,
  jitterMs: millis,
  rate429: ratio,
  retryAfterSeconds: z.number().int().min(0).max(3_600),
  rate5xx: ratio,
  rateDrop: ratio,
}).partial();

export const scriptedFaultSchema = z
  .strictObject({
    route: z.string().min(1).optional(),
    kind: z.enum(['status', 'drop', 'delay', 'dropAfter', 'orderGroupError']),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3_600).optional(),
    delayMs: millis.optional(),
    times: z.number().int().min(1).optional(),
    orderGroup: z.string().min(1).optional(),
    code: z.number().int().optional(),
    description: z.string().min(1).max(1_024).optional(),
  })
  .refine((f) => f.kind !== 'status' || f.status !== undefined, { message: "a 'status' fault needs a status", path: ['status'] })
  .refine((f) => f.kind !== 'orderGroupError' || f.orderGroup !== undefined, {
    message: "an 'orderGroupError' fault needs an orderGroup",
    path: ['orderGroup'],
  })
  .refine((f) => f.kind !== 'orderGroupError' || f.route === undefined || f.route === ROUTE.checkoutCart, {
    message: `an 'orderGroupError' fault applies to '${ROUTE.checkoutCart}' only`,
    path: ['route'],
  });

export type FaultOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds: number }
  | { readonly kind: 'drop' }
  | { readonly kind: 'delay'; readonly delayMs: number }
  /** Process the request, then drop the connection: the caller cannot know that it succeeded. */
  | { readonly kind: 'dropAfter' };

/** One order group of the next checkout fails with this OrderError (reference §2.3). */
export interface OrderGroupFailure {
  readonly orderGroup: string;
  readonly code: number;
  readonly description: string;
}

const NO_FAULTS: SandboxFaultSettings = { latencyMs: 0, jitterMs: 0, rate429: 0, retryAfterSeconds: 1, rate5xx: 0, rateDrop: 0 };
const DEFAULT_DELAY_MS = 1_000;

interface QueuedFault {
  readonly fault: ScriptedFault;
  remaining: number;
}

export class FaultEngine {
  private current: SandboxFaultSettings;
  private readonly queue: QueuedFault[] = [];
  private readonly orderGroupQueue: QueuedFault[] = [];
  private readonly random: Random;

  constructor(
    seed: number,
    initial: Partial<SandboxFaultSettings>,
    /** Scripted faults must name one of these, so a typo fails loudly instead of never firing. */
    private readonly knownRoutes: ReadonlySet<string>,
  ) {
    this.random = createRandom(deriveSeed(seed, 'faults'));
    this.current = { ...NO_FAULTS, ...faultSettingsSchema.parse(initial) };
  }

  settings(): SandboxFaultSettings {
    return this.current;
  }

  /** Validates, then merges: a bad setting leaves the current ones untouched. */
  update(partial: Partial<SandboxFaultSettings>): SandboxFaultSettings {
    this.current = { ...this.current, ...faultSettingsSchema.parse(partial) };
    return this.current;
  }

  enqueue(fault: ScriptedFault): void {
    const parsed = scriptedFaultSchema.parse(fault);
    if (parsed.route !== undefined && !this.knownRoutes.has(parsed.route)) {
      throw new RangeError(`unknown route key '${parsed.route}'; expected one of: ${[...this.knownRoutes].join(', ')}`);
    }
    const queue = parsed.kind === 'orderGroupError' ? this.orderGroupQueue : this.queue;
    queue.push({ fault: parsed, remaining: parsed.times ?? 1 });
  }

  /** Called by a checkout that places orders: uses up one turn of every queued order-group fault. */
  takeOrderGroupFailures(): OrderGroupFailure[] {
    const failures = this.orderGroupQueue.map(({ fault }) => ({
      orderGroup: fault.orderGroup ?? '0',
      code: fault.code ?? FaultCode.riskCheckFailed,
      description: fault.description ?? 'Order failed Risk Management check',
    }));
    for (const entry of this.orderGroupQueue) entry.remaining -= 1;
    this.orderGroupQueue.splice(0, this.orderGroupQueue.length, ...this.orderGroupQueue.filter((q) => q.remaining > 0));
    return failures;
  }

  /** Decides the fate of one API request and how long to hold it first. */
  next(route: string): { outcome: FaultOutcome; latencyMs: number } {
    const s = this.current;
    // A fixed number of draws per request keeps the stream aligned whatever the outcome.
    const [jitter, drop, throttle, fail] = [this.random.next(), this.random.next(), this.random.next(), this.random.next()];
    const latencyMs = s.latencyMs + Math.floor(jitter * (s.jitterMs + 1));
    const scripted = this.takeScripted(route);
    if (scripted) return { outcome: scripted, latencyMs };
    if (drop < s.rateDrop) return { outcome: { kind: 'drop' }, latencyMs };
    if (throttle < s.rate429) return { outcome: { kind: 'status', status: 429, retryAfterSeconds: s.retryAfterSeconds }, latencyMs };
    if (fail < s.rate5xx) return { outcome: { kind: 'status', status: 503, retryAfterSeconds: s.retryAfterSeconds }, latencyMs };
    return { outcome: { kind: 'none' }, latencyMs };
  }

  private takeScripted(route: string): FaultOutcome | undefined {
    const index = this.queue.findIndex((q) => q.fault.route === undefined || q.fault.route === route);
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    const f = entry.fault;
    switch (f.kind) {
      case 'drop':
        return { kind: 'drop' };
      case 'delay':
        return { kind: 'delay', delayMs: f.delayMs ?? DEFAULT_DELAY_MS };
      case 'dropAfter':
        return { kind: 'dropAfter' };
      case 'status':
        return { kind: 'status', status: f.status ?? 503, retryAfterSeconds: f.retryAfterSeconds ?? this.current.retryAfterSeconds };
      case 'orderGroupError':
        return undefined; // queued apart, in orderGroupQueue; listed to keep the switch exhaustive
    }
  }
}
