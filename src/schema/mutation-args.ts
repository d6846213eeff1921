// Argument checks shared by the mutations. A refused argument is a ValidationError member of the
// result union (not a request error), so a frontend shows it like any other field error.
import { normalizeGuid } from '../ids.js';
import { ValidationError } from '../errors/gateway-errors.js';

/** A GUID argument of a mutation in canonical form, or a ValidationError naming it. */
export function guidArg(value: string | number, path: string): string {
  const v = normalizeGuid(value);
  if (v === undefined) throw new ValidationError(`${path} must be a GUID.`, [{ path, message: `must be a GUID; got ${JSON.stringify(String(value).slice(0, 60))}` }]);
  return v;
}
