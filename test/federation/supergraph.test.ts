// Our gateway as an Apollo Federation v2 subgraph, composed with a second (CRM) subgraph and run
// through @apollo/gateway: entity joins in both directions, `_entities` batched into one round of
// upstream reads, `_service { sdl }`, and bad representations answered with null.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTE } from '../../src/sandbox/index.js';
import { printedSubgraphSchema } from '../../src/schema/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { startCrmSubgraph, type CrmAccount, type CrmRisk } from './crm-subgraph.js';
import type { Listening } from './listen.js';
import { startPartnerSubgraph, type PartnerSubgraph } from './partner-subgraph.js';
import { startSupergraph, type Supergraph } from './supergraph.js';

const LATENCY_MS = 200;

let stack: Stack;
let partner: PartnerSubgraph;
let crm: Listening;
let supergraph: Supergraph;
let companyName: Map<string, string>;
let accounts: CrmAccount[];
let risks: CrmRisk[];

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

const entityCalls = () => partner.received.filter((op) => op.query.includes('_entities'));
const upstreamTimes = (route: string) => stack.sandbox.requests().filter((r) => r.route === route).map((r) => Date.parse(r.at));
const spread = (times: number[]) => Math.max(...times) - Math.min(...times);

beforeAll(async () => {
  stack = await startStack();
  // The truth, read straight from the sandbox.
  const res = await fetch(`${stack.sandbox.url}/v1/customers?size=500`);
  const customers = ((await res.json()) as { items: { id: string; companyProfile: { companyName: string } }[] }).items;
  companyName = new Map(customers.map((c) => [c.id.toLowerCase(), c.companyProfile.companyName]));
  accounts = customers.slice(0, 20).map((c, i) => ({ customerId: c.id, accountManager: `Manager ${i % 4}`, priority: i % 3 }));
  risks = customers
    .flatMap((c) => stack.sandbox.state().subscriptions(c.id).slice(0, 1).map((s) => ({ customerId: c.id, subscriptionId: s.id })))
    .slice(0, 6)
    .map((r, i) => ({ ...r, score: i / 10 }));

  partner = await startPartnerSubgraph(stack.server.gateway.services);
  crm = await startCrmSubgraph(accounts, risks);
  supergraph = await startSupergraph([
    { name: 'partner-center', url: partner.url },
    { name: 'crm', url: crm.url },
  ]);
});

afterAll(async () => {
  await supergraph?.stop();
  await crm?.close();
  await partner?.close();
  await stack?.stop();
});

beforeEach(() => {
  stack.sandbox.setFaults({ latencyMs: 0 });
  stack.sandbox.resetCounters();
  partner.received.length = 0;
});

