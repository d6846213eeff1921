// Every API route the sandbox serves. Each resource family lives in its own file and adds its
// definitions here.
import type { RouteDef } from '../request.js';
import { cartRoutes } from './carts.js';
import { catalogRoutes } from './catalog.js';
import { checkoutRoutes } from './checkout.js';
import { customerRoutes } from './customers.js';
import { invoiceRoutes } from './invoices.js';
import { orderRoutes } from './orders.js';
import { subscriptionRoutes } from './subscriptions.js';

export const apiRoutes: readonly RouteDef[] = [
  ...catalogRoutes,
  ...customerRoutes,
  ...cartRoutes,
  ...checkoutRoutes,
  ...orderRoutes,
  ...subscriptionRoutes,
  ...invoiceRoutes,
];
