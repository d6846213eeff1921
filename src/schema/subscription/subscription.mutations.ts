// updateSubscription, suspendSubscription, reactivateSubscription, cancelSubscription. All four
// answer with the contract's UpdateSubscriptionResult union.
import { wrapErrorIfMatches } from '@pothos/plugin-errors';
import { builder } from '../../builder.js';
import {
  ConflictErrorRef,
  GatewayError,
  NotFoundErrorRef,
  ThrottledErrorRef,
  toMutationError,
  UpstreamUnavailableErrorRef,
  ValidationError,
  ValidationErrorRef,
} from '../errors.js';
import { guidArg } from '../cart/cart.mutations.js';
import { changeSubscription, type SubscriptionChange } from './subscription.change.js';
import { CustomerSubscriptionRef, type SubscriptionShape } from './subscription.type.js';
import { CancellationWindowClosedErrorRef, ChangePendingErrorRef, InvalidSubscriptionStateErrorRef, SeatDecreaseNotAllowedErrorRef } from './subscription.errors.js';

interface PayloadShape {
  subscription: SubscriptionShape;
}

const PayloadRef = builder.objectRef<PayloadShape>('UpdateSubscriptionPayload').implement({
  description: 'The subscription after the change.',
  fields: (t) => ({ subscription: t.field({ type: CustomerSubscriptionRef, description: 'The subscription as Partner Center now has it.', resolve: (p) => p.subscription }) }),
});

const ResultRef = builder.unionType('UpdateSubscriptionResult', {
  description: 'The changed subscription, or why it was not changed.',
  types: [
    PayloadRef,
    ValidationErrorRef,
    NotFoundErrorRef,
    ConflictErrorRef,
    ThrottledErrorRef,
    UpstreamUnavailableErrorRef,
    CancellationWindowClosedErrorRef,
    SeatDecreaseNotAllowedErrorRef,
    InvalidSubscriptionStateErrorRef,
    ChangePendingErrorRef,
  ],
  // Error members arrive wrapped (see run); their class name is their GraphQL type name.
  resolveType: (value) => ('subscription' in value ? 'UpdateSubscriptionPayload' : value.constructor.name),
});

const UpdateSubscriptionInput = builder.inputType('UpdateSubscriptionInput', {
  description: 'What to change on a subscription; give at least one field.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The customer tenant id.' }),
    subscriptionId: t.id({ required: true, description: 'The subscription id.' }),
    quantity: t.int({ required: false, description: "New number of seats, within the SKU's range. Removing seats is possible only within their refund window." }),
    autoRenewEnabled: t.boolean({ required: false, description: 'Whether it renews at the end of the term.' }),
    friendlyName: t.string({ required: false, description: 'New name (1 to 100 characters).' }),
  }),
});

const SubscriptionActionInput = builder.inputType('SubscriptionActionInput', {
  description: 'The subscription to act on.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The customer tenant id.' }),
    subscriptionId: t.id({ required: true, description: 'The subscription id.' }),
  }),
});

async function run(work: () => Promise<SubscriptionShape>): Promise<PayloadShape | GatewayError> {
  try {
    return { subscription: await work() };
  } catch (err) {
    const mapped = toMutationError(err);
    // graphql-js treats a returned Error as a field error; the errors plugin's wrapper lets it
    // through as a union member (the plugin unwraps it again in the member type's isTypeOf).
    if (mapped instanceof GatewayError) return wrapErrorIfMatches(mapped, [GatewayError]) as GatewayError;
    throw mapped;
  }
}

function updateChange(input: { quantity?: number | null; autoRenewEnabled?: boolean | null; friendlyName?: string | null }): SubscriptionChange {
  const fields: SubscriptionChange['fields'] = {};
  const errors: { path: string; message: string }[] = [];
  if (input.quantity != null) {
    if (!Number.isInteger(input.quantity) || input.quantity < 1) errors.push({ path: 'quantity', message: `must be a whole number of at least 1; got ${input.quantity}` });
    fields.quantity = input.quantity;
  }
  if (input.autoRenewEnabled != null) fields.autoRenewEnabled = input.autoRenewEnabled;
  if (input.friendlyName != null) {
    if (input.friendlyName.trim() === '' || input.friendlyName.length > 100) errors.push({ path: 'friendlyName', message: 'must hold 1 to 100 characters' });
    fields.friendlyName = input.friendlyName;
  }
  if (Object.keys(fields).length === 0 && errors.length === 0) errors.push({ path: 'input', message: 'give quantity, autoRenewEnabled or friendlyName' });
  if (errors.length > 0) throw new ValidationError(`The subscription was not changed: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
  return { label: 'update', from: fields.quantity === undefined ? ['active', 'suspended'] : ['active'], fields };
}

const ACTIONS: Record<'suspendSubscription' | 'reactivateSubscription' | 'cancelSubscription', { description: string; change: SubscriptionChange }> = {
  suspendSubscription: {
    description: 'Suspends a subscription (new commerce keeps billing while suspended).',
    change: { label: 'suspend', from: ['active'], fields: { status: 'suspended' } },
  },
  reactivateSubscription: {
    description: 'Reactivates a suspended subscription.',
    change: { label: 'reactivate', from: ['suspended'], fields: { status: 'active' } },
  },
  cancelSubscription: {
    description: "Cancels a subscription; possible only while its cancellationAllowedUntilDate is ahead, and final.",
    change: { label: 'cancel', from: ['active', 'suspended'], fields: { status: 'deleted' } },
  },
};

builder.mutationFields((t) => ({
  updateSubscription: t.field({
    type: ResultRef,
    description: 'Changes seats, auto-renew or the name of a subscription.',
    args: { input: t.arg({ type: UpdateSubscriptionInput, required: true, description: 'The subscription and what to change.' }) },
    resolve: (_root, { input }, ctx) =>
      run(async () => changeSubscription(ctx, guidArg(input.customerId, 'customerId'), guidArg(input.subscriptionId, 'subscriptionId'), updateChange(input))),
  }),
  ...Object.fromEntries(
    Object.entries(ACTIONS).map(([name, { description, change }]) => [
      name,
      t.field({
        type: ResultRef,
        description,
        args: { input: t.arg({ type: SubscriptionActionInput, required: true, description: 'The subscription.' }) },
        resolve: (_root, { input }, ctx) =>
          run(async () => changeSubscription(ctx, guidArg(input.customerId, 'customerId'), guidArg(input.subscriptionId, 'subscriptionId'), change)),
      }),
    ]),
  ),
}));
