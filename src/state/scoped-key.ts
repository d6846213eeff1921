// Redis keys of customer data: "<prefix><feature>:<caller scope>:<part>…", e.g.
// "pcgw:v1:idempotency:<partner scope>%3A<tenant>%2F<object id>:<key>". The caller scope is the partner scope
// plus the caller's identity scope (src/context.ts), so one caller's state never answers another.
// Every part is URI-encoded: a ':' inside a scope (host:port) or an idempotency key cannot make two
// different tuples the same key.
import type { RedisConnection } from './redis.js';

export function scopedKey(redis: RedisConnection, feature: string, scope: string, ...parts: string[]): string {
  return redis.key(feature, ...[scope, ...parts].map((p) => encodeURIComponent(p)));
}
