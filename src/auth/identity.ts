// Who is calling the gateway, as proven by a validated bearer token.
export interface CallerIdentity {
  kind: 'user' | 'app';
  tenantId: string;
  /** Object id of the user or service principal. */
  objectId: string;
  upn?: string | undefined;
  appId?: string | undefined;
  /** The caller's own token: exchanged on behalf of the user in app+user mode. Never logged. */
  token: string;
}

/** The part of a cache key that separates callers: tenant and object id, never the token. */
export function identityScope(identity: CallerIdentity | undefined): string {
  return identity ? `${identity.tenantId}/${identity.objectId}` : 'anonymous';
}
