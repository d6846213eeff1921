// Shared bits of the commerce tests.
import { WRITE_ROUTES, type Sandbox } from '../../src/sandbox/index.js';

/** The id of the first seeded customer billed in `country`, read straight from the sandbox. */
export async function findCustomer(sandboxUrl: string, country: string): Promise<string> {
  const list = (await (await fetch(`${sandboxUrl}/v1/customers?size=500`)).json()) as { items: { id: string }[] };
  for (const { id } of list.items) {
    const c = (await (await fetch(`${sandboxUrl}/v1/customers/${id}`)).json()) as { billingProfile?: { defaultAddress?: { country?: string } } };
    if (c.billingProfile?.defaultAddress?.country === country) return id;
  }
  throw new Error(`no customer in ${country}`);
}

/** Requests the sandbox received on write routes (POST/PUT/PATCH). */
export function writeCalls(sandbox: Sandbox): number {
  const counters = sandbox.counters();
  return WRITE_ROUTES.reduce((n, route) => n + (counters[route] ?? 0), 0);
}
