// Which budget scopes a Partner Center call counts against. Partner Center counts requests per
// partner tenant, and for customer resources also per partner + customer tenant pair
// (https://learn.microsoft.com/partner-center/developer/api-throttling-guidance), so every call
// takes from the partner's bucket and a call under /customers/{customerId} also from that customer's.

/** The customer a request path names, for paths relative to the version root ('/customers/{id}/...'). */
export function customerOfPath(relativePath: string): string | undefined {
  const match = /^\/customers\/([^/?#]+)/.exec(relativePath);
  const raw = match?.[1];
  if (raw === undefined) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    id = raw;
  }
  // Tenant ids are GUIDs, which Partner Center reads without regard to case: one bucket per tenant.
  id = id.trim().toLowerCase();
  return id === '' ? undefined : id;
}

/** One piece of a Redis key: a scope may hold ':' (a host:port in open mode), which separates key parts. */
export function keyPart(value: string): string {
  return encodeURIComponent(value);
}