describe('federation: our subgraph in a supergraph', () => {
  it('has 20 customers and some subscriptions to join', () => {
    expect(accounts).toHaveLength(20);
    expect(risks.length).toBeGreaterThanOrEqual(3);
  });

  it('joins 20 CRM customers to our companyName with one _entities call and one batched round of upstream reads', async () => {
    stack.sandbox.setFaults({ latencyMs: LATENCY_MS });
    const r = await supergraph.execute('{ accounts { customerId accountManager priority companyName } }');
    expect(r.errors).toBeUndefined();
    expect(r.data?.accounts).toEqual(accounts.map((a) => ({ ...a, companyName: companyName.get(a.customerId.toLowerCase()) })));

    // The router asked our subgraph once, with every representation in that one call.
    expect(partner.received).toHaveLength(1);
    const [call] = entityCalls();
    const representations = call?.variables.representations as { __typename: string; customerId: string }[];
    expect(representations).toHaveLength(20);
    expect(new Set(representations.map((x) => x.__typename))).toEqual(new Set(['Customer']));

    // At most one upstream read per distinct customer, and all of them in flight together: with a
    // fixed 200 ms latency, reads made one after another would finish 200 ms apart.
    const distinct = new Set(representations.map((x) => x.customerId.toLowerCase())).size;
    expect(stack.sandbox.count(ROUTE.getCustomer)).toBe(distinct);
    expect(stack.sandbox.totalRequests()).toBe(distinct);
    expect(spread(upstreamTimes(ROUTE.getCustomer))).toBeLessThan(LATENCY_MS);
  });

  it('resolves CRM references to CustomerSubscription, and their customers, in one _entities call', async () => {
    stack.sandbox.setFaults({ latencyMs: LATENCY_MS });
    const r = await supergraph.execute('{ renewalRisks { score subscription { subscriptionId customerId friendlyName customer { companyName } } } }');
    expect(r.errors).toBeUndefined();
    const expected = risks.map((risk) => {
      const s = stack.sandbox.state().subscriptions(risk.customerId).find((x) => x.id === risk.subscriptionId);
      return {
        score: risk.score,
        subscription: {
          subscriptionId: s?.id,
          customerId: risk.customerId,
          friendlyName: s?.friendlyName,
          customer: { companyName: companyName.get(risk.customerId.toLowerCase()) },
        },
      };
    });
    expect(r.data?.renewalRisks).toEqual(expected);
    expect(entityCalls()).toHaveLength(1);
    expect(stack.sandbox.count(ROUTE.getSubscription)).toBe(risks.length);
    expect(spread(upstreamTimes(ROUTE.getSubscription))).toBeLessThan(LATENCY_MS);
    expect(stack.sandbox.count(ROUTE.getCustomer)).toBe(new Set(risks.map((x) => x.customerId)).size);
  });

  it('lets the CRM extend a Customer that our subgraph returns', async () => {
    const first = accounts[3];
    if (!first) throw new Error('no account');
    const r = await supergraph.execute('query ($id: ID!) { customer(customerId: $id) { companyName accountManager priority } }', { id: first.customerId });
    expect(r.errors).toBeUndefined();
    expect(r.data?.customer).toEqual({ companyName: companyName.get(first.customerId.toLowerCase()), accountManager: first.accountManager, priority: first.priority });
  });

  it('answers _service { sdl } with the printed subgraph SDL', async () => {
    const r = await post(partner.url, '{ _service { sdl } }');
    expect(r.errors).toBeUndefined();
    expect((r.data?._service as { sdl: string }).sdl).toBe(printedSubgraphSchema());
  });

  it('answers null for malformed and unknown representations, without failing the others', async () => {
    const known = accounts[0]?.customerId ?? '';
    const r = await post(
      partner.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Customer { customerId companyName } ... on Product { productId } } }',
      {
        r: [
          { __typename: 'Customer', customerId: 'not-a-guid' },
          { __typename: 'Customer', customerId: '00000000-0000-4000-8000-000000000000' },
          { __typename: 'Customer' },
          { __typename: 'Product', productId: 'CFQ7TTC0LH18', country: 'u$' },
          { __typename: 'NoSuchType', id: '1' },
          'not an object',
          { __typename: 'Customer', customerId: known.toUpperCase() },
        ],
      },
    );
    const entities = r.data?._entities as unknown[];
    expect(entities.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(entities[6]).toEqual({ __typename: 'Customer', customerId: known, companyName: companyName.get(known.toLowerCase()) });
    // Only the slots that name no entity type carry an error; a missing object is just null.
    expect(r.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 4], 'VALIDATION_FAILED'],
      [['_entities', 5], 'VALIDATION_FAILED'],
    ]);
    // Malformed keys cost no upstream call: only the unknown GUID and the known customer were read.
    expect(stack.sandbox.count(ROUTE.getCustomer)).toBe(2);
    expect(stack.sandbox.totalRequests()).toBe(2);
  });

  it('refuses an oversized _entities batch before any upstream call', async () => {
    const reps = Array.from({ length: 1_001 }, () => ({ __typename: 'Invoice', invoiceId: 'G000000001' }));
    const r = await post(partner.url, 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: reps });
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(stack.sandbox.totalRequests()).toBe(0);
  });
});
