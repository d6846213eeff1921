// A second subgraph for the supergraph test, written the way another team would: SDL first with
// @apollo/subgraph. It adds account-management fields to our Customer entity and points at our
// CustomerSubscription entity by its key alone (resolvable: false: it cannot load one itself).
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { listen, type Listening } from './listen.js';

export const CRM_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Customer @key(fields: "customerId") {
    customerId: ID!
    accountManager: String
    priority: Int!
  }

  type CustomerSubscription @key(fields: "customerId subscriptionId", resolvable: false) {
    customerId: ID!
    subscriptionId: ID!
  }

  type RenewalRisk {
    subscription: CustomerSubscription!
    score: Float!
  }

  type Query {
    accounts: [Customer!]!
    renewalRisks: [RenewalRisk!]!
  }
`;

export interface CrmAccount {
  customerId: string;
  accountManager: string;
  priority: number;
}

export interface CrmRisk {
  customerId: string;
  subscriptionId: string;
  score: number;
}

export async function startCrmSubgraph(accounts: CrmAccount[], risks: CrmRisk[]): Promise<Listening> {
  const byId = new Map(accounts.map((a) => [a.customerId.toLowerCase(), a]));
  const schema = buildSubgraphSchema({
    typeDefs: parse(CRM_SDL),
    resolvers: {
      Query: {
        accounts: () => accounts,
        renewalRisks: () => risks.map((r) => ({ score: r.score, subscription: { customerId: r.customerId, subscriptionId: r.subscriptionId } })),
      },
      Customer: {
        __resolveReference: (ref: { customerId: string }) => byId.get(ref.customerId.toLowerCase()) ?? null,
      },
    },
  });
  return listen(createYoga({ schema, graphqlEndpoint: '/graphql', logging: false }));
}
