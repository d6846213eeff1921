// What a subscription PATCH may change, and how (reference §2.5 "PATCH semantics", §4
// "Subscription update", §5 rules 6, 8, 9). planChange compares the body with the stored record
// and either refuses the whole request or returns the fields that change; applyChange makes them
// true as of a moment, at once (200) or when an accepted change comes due (202).
import { ApiError, FaultCode, invalidInput } from '../errors.js';
import { addSeats, refundableSeats, removeSeats } from '../model/seats.js';
import type { ScheduledNextTermInstructions, SubscriptionRecord, SubscriptionStatus } from '../model/subscription.js';
import type { SubscriptionPatchInput } from './subscription-patch-input.js';

export interface ChangePlan {
  readonly status?: 'active' | 'suspended' | 'deleted';
  readonly quantity?: number;
  readonly autoRenewEnabled?: boolean;
  readonly friendlyName?: string;
  readonly scheduledNextTermInstructions?: { readonly value: ScheduledNextTermInstructions | null };
}

export interface SeatLimits {
  readonly minimumQuantity: number;
  readonly maximumQuantity: number;
}

export const isEmptyPlan = (plan: ChangePlan): boolean => Object.keys(plan).length === 0;

export function planChange(s: SubscriptionRecord, input: SubscriptionPatchInput, limits: SeatLimits, now: number): ChangePlan {
  // Cancelling is final (reference §5 rule 6): whatever the body says, nothing changes any more.
  if (s.status === 'deleted') throw new ApiError(400, FaultCode.deletedSubscription, `Subscription with ID ${s.id} and deleted status cannot be updated.`);
  refuseFixedFields(s, input);
  const { status, ...rest } = differences(s, input);
  if (status === undefined && isEmptyPlan(rest)) return {};
  // Pending (still provisioning), expired, disabled: the docs' "not ready" answer fits them all.
  if (s.status !== 'active' && s.status !== 'suspended') throw notReady();
  if (status === 'deleted') {
    if (now > s.cancellationAllowedUntilAt) {
      // The exact NCE code is uncertain (reference §4, note under the table); 900117 is the one
      // whose text describes a closed cancellation window.
      throw new ApiError(400, FaultCode.cancellationWindowPassed, 'You have passed your 7-day cancellation window. We are unable to cancel your purchase');
    }
    // A cancellation ends the subscription: other changes in the same body would be moot.
    return { status: 'deleted' };
  }
  // Suspend from active, reactivate from suspended; any other target status is not a transition
  // the partner can ask for (expired, pending and disabled are the service's own states).
  if (status !== undefined && status !== 'suspended' && status !== 'active') throw notReady();
  const plan: ChangePlan = { ...rest, ...(status !== undefined ? { status } : {}) };
  if (plan.quantity !== undefined) checkQuantity(s, plan.quantity, plan.status === 'suspended', limits, now);
  if (plan.autoRenewEnabled === true && s.isTrial) {
    // Trials renew into the paid SKU only through the partner's purchase (reference §2.1 renewalInstructions).
    throw new ApiError(400, FaultCode.autoRenewNotEligible, 'The subscription is not eligible to be auto-renewed');
  }
  return plan;
}

/** Makes the plan true as of `at`; the caller bumps the etag. */
export function applyChange(s: SubscriptionRecord, plan: ChangePlan, at: number): void {
  if (plan.status === 'deleted') {
    s.status = 'deleted';
    s.autoRenewEnabled = false;
    s.cancelledAt = at;
    // The cancellation settles the refund (billing/charges.ts): nothing is left to refund or reduce.
    s.refundOptions = [];
    s.seatChunks = [];
    return;
  }
  if (plan.status !== undefined) s.status = plan.status;
  if (plan.quantity !== undefined) {
    const delta = plan.quantity - s.quantity;
    if (delta > 0) addSeats(s, delta, at);
    if (delta < 0) removeSeats(s, -delta, at);
  }
  if (plan.autoRenewEnabled !== undefined) s.autoRenewEnabled = plan.autoRenewEnabled;
  if (plan.friendlyName !== undefined) s.friendlyName = plan.friendlyName;
  if (plan.scheduledNextTermInstructions !== undefined) s.scheduledNextTermInstructions = plan.scheduledNextTermInstructions.value;
}

/**
 * The body is the full resource, so these always arrive; only a different value is refused. The
 * offer and term change through transitions (reference §2.0 row 24), not PATCH: 800002. A billing
 * frequency change is documented for NCE but not simulated: 800097, the docs' "cannot update the
 * billing cycle" code, so a caller learns it did not happen.
 */
function refuseFixedFields(s: SubscriptionRecord, input: SubscriptionPatchInput): void {
  const offerId = `${s.productId}:${s.skuId}:${s.availabilityId}`;
  if (input.offerId !== undefined && input.offerId.toUpperCase() !== offerId.toUpperCase()) {
    throw invalidInput(`offerId cannot be changed (it is ${offerId}); upgrades go through transitions.`);
  }
  if (input.termDuration !== undefined && input.termDuration.toUpperCase() !== s.termDuration.toUpperCase()) {
    throw invalidInput(`termDuration cannot be changed (it is ${s.termDuration}).`);
  }
  if (input.billingCycle !== undefined && input.billingCycle !== s.billingCycle) {
    throw new ApiError(400, FaultCode.billingCycleNotUpdatable, 'Cannot update the billing cycle for this subscription');
  }
}

/** The fields whose value differs from the record; the status still unchecked. */
interface Differences extends Omit<ChangePlan, 'status'> {
  readonly status?: SubscriptionStatus;
}

function differences(s: SubscriptionRecord, input: SubscriptionPatchInput): Differences {
  const scheduled = input.scheduledNextTermInstructions;
  const scheduleChanged = scheduled !== undefined && JSON.stringify(scheduled.value) !== JSON.stringify(s.scheduledNextTermInstructions);
  const status = input.status !== undefined && input.status !== s.status ? input.status : undefined;
  return {
    ...(status !== undefined ? { status } : {}),
    ...(input.quantity !== undefined && input.quantity !== s.quantity ? { quantity: input.quantity } : {}),
    ...(input.autoRenewEnabled !== undefined && input.autoRenewEnabled !== s.autoRenewEnabled ? { autoRenewEnabled: input.autoRenewEnabled } : {}),
    ...(input.friendlyName !== undefined && input.friendlyName !== s.friendlyName ? { friendlyName: input.friendlyName } : {}),
    ...(scheduleChanged ? { scheduledNextTermInstructions: scheduled } : {}),
  };
}

function checkQuantity(s: SubscriptionRecord, quantity: number, suspending: boolean, limits: SeatLimits, now: number): void {
  if (s.status === 'suspended' || suspending) {
    throw new ApiError(400, FaultCode.quantityWhileSuspended, 'Subscription quantity cannot be increased or decreased while subscription is being suspended');
  }
  if (quantity < limits.minimumQuantity || quantity > limits.maximumQuantity) {
    throw new ApiError(400, FaultCode.quantityOutOfRange, 'Subscription quantity is not within minimum and maximum allowed quantity');
  }
  // Decreases only by seats still inside their own 7-day window (reference §2.5, §5 rule 6).
  if (quantity < s.quantity && s.quantity - quantity > refundableSeats(s.seatChunks, now)) {
    throw new ApiError(400, FaultCode.quantityCannotDecrease, 'Subscription quantity cannot be decreased.');
  }
}

const notReady = (): ApiError => new ApiError(400, FaultCode.subscriptionNotReady, 'Subscription is not ready to be updated');
