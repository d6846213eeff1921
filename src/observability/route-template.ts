// The route of an upstream call as a label value: its path with every id replaced by {id}
// ('/customers/3f.../orders/abc' → '/customers/{id}/orders/{id}'). A segment is kept only when it is
// one of the resource names of the Partner Center API the gateway calls; anything else is an id.
// So the set of label values is bounded by this list, whatever ids, links or typos arrive: a
// rule that guessed ids by their shape would let an unexpected shape through as a new series.
const RESOURCE_SEGMENTS: ReadonlySet<string> = new Set([
  'products',
  'skus',
  'availabilities',
  'customers',
  'carts',
  'checkout',
  'orders',
  'provisioningstatus',
  'subscriptions',
  'invoices',
  'lineitems',
  'unbilled',
  'operations',
  'upgrades',
  'transitions',
  'addons',
  'users',
  'profiles',
  'billingprofile',
  'companyprofile',
  'usagerecords',
  'registrationstatus',
  'activationlinks',
]);

/** Longest template kept; Partner Center paths have at most seven segments. */
const MAX_SEGMENTS = 8;

/** '/customers/{id}/orders' for '/customers/3f2a…/orders' (a path relative to the version root, no query). */
export function routeTemplate(apiPath: string): string {
  const segments = apiPath.split('/').filter((s) => s !== '');
  const parts = segments.slice(0, MAX_SEGMENTS).map((s) => (RESOURCE_SEGMENTS.has(s.toLowerCase()) ? s.toLowerCase() : '{id}'));
  if (segments.length > MAX_SEGMENTS) parts.push('…');
  return `/${parts.join('/')}`;
}
