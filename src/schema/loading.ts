/** DataLoader batch functions return an Error in the slot of a key that failed, not a rejection. */
export const settle = <T>(p: Promise<T>): Promise<T | Error> => p.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
