// The GraphQL types of the failures of subscription changes (classes in
// src/errors/subscription-errors.ts), each with what a frontend needs to explain itself.
import { builder } from '../../builder.js';
import { ErrorInterface } from '../errors.js';
import { CancellationWindowClosedError, ChangePendingError, InvalidSubscriptionStateError, SeatDecreaseNotAllowedError } from '../../errors/subscription-errors.js';
import { SubscriptionStatusEnum } from './subscription.type.js';

builder.objectType(CancellationWindowClosedError, {
  name: 'CancellationWindowClosedError',
  description: "The subscription can no longer be cancelled: Microsoft's cancellation window has closed.",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof CancellationWindowClosedError,
  fields: (t) => ({
    deadline: t.field({ type: 'DateTime', nullable: true, description: 'When the window closed (cancellationAllowedUntilDate).', resolve: (e) => e.deadline ?? null }),
  }),
});

builder.objectType(SeatDecreaseNotAllowedError, {
  name: 'SeatDecreaseNotAllowedError',
  description: 'Seats can be removed only within the refund window of their purchase; these cannot (any more).',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof SeatDecreaseNotAllowedError,
  fields: (t) => ({
    refundableQuantity: t.exposeInt('refundableQuantity', { description: 'How many seats can still be removed now.' }),
  }),
});

builder.objectType(InvalidSubscriptionStateError, {
  name: 'InvalidSubscriptionStateError',
  description: 'The subscription is not in a state that allows this change (e.g. a seat change while suspended, any change once cancelled).',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof InvalidSubscriptionStateError,
  fields: (t) => ({
    status: t.field({ type: SubscriptionStatusEnum, description: 'Its state now.', resolve: (e) => e.status }),
  }),
});

builder.objectType(ChangePendingError, {
  name: 'ChangePendingError',
  description: 'Partner Center accepted the change but has not applied it yet; read the subscription again later.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ChangePendingError,
  fields: () => ({}),
});

/** The error types of subscription changes beyond the shared ones (their types are registered above). */
export const SUBSCRIPTION_ERRORS = [CancellationWindowClosedError, SeatDecreaseNotAllowedError, InvalidSubscriptionStateError, ChangePendingError] as const;
