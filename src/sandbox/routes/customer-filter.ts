// The customer search filter: `filter=` carries URL-encoded JSON such as
// {"Field":"CompanyName","Value":"Cont","Operator":"starts_with"} (reference §2.2).
import { z } from 'zod';
import { ApiError, FaultCode, invalidInput } from '../errors.js';
import type { Customer } from '../model/customer.js';

const FIELDS = ['CompanyName', 'Domain', 'IndirectReseller', 'IndirectCloudSolutionProvider'] as const;
const OPERATORS = ['starts_with', 'equals'] as const;

export const customerFilterSchema = z.object({
  field: z.enum(FIELDS),
  value: z.string(),
  operator: z.enum(OPERATORS),
});
export type CustomerFilter = z.infer<typeof customerFilterSchema>;

export function parseCustomerFilter(raw: string): CustomerFilter {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw invalidInput("'filter' must be URL-encoded JSON.");
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalidInput("'filter' must be a JSON object.");
  // Request bodies and filters are read case-insensitively, like the service's JSON reader.
  const props = new Map(Object.entries(json).map(([k, v]) => [k.toLowerCase(), v] as const));
  const field = FIELDS.find((f) => f.toLowerCase() === String(props.get('field')).toLowerCase());
  if (!field) throw invalidInput(`filter Field must be one of ${FIELDS.join(', ')}.`);
  const value = props.get('value');
  if (typeof value !== 'string') throw invalidInput('filter Value must be a string.');
  const operator = OPERATORS.find((o) => o === String(props.get('operator')).toLowerCase());
  // The .NET SDK's tests pin this code and text for any other operator.
  if (!operator) throw new ApiError(400, FaultCode.customerSearchOperator, 'Customer search only allows starts with and equals operation.');
  return { field, value, operator };
}

/** The JSON form the service puts back into links.next, with the documented property names. */
export function formatCustomerFilter(f: CustomerFilter): string {
  return JSON.stringify({ Field: f.field, Value: f.value, Operator: f.operator });
}

export function matchesCustomerFilter(c: Customer, f: CustomerFilter | undefined): boolean {
  if (!f) return true;
  // The sandbox's customers are all direct reseller relationships: no indirect reseller matches.
  const subject = f.field === 'CompanyName' ? c.companyProfile.companyName : f.field === 'Domain' ? c.companyProfile.domain : undefined;
  if (subject === undefined) return false;
  const a = subject.toLowerCase();
  const b = f.value.toLowerCase();
  return f.operator === 'equals' ? a === b : a.startsWith(b);
}
