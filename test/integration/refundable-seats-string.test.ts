// Partner Center may send numbers as strings (architecture rule 6). A local proxy in front of the
// sandbox turns refundableQuantity.totalQuantity into a string, as such an answer would arrive;
// a refused seat decrease must still report the seats that can be removed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/yoga.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { findCustomer } from '../helpers/commerce.js';

const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0K971';
const DAY = 86_400_000;

let sandbox: Sandbox;
let proxy: Server;
let gateway: Gateway;
let customerId: string;

/** Rewrites one JSON answer: every refundableQuantity.totalQuantity becomes its decimal string. */
function stringifyRefundable(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(stringifyRefundable);
  if (!body || typeof body !== 'object') return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'refundableQuantity' && v && typeof v === 'object' && 'totalQuantity' in v) {
      out[k] = { ...v, totalQuantity: String((v as { totalQuantity: unknown }).totalQuantity) };
    } else out[k] = stringifyRefundable(v);
  }
  return out;
}

function startProxy(target: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const hopByHop = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
        const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string' && !hopByHop.has(e[0])));
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const upstream = await fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) });
        const text = await upstream.text();
        const isJson = (upstream.headers.get('content-type') ?? '').includes('json') && text !== '';
        const out = isJson ? JSON.stringify(stringifyRefundable(JSON.parse(text))) : text;
        const kept = ['content-type', 'location', 'retry-after', 'ms-requestid', 'ms-correlationid', 'etag'];
        for (const h of kept) {
          const v = upstream.headers.get(h);
          if (v !== null) res.setHeader(h, v);
        }
        res.writeHead(upstream.status).end(out);
      })().catch(() => res.destroy());
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function gql(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data ?? {};
}

beforeAll(async () => {
  sandbox = await startSandbox({ commerce: { orderCompletionMs: 0 } });
  proxy = await startProxy(sandbox.url);
  const r = loadConfig({ LOG_LEVEL: 'silent' });
  if (!r.ok) throw new Error(r.problems.join());
  gateway = createGateway({ config: r.config, baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, logger: pino({ level: 'silent' }) });
  customerId = await findCustomer(sandbox.url, 'US');
});
afterAll(async () => {
  await gateway?.close();
  await new Promise((r) => proxy?.close(r));
  await sandbox?.close();
});

const UPDATE = `mutation($input: UpdateSubscriptionInput!) { updateSubscription(input: $input) {
  __typename
  ... on UpdateSubscriptionPayload { subscription { quantity refundableQuantity } }
  ... on SeatDecreaseNotAllowedError { code refundableQuantity } } }`;

it('reports refundable seats sent as a string on a refused seat decrease', async () => {
  const lineItems = [{ catalogItemId: BASIC, quantity: 5, billingCycle: 'MONTHLY', termDuration: 'P1Y' }];
  const cart = (await gql('mutation($input: CreateCartInput!) { createCart(input: $input) { __typename ... on CreateCartPayload { cart { cartId } } ... on Error { code message } } }', { input: { customerId, lineItems } }))
    .createCart as { cart: { cartId: string } };
  const out = (await gql('mutation($input: CheckoutCartInput!) { checkoutCart(input: $input) { ... on CheckoutCartPayload { orders { orderId } } } }', {
    input: { customerId, cartId: cart.cart.cartId, idempotencyKey: randomUUID() },
  })).checkoutCart as { orders: { orderId: string }[] };
  const subscriptionId = sandbox.state().subscriptions(customerId).find((s) => s.orderId === out.orders[0]?.orderId)?.id;
  expect(subscriptionId).toBeDefined();

  // The first 5 seats leave their refund window; 3 more open a new one.
  sandbox.clock.advance(8 * DAY);
  const more = await gql(UPDATE, { input: { customerId, subscriptionId, quantity: 8 } });
  expect(more.updateSubscription).toMatchObject({ __typename: 'UpdateSubscriptionPayload', subscription: { quantity: 8, refundableQuantity: 3 } });

  const tooFew = await gql(UPDATE, { input: { customerId, subscriptionId, quantity: 2 } });
  expect(tooFew.updateSubscription).toEqual({ __typename: 'SeatDecreaseNotAllowedError', code: 'SEAT_DECREASE_NOT_ALLOWED', refundableQuantity: 3 });
});
