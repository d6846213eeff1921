// Our gateway served as a federation subgraph: the subgraph schema with the same per-request
// context (loaders, upstream client, caches) as createGateway, over HTTP on loopback. It records
// every operation it receives, so a test can count the router's `_entities` calls.
import { randomUUID } from 'node:crypto';
import { createYoga, type Plugin } from 'graphql-yoga';
import { createContext, type GatewayContext, type GatewayServices } from '../../src/context.js';
import { subgraphSchema } from '../../src/schema/index.js';
import { listen, type Listening } from './listen.js';

export interface ReceivedOperation {
  query: string;
  variables: Record<string, unknown>;
}

export interface PartnerSubgraph extends Listening {
  received: ReceivedOperation[];
}

export async function startPartnerSubgraph(services: GatewayServices): Promise<PartnerSubgraph> {
  const received: ReceivedOperation[] = [];
  const record: Plugin = {
    onParams({ params }) {
      received.push({ query: params.query ?? '', variables: params.variables ?? {} });
    },
  };
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema: subgraphSchema,
    graphqlEndpoint: '/graphql',
    logging: false,
    plugins: [record],
    context: ({ request }) => createContext(services, { correlationId: randomUUID(), signal: request.signal }),
  });
  return { ...(await listen(yoga)), received };
}
