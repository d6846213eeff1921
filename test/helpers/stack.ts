// Starts the real thing for a test: the embedded sandbox and the gateway, each on its own loopback
// port, talking over HTTP. Tests speak GraphQL to the gateway with fetch and read the sandbox's
// counters to see exactly which upstream calls were made.
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { loadSandboxSettings, type Sandbox } from '../../src/sandbox/index.js';

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface Stack {
  url: string;
  sandbox: Sandbox;
  server: RunningServer;
  gql<T, V extends Record<string, unknown>>(doc: TypedDocumentNode<T, V>, variables?: V, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  raw(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<Record<string, unknown>>>;
  stop(): Promise<void>;
}

/** `env` holds gateway settings and SANDBOX_* settings alike, as an operator's environment would. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const result = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', UPSTREAM_RETRY_BASE_MS: '5', UPSTREAM_RETRY_MAX_DELAY_MS: '20', ...env });
  const sandboxResult = loadSandboxSettings(env);
  const problems = [...(result.ok ? [] : result.problems), ...(sandboxResult.ok ? [] : sandboxResult.problems)];
  if (!result.ok || !sandboxResult.ok) throw new Error(problems.join('\n'));
  const server = await startServer(result.config, pino({ level: 'silent' }), sandboxResult.settings);
  if (!server.sandbox) throw new Error('expected sandbox mode');
  const endpoint = `${server.url}/graphql`;

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Omit<GraphQLResponse<never>, 'status' | 'headers'>;
    return { status: res.status, headers: res.headers, ...json };
  };

  return {
    url: server.url,
    sandbox: server.sandbox,
    server,
    gql: (doc, variables, headers) => post({ query: print(doc), variables }, headers) as never,
    raw: (query, variables, headers) => post({ query, variables }, headers) as never,
    stop: () => server.stop(),
  };
}
