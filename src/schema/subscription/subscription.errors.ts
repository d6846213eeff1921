// Failures of subscription changes that a frontend can act on, each with what it needs to explain
// itself (the deadline that passed, the seats that can still be removed, the current state).
import { builder } from '../../builder.js';
import { ErrorInterface, GatewayError } from '../errors.js';
import type { SubscriptionStatus } from '../../upstream/subscriptions.js';
import { SubscriptionStatusEnum } from './subscription.type.js';

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

export const CancellationWindowClosedErrorRef = builder.objectType(CancellationWindowClosedError, {
  name: 'CancellationWindowClosedError',
  description: "The subscription can no longer be cancelled: Microsoft's cancellation window has closed.",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof CancellationWindowClosedError,
  fields: (t) => ({
    deadline: t.field({ type: 'DateTime', nullable: true, description: 'When the window closed (cancellationAllowedUntilDate).', resolve: (e) => e.deadline ?? null }),
  }),
});

export const SeatDecreaseNotAllowedErrorRef = builder.objectType(SeatDecreaseNotAllowedError, {
  name: 'SeatDecreaseNotAllowedError',
  description: 'Seats can be removed only within the refund window of their purchase; these cannot (any more).',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof SeatDecreaseNotAllowedError,
  fields: (t) => ({
    refundableQuantity: t.exposeInt('refundableQuantity', { description: 'How many seats can still be removed now.' }),
  }),
});

export const InvalidSubscriptionStateErrorRef = builder.objectType(InvalidSubscriptionStateError, {
  name: 'InvalidSubscriptionStateError',
  description: 'The subscription is not in a state that allows this change (e.g. a seat change while suspended, any change once cancelled).',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof InvalidSubscriptionStateError,
  fields: (t) => ({
    status: t.field({ type: SubscriptionStatusEnum, description: 'Its state now.', resolve: (e) => e.status }),
  }),
});

export const ChangePendingErrorRef = builder.objectType(ChangePendingError, {
  name: 'ChangePendingError',
  description: 'Partner Center accepted the change but has not applied it yet; read the subscription again later.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ChangePendingError,
  fields: () => ({}),
});
