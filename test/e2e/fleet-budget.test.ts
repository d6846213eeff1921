// The fleet-wide upstream budget end to end: three gateway processes over one redis-server and one
// sandbox process, with a small budget (30 calls a minute for the partner, 10 for each customer).
// Under a few hundred customer reads spread over the replicas, the sandbox's own record of the
// requests it received stays within the budget per scope in the window, and every caller beyond
// it gets THROTTLED with retryAfter. A 429 with Retry-After seen by one replica holds the others
// back. Everything asserted happens within the first budget window: nothing waits a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet, type FleetResponse } from '../helpers/fleet.js';

const PARTNER_PER_MIN = 30;
const CUSTOMER_PER_MIN = 10;
const WINDOW_MS = 60_000;
const CUSTOMER = 'query ($id: ID!) { customer(customerId: $id) { customerId companyName } }';

let fleet: Fleet;
let ids: string[];

beforeAll(async () => {
  fleet = await startFleet({
    replicas: 3,
    gatewayEnv: { UPSTREAM_BUDGET_PARTNER_PER_MIN: String(PARTNER_PER_MIN), UPSTREAM_BUDGET_CUSTOMER_PER_MIN: String(CUSTOMER_PER_MIN) },
  });
  // The seeded customers, read from the sandbox itself; then its record starts empty.
  const list = (await (await fetch(`${fleet.sandboxUrl}/v1/customers?size=500`)).json()) as { items: { id: string }[] };
  ids = list.items.map((c) => c.id);
  expect(ids.length).toBeGreaterThanOrEqual(7);
  await fleet.resetCounters();
}, 60_000);
afterAll(async () => {
  await fleet?.stop();
});

/** Reads customer `id` through replica `i % 3`. */
function read(i: number, id: string): Promise<FleetResponse> {
  const replica = fleet.replicas[i % fleet.replicas.length];
  if (!replica) throw new Error('no replica');
  return replica.gql(CUSTOMER, { id });
}

/** Runs `reads` (customer ids) over the replicas in turn, `parallel` at a time; answers in order. */
async function load(reads: string[], parallel = 12): Promise<FleetResponse[]> {
  const answers: FleetResponse[] = new Array<FleetResponse>(reads.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < reads.length; i = next++) answers[i] = await read(i, reads[i] as string);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return answers;
}

function expectThrottled(answer: FleetResponse): number {
  expect(answer.data?.customer ?? null).toBeNull();
  const extensions = answer.errors?.[0]?.extensions;
  expect(extensions?.code).toBe('THROTTLED');
  const retryAfter = extensions?.retryAfter;
  expect(typeof retryAfter).toBe('number');
  return retryAfter as number;
}

/** The sandbox's requests in the first window (from its first request), per scope. */
async function firstWindow(): Promise<{ partner: number; perCustomer: Map<string, number> }> {
  const requests = await fleet.requests();
  const start = Math.min(...requests.map((r) => Date.parse(r.at)));
  const inWindow = requests.filter((r) => Date.parse(r.at) < start + WINDOW_MS);
  const perCustomer = new Map<string, number>();
  for (const r of inWindow) {
    const id = /^\/v1\/customers\/([^/]+)/.exec(r.path)?.[1]?.toLowerCase();
    if (id) perCustomer.set(id, (perCustomer.get(id) ?? 0) + 1);
  }
  return { partner: inWindow.length, perCustomer };
}

const calls = async (id: string) => (await firstWindow()).perCustomer.get(id.toLowerCase()) ?? 0;

describe('a fleet-wide upstream budget', () => {
  it('holds a customer back on every replica after one replica saw a 429 with Retry-After', async () => {
    const [paused, other] = ids as [string, string];
    await fleet.admin('/_sandbox/script', 'POST', { route: 'GET /v1/customers/{customerId}', kind: 'status', status: 429, retryAfterSeconds: 30 });
    // 30 s does not fit the 15 s deadline: the first replica's caller gets THROTTLED at once.
    expect(expectThrottled(await read(0, paused))).toBe(30);
    // The other replicas never saw the 429, yet do not call for that customer while it lasts.
    for (const i of [1, 2]) {
      const retryAfter = expectThrottled(await read(i, paused));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(30);
    }
    expect(await calls(paused)).toBe(1);
    // The pause is the customer's: another customer is served.
    const served = await read(1, other);
    expect(served.errors).toBeUndefined();
    expect(served.data).toMatchObject({ customer: { customerId: other } });
    expect(await calls(other)).toBe(1);
  });

  it('keeps the sandbox within the budget per scope under load on three replicas, and throttles the rest', async () => {
    const [a, b, c, d, e] = ids.slice(2, 7) as [string, string, string, string, string];
    // Two customers read 100 times each: each customer's budget (10) binds first.
    const heavy = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a : b));
    const first = await load(heavy);
    // Three more customers, 30 reads each: now the partner's budget (30 in all) binds.
    const spread = Array.from({ length: 90 }, (_, i) => [c, d, e][i % 3] as string);
    const second = await load(spread);

    const window = await firstWindow();
    // 2 calls of the first test, 10 + 10 here, then the partner's last 8: exactly the budget.
    expect(window.partner).toBe(PARTNER_PER_MIN);
    for (const [, n] of window.perCustomer) expect(n).toBeLessThanOrEqual(CUSTOMER_PER_MIN);
    expect(window.perCustomer.get(a.toLowerCase())).toBe(CUSTOMER_PER_MIN);
    expect(window.perCustomer.get(b.toLowerCase())).toBe(CUSTOMER_PER_MIN);
    const spreadCalls = [c, d, e].reduce((n, id) => n + (window.perCustomer.get(id.toLowerCase()) ?? 0), 0);
    expect(spreadCalls).toBe(PARTNER_PER_MIN - 2 - 2 * CUSTOMER_PER_MIN);

    // Each answer is a served customer (one upstream call each, none retried) or THROTTLED with
    // retryAfter within the window; nothing else.
    const answers = [...first, ...second];
    const served = answers.filter((r) => r.errors === undefined);
    expect(served.length).toBe(2 * CUSTOMER_PER_MIN + spreadCalls);
    for (const r of answers) {
      if (r.errors === undefined) continue;
      const retryAfter = expectThrottled(r);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // The gateway refused it itself: Partner Center was not called, so there is no upstream status.
      expect((r.errors?.[0]?.extensions?.upstream as { status?: number } | undefined)?.status).toBeUndefined();
    }
    // Every replica refused some of each load (read i went to replica i % 3).
    for (const answered of [first, second]) {
      for (let replica = 0; replica < 3; replica++) {
        expect(answered.some((r, i) => i % 3 === replica && r.errors !== undefined)).toBe(true);
      }
    }
    const counters = await fleet.counters();
    expect(counters.total).toBe(PARTNER_PER_MIN);
  }, 60_000);
});
