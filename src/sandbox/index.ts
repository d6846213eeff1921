// The Partner Center sandbox: a faithful simulator of the Partner Center REST API on loopback,
// with seeded data and fault injection. See the reference in ../shared/reference/partner-center-api.md.
export type {
  Clock,
  RecordedIdentity,
  RecordedRequest,
  Sandbox,
  SandboxAuthOptions,
  SandboxClock,
  SandboxCommerceSettings,
  SandboxFaultSettings,
  SandboxOptions,
  SandboxState,
  ScriptedFault,
} from './types.js';
export type { CartError, CartLineItem, CartResource } from './model/cart.js';
export type { InvoiceDetail, InvoiceResource, OneTimeInvoiceLineItem } from './model/invoice.js';
export type { CartCheckoutResult, OrderError, OrderLineItemResource, OrderLineProvisioningStatus, OrderResource } from './model/order.js';
export type { ScheduledNextTermInstructions, SubscriptionProvisioningStatus, SubscriptionResource } from './model/subscription.js';
export { startSandbox } from './server.js';
// The gateway's way in (a dynamic import in src/server.ts, sandbox mode only): the settings and a start from them.
export { defaultSandboxSettings, loadSandboxSettings } from './settings.js';
export type { SandboxSettings, SandboxSettingsResult } from './settings.js';
export { sandboxOptionsFrom, startConfiguredSandbox } from './configured.js';
export { APP_USER_ONLY_ROUTES, ROUTE, UNMATCHED, WRITE_ROUTES, isWriteRoute } from './routes/keys.js';
export type { RouteKey } from './routes/keys.js';
export { HISTORY_ANCHOR_MS } from './seed/anchor.js';
export { BULK_CUSTOMER_NAME } from './seed/bulk-customer.js';
