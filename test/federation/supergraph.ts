// Composes subgraphs from their own `_service { sdl }` (as a router's introspect-and-compose does)
// and runs @apollo/gateway in process. @apollo/server is not a dependency, so operations go
// straight to the gateway's executor.
import { createHash } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

export interface Subgraph {
  name: string;
  url: string;
}

export interface ExecutionResult {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Supergraph {
  supergraphSdl: string;
  execute(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult>;
  stop(): Promise<void>;
}

type Executor = Awaited<ReturnType<ApolloGateway['load']>>['executor'];
type RequestContext = Parameters<Executor>[0];

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export async function fetchSdl(url: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
  const body = (await res.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${url} did not answer _service { sdl }`);
  return sdl;
}

export async function startSupergraph(subgraphs: Subgraph[]): Promise<Supergraph> {
  const services = await Promise.all(subgraphs.map(async (s) => ({ name: s.name, url: s.url, typeDefs: parse(await fetchSdl(s.url)) })));
  const composed = composeServices(services);
  if (composed.errors) throw new Error(`composition failed:\n${composed.errors.map(String).join('\n')}`);
  const supergraphSdl = composed.supergraphSdl;
  const gateway = new ApolloGateway({ supergraphSdl, logger: quiet, buildService: ({ url }) => new RemoteGraphQLDataSource({ url }) });
  const { executor, schema } = await gateway.load();

  const execute = async (query: string, variables: Record<string, unknown> = {}): Promise<ExecutionResult> => {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation) throw new Error('no operation in the document');
    // What an Apollo Server would pass; the executor reads only the request, the document and its
    // hash, the context, the logger and the metrics, so the caches and hashes are left out.
    const requestContext = {
      request: { query, variables },
      document,
      source: query,
      queryHash: createHash('sha256').update(query).digest('hex'),
      operationName: operation.name?.value ?? null,
      operation,
      schema,
      context: {},
      logger: quiet,
      metrics: {},
      overallCachePolicy: undefined,
    };
    const result = await executor(requestContext as unknown as RequestContext);
    return result as ExecutionResult;
  };

  return { supergraphSdl, execute, stop: () => gateway.stop() };
}
