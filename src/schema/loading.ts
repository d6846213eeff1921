export type MaybePromise<T> = T | Promise<T>;

/** DataLoader batch functions return an Error in the slot of a key that failed, not a rejection. */
export const settle = <T>(p: MaybePromise<T>): Promise<T | Error> => Promise.resolve(p).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));

/** `f` of the value, without a promise when the value is already there (a warm cache read). */
export function mapMaybe<T, U>(value: MaybePromise<T>, f: (v: T) => U): MaybePromise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}
