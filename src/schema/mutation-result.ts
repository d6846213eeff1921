// The one way a mutation answers: a result union built by the Pothos errors plugin from its
// payload and the error classes of MUTATION_ERRORS (plus any of its own). The plugin picks a
// member by the error's class (instanceof), so nothing depends on class names, which a minifier
// may change.
//
// Mutations that share a result (the four subscription changes) pass the same names: the plugin
// creates the payload and union once per payload name (runUnique), so they share one type.
import type { GatewayError } from '../errors/gateway-errors.js';
import { MUTATION_ERRORS } from './errors.js';

type ErrorClass = new (...args: never[]) => GatewayError;

interface Named {
  name: string;
  description: string;
}

export type MutationResultOptions =
  | {
      /** The union the field returns, e.g. CreateCartResult. */
      union: Named;
      /** The payload object the plugin builds around the resolver's value... */
      payload: Named;
      /** ...in this field of it, e.g. cart. */
      dataField: Named;
      /** Error types of this mutation beyond the shared ones. */
      errors?: readonly ErrorClass[];
    }
  | {
      union: Named;
      /** The resolver returns the payload object itself (a payload of several fields). */
      directResult: true;
      errors?: readonly ErrorClass[];
    };

/** The `errors` option of a mutation field. */
export function mutationResult(o: MutationResultOptions) {
  const types = [...MUTATION_ERRORS, ...(o.errors ?? [])];
  const union = { name: o.union.name, description: o.union.description };
  if ('directResult' in o) return { types, directResult: true, union };
  return {
    types,
    union,
    result: { name: o.payload.name, description: o.payload.description },
    dataField: { name: o.dataField.name, description: o.dataField.description },
  };
}
