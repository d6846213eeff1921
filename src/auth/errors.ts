// Identity failures the frontend can act on.

/** Entra ID wants the user to do something first: pass MFA, or consent. Not retried: no 401 loops. */
export class InteractionRequiredError extends Error {
  override readonly name = 'InteractionRequiredError';
  constructor(
    readonly kind: 'MFA_REQUIRED' | 'CONSENT_REQUIRED' | 'INTERACTION_REQUIRED',
    message: string,
    /** Claims challenge to pass to the next interactive sign-in (MSAL `claims`), when Entra sent one. */
    readonly claims: string | undefined,
  ) {
    super(message);
  }
}

/** The gateway could not get a token for Partner Center (credentials, authority). */
export class TokenAcquisitionError extends Error {
  override readonly name = 'TokenAcquisitionError';
}
