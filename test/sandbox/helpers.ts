// Shared helpers for the sandbox tests: typed views of the wire JSON and a fetch wrapper.
import type { Sandbox } from '../../src/sandbox/index.js';

export interface WireLink {
  uri: string;
  method: string;
  headers: { key: string; value: string }[];
}

export interface WireCollection<T> {
  totalCount: number;
  items: T[];
  continuationToken?: string;
  links: { self: WireLink; next?: WireLink };
  attributes: { objectType: string };
}

export interface WireProduct {
  id: string;
  title: string;
  productType: { id: string; displayName: string };
  isMicrosoftProduct: boolean;
  publisherName: string;
  links: { skus: WireLink; self: WireLink };
  attributes?: unknown;
}

export interface WireSku {
  id: string;
  productId: string;
  title: string;
  minimumQuantity: number;
  maximumQuantity: number;
  isTrial: boolean;
  supportedBillingCycles: string[];
  inventoryVariables: unknown[];
  provisioningVariables: unknown[];
  actions: string[];
  dynamicAttributes: { isAddon: boolean; prerequisiteSkus: string[]; provisioningId: string; [key: string]: unknown };
  links: { availabilities: WireLink; self: WireLink };
}

export interface WireTerm {
  id: string;
  duration: string;
  description: string;
  billingCycle: string;
  cancellationPolicies: { refundOptions: { sequenceId: number; type: string; expiresAfter: string }[] }[];
}

export interface WireAvailability {
  id: string;
  productId: string;
  skuId: string;
  catalogItemId: string;
  defaultCurrency: { code: string; symbol: string };
  segment: string;
  country: string;
  isPurchasable: boolean;
  isRenewable: boolean;
  terms: WireTerm[];
  links: { self: WireLink };
}

export interface WireCustomer {
  id: string;
  companyProfile: { tenantId: string; domain: string; companyName: string };
  relationshipToPartner: string;
  billingProfile?: { defaultAddress: { country: string } };
  attributes: { objectType: string };
}

export interface WireFault {
  code: number;
  description: string;
  data: unknown[];
  source: string;
}

export interface Fetched<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** GET an API path (with or without /v1; links omit it) and parse the JSON body. */
export async function get<T>(sandbox: Sandbox, path: string, headers: Record<string, string> = {}): Promise<Fetched<T>> {
  const full = /^\/(v1\/|_sandbox)/i.test(path) ? path : `/v1${path}`;
  const res = await fetch(`${sandbox.url}${full}`, { headers: { Authorization: 'Bearer test-token', ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text === '' ? undefined : JSON.parse(text)) as T, text };
}

/** Follows a link the way the .NET SDK does: its uri under /v1, with every header it names. */
export function follow<T>(sandbox: Sandbox, link: WireLink): Promise<Fetched<T>> {
  return get<T>(sandbox, link.uri, Object.fromEntries(link.headers.map((h) => [h.key, h.value])));
}
