// CORS for the configured frontend origins. Frontends send the CSRF header on GET requests; the
// correlation and locale headers are theirs to set too.
import type { CORSOptions } from 'graphql-yoga';

/** The header frontends send on requests that are not JSON POSTs (see README). */
export const CSRF_HEADER = 'x-graphql-csrf';

export function corsOptions(origins: readonly string[]): CORSOptions {
  return {
    origin: origins.includes('*') ? '*' : [...origins],
    credentials: !origins.includes('*'),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'accept', CSRF_HEADER, 'ms-correlationid', 'x-locale'],
    exposedHeaders: ['ms-correlationid'],
    maxAge: 600,
  };
}
