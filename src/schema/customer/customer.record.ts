// A Customer can be resolved before its record is read: its subscription list proves it exists
// (Partner Center answers 404 for an unknown customer's lists), so a query that wants only the
// customer's subscriptions costs no customer read, and one that wants both does not hold the
// subscriptions (and the catalog loads under them) until the record arrives. Such a customer
// carries only its id; a field that needs the record reads it then, through the per-request
// loader, so every field answers the same whichever way its customer was resolved, including a
// customer primed into the node loader this way.
import type { GatewayContext } from '../../context.js';
import { isNotFound } from '../../errors/not-found.js';
import type { UpstreamCustomer } from '../../upstream/customers.js';
import { customerDetailsLoader } from './customer.loaders.js';

const byIdOnly = new WeakSet<UpstreamCustomer>();

function customerById(id: string): UpstreamCustomer {
  const customer: UpstreamCustomer = { id, companyProfile: { tenantId: undefined, domain: undefined, companyName: undefined }, relationshipToPartner: undefined };
  byIdOnly.add(customer);
  return customer;
}

/** The customer's full record: the object itself, or (resolved by id only) a read of it. */
export function customerRecord(ctx: GatewayContext, customer: UpstreamCustomer): UpstreamCustomer | Promise<UpstreamCustomer> {
  return byIdOnly.has(customer) ? customerDetailsLoader(ctx).load(customer.id.toLowerCase()) : customer;
}

/** A value from the customer's record, without a promise when the record is already there. */
export function fromRecord<T>(ctx: GatewayContext, customer: UpstreamCustomer, pick: (record: UpstreamCustomer) => T): T | Promise<T> {
  const record = customerRecord(ctx, customer);
  return record instanceof Promise ? record.then(pick) : pick(record);
}

/**
 * The customer as soon as one read proves it exists: its record (read at once when `eager`), or
 * its subscription list. A 404 from either means no such customer. A list that failed otherwise
 * proves nothing: the record decides, and the subscriptions field reports the list's own error.
 */
export async function provenCustomer(
  id: string,
  readRecord: () => Promise<UpstreamCustomer>,
  opts: { eager: boolean; subscriptions?: Promise<unknown> | undefined },
): Promise<UpstreamCustomer> {
  const list = opts.subscriptions;
  if (!list) return readRecord();
  const record = opts.eager ? readRecord() : undefined;
  const byList = list.then(
    () => customerById(id),
    (err: unknown) => {
      if (isNotFound(err)) throw err;
      return record ?? readRecord();
    },
  );
  if (!record) return byList;
  try {
    return await Promise.any([record, byList]);
  } catch (err) {
    // Both failed: report the record's failure, as a customer read alone would have.
    throw err instanceof AggregateError ? (err.errors[0] as unknown) : err;
  }
}
