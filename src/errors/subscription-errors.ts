// Failures of subscription changes that a frontend can act on, each with what it needs to explain
// itself (the deadline that passed, the seats that can still be removed, the current state).
// Their GraphQL types are registered in src/schema/subscription/subscription.errors.ts.
import type { SubscriptionStatus } from '../upstream/subscriptions.js';
import { GatewayError } from './gateway-errors.js';

export class CancellationWindowClosedError extends GatewayError {
  constructor(
    message: string,
    readonly deadline: string | undefined,
  ) {
    super(message, 'CANCELLATION_WINDOW_CLOSED');
  }
}

export class SeatDecreaseNotAllowedError extends GatewayError {
  constructor(
    message: string,
    readonly refundableQuantity: number,
  ) {
    super(message, 'SEAT_DECREASE_NOT_ALLOWED');
  }
}

export class InvalidSubscriptionStateError extends GatewayError {
  constructor(
    message: string,
    readonly status: SubscriptionStatus,
  ) {
    super(message, 'INVALID_STATE');
  }
}

export class ChangePendingError extends GatewayError {
  constructor(message: string) {
    super(message, 'CHANGE_PENDING');
  }
}
