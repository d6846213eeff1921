// Every API route the sandbox serves. Each resource family lives in its own file and adds its
// definitions here.
import type { RouteDef } from '../request.js';
import { catalogRoutes } from './catalog.js';
import { customerRoutes } from './customers.js';

export const apiRoutes: readonly RouteDef[] = [...catalogRoutes, ...customerRoutes];
