// Partner Center error bodies. The service answers most failures with an ApiFault
// ({code, description, data, source: "PartnerFD"}), but throttling comes from the API gateway in
// front of it, with a different shape. See reference §4 and §6.10.

/** Codes the sandbox emits, from the Partner Center error-code table (reference §4). */
export const FaultCode = {
  notFound: 1000,
  invalidInput: 800002,
  unexpected: 800003,
  offerNotInCountry: 800070,
  segmentNotAllowed: 400030,
  productNotFound: 400013,
  /** Third-party sources cite 400018 for a SKU that does not exist under its product. */
  skuNotFound: 400018,
  /** Text from the .NET SDK's tests for an unsupported customer-filter operator. */
  customerSearchOperator: 2000,
  accessDenied: 400,
  tokenMissing: 800001,
  /** Third-party sources only (reference §1.2): an app-only token on an App+User-only route. */
  appOnlyNotSupported: 900329,
  /** Third-party sources only (reference §1.2): a token for the retired graph.windows.net audience. */
  retiredAudience: 900420,
  cartNotFound: 800008,
  cartItemErrors: 800009,
  cartBeingProcessed: 800064,
  cartAlreadySubmitted: 800065,
  riskCheckFailed: 800069,
  orderNotFound: 20000,
  subscriptionNotFound: 20003,
  // Subscription updates (reference §4 "Subscription update").
  quantityWhileSuspended: 2001,
  quantityOutOfRange: 2002,
  deletedSubscription: 2011,
  etagInvalid: 2055,
  subscriptionNotReady: 800082,
  quantityCannotDecrease: 800090,
  autoRenewNotEligible: 800093,
  billingCycleNotUpdatable: 800097,
  cancellationWindowPassed: 900117,
} as const;

export interface ApiFaultBody {
  code: number;
  description: string;
  data: unknown[];
  source: 'PartnerFD';
}

/** Thrown by route handlers; the server turns it into an ApiFault response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly description: string,
    /** ApiFault `data`: strings or objects that explain the fault; usually empty. */
    readonly data: readonly unknown[] = [],
  ) {
    super(description);
    this.name = 'ApiError';
  }

  body(): ApiFaultBody {
    return { code: this.code, description: this.description, data: [...this.data], source: 'PartnerFD' };
  }
}

export const invalidInput = (description: string): ApiError =>
  new ApiError(400, FaultCode.invalidInput, `Invalid request input: ${description}`);

export const notFound = (description: string): ApiError => new ApiError(404, FaultCode.notFound, description);

/** The API-gateway throttle body: not an ApiFault (reference §4, "Throttling"). */
export function throttleBody(retryAfterSeconds: number): { statusCode: 429; message: string } {
  return { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.` };
}

/** A plausible ApiFault for an injected status that is not 429. */
export function injectedFault(status: number): ApiError {
  if (status >= 500) {
    const description = status === 503 ? 'The service is temporarily unavailable. Try again later.' : 'Unexpected service error';
    return new ApiError(status, FaultCode.unexpected, description);
  }
  if (status === 404) return notFound('Not found');
  if (status === 401 || status === 403) return new ApiError(status, FaultCode.accessDenied, 'Access denied');
  return new ApiError(status, FaultCode.invalidInput, 'Invalid request input');
}
