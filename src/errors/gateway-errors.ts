// The expected failures of the gateway as plain classes. Mutations return them as members of their
// result unions; src/schema/errors.ts registers their GraphQL types. Nothing here touches the
// builder, so plugins and other layers can use the classes without loading the schema.

export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export class ValidationError extends GatewayError {
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly partnerCenterCode?: number | string,
  ) {
    super(message, 'VALIDATION_FAILED');
  }
}

export class NotFoundError extends GatewayError {
  constructor(message: string) {
    super(message, 'NOT_FOUND');
  }
}

export class ThrottledError extends GatewayError {
  constructor(
    message: string,
    readonly retryAfter: number | undefined,
  ) {
    super(message, 'THROTTLED');
  }
}

/** The request conflicts with the object's state: a cart being checked out, already ordered, or an idempotency key reused for another cart. */
export class ConflictError extends GatewayError {
  constructor(message: string, code: 'CONFLICT' | 'IDEMPOTENCY_KEY_REUSED' = 'CONFLICT', readonly partnerCenterCode?: number | string) {
    super(message, code);
  }
}

/** Partner Center failed or could not be reached, with an answer that says nothing was done. */
export class UpstreamUnavailableError extends GatewayError {
  constructor(message: string) {
    super(message, 'UPSTREAM_UNAVAILABLE');
  }
}

/**
 * Partner Center did not answer in time. Unlike UpstreamUnavailableError this says nothing about
 * the outcome: a write may have been made after the gateway stopped waiting.
 */
export class UpstreamTimeoutError extends GatewayError {
  constructor(message: string) {
    super(message, 'UPSTREAM_TIMEOUT');
  }
}
