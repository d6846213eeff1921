// The Partner Center sandbox: a faithful simulator of the Partner Center REST API on loopback,
// with seeded data and fault injection. See the reference in ../shared/reference/partner-center-api.md.
export type { Clock, RecordedRequest, Sandbox, SandboxFaultSettings, SandboxOptions, ScriptedFault } from './types.js';
export { startSandbox } from './server.js';
export { ROUTE, UNMATCHED } from './routes/keys.js';
export type { RouteKey } from './routes/keys.js';
