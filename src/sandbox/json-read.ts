// Reading request bodies the way the service's JSON reader does (reference §1.5): property names
// match case-insensitively, since the .NET SDK sends PascalCase (`LineItems`, `Attributes.Etag`).

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property by case-insensitive name; null counts as absent, as the SDK writes unset properties as null. */
export function prop(obj: JsonObject, name: string): unknown {
  const found = entry(obj, name);
  return found?.value === null ? undefined : found?.value;
}

/**
 * A property by case-insensitive name, null included: for properties where null means "clear".
 * When the body spells it twice (`quantity` and `Quantity`), the later one wins, as with a
 * streaming reader that assigns properties in document order.
 */
export function entry(obj: JsonObject, name: string): { value: unknown } | undefined {
  const wanted = name.toLowerCase();
  let found: { value: unknown } | undefined;
  for (const [key, value] of Object.entries(obj)) {
    if (key.toLowerCase() === wanted) found = { value };
  }
  return found;
}
