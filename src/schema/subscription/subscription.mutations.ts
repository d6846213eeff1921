// updateSubscription, suspendSubscription, reactivateSubscription, cancelSubscription. All four
// answer with the contract's UpdateSubscriptionResult union: the same result options on each field
// make the errors plugin build the union and its payload once and share them.
import { builder } from '../../builder.js';
import { typedErrors } from '../../errors/mutation-errors.js';
import { ValidationError } from '../../errors/gateway-errors.js';
import { guidArg } from '../mutation-args.js';
import { mutationResult } from '../mutation-result.js';
import { changeSubscription, type SubscriptionChange } from './subscription.change.js';
import { CustomerSubscriptionRef } from './subscription.type.js';
import { SUBSCRIPTION_ERRORS } from './subscription.errors.js';

const RESULT = mutationResult({
  union: { name: 'UpdateSubscriptionResult', description: 'The changed subscription, or why it was not changed.' },
  payload: { name: 'UpdateSubscriptionPayload', description: 'The subscription after the change.' },
  dataField: { name: 'subscription', description: 'The subscription as Partner Center now has it.' },
  errors: SUBSCRIPTION_ERRORS,
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
    type: CustomerSubscriptionRef,
    description: 'Changes seats, auto-renew or the name of a subscription.',
    errors: RESULT,
    args: { input: t.arg({ type: UpdateSubscriptionInput, required: true, description: 'The subscription and what to change.' }) },
    resolve: (_root, { input }, ctx) =>
      typedErrors(async () => changeSubscription(ctx, guidArg(input.customerId, 'customerId'), guidArg(input.subscriptionId, 'subscriptionId'), updateChange(input))),
  }),
  ...Object.fromEntries(
    Object.entries(ACTIONS).map(([name, { description, change }]) => [
      name,
      t.field({
        type: CustomerSubscriptionRef,
        description,
        errors: RESULT,
        args: { input: t.arg({ type: SubscriptionActionInput, required: true, description: 'The subscription.' }) },
        resolve: (_root, { input }, ctx) =>
          typedErrors(async () => changeSubscription(ctx, guidArg(input.customerId, 'customerId'), guidArg(input.subscriptionId, 'subscriptionId'), change)),
      }),
    ]),
  ),
}));
