// Field-by-field validation of environment settings. Each setting is parsed with its own schema,
// so one wrong value never hides another, and the cross-field checks in src/config.ts still run
// on every setting that did parse.
import type { z } from 'zod';

export type Env = Readonly<Record<string, string | undefined>>;

export type Shape = Readonly<Record<string, z.ZodType>>;
export type Parsed<S extends Shape> = { -readonly [K in keyof S]: z.output<S[K]> };

export interface Fields<S extends Shape> {
  /** Every setting that parsed, defaults applied. */
  readonly values: Partial<Parsed<S>>;
  /** Settings that did not parse: checks that read them are skipped, their problem is already listed. */
  readonly failed: ReadonlySet<keyof S>;
  readonly problems: string[];
  /** All values, when every setting parsed. */
  readonly all?: Parsed<S>;
}

// Secrets are never echoed back, not even when they are wrong.
// REDIS_URL may carry a password (redis://:secret@host); OTLP headers carry API keys.
const SECRET_NAME = /SECRET|PASSWORD|KEY|REDIS_URL|METRICS_TOKEN|OTLP(?:_TRACES)?_HEADERS/;

export function parseFields<S extends Shape>(shape: S, env: Env): Fields<S> {
  const values: Record<string, unknown> = {};
  const failed = new Set<keyof S>();
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const result = schema.safeParse(env[name]);
    if (result.success) {
      values[name] = result.data;
      continue;
    }
    failed.add(name);
    const raw = env[name];
    const shown = raw !== undefined && !SECRET_NAME.test(name) ? ` (got ${JSON.stringify(raw)})` : '';
    for (const issue of result.error.issues) problems.push(`${name}: ${issue.message}${shown}`);
  }
  // Every key of the shape was parsed above, so when none failed the record is complete.
  const typed = values as Partial<Parsed<S>>;
  return { values: typed, failed, problems, ...(failed.size === 0 ? { all: values as Parsed<S> } : {}) };
}

/** A setting counts as set when it is not blank. */
export function isSet(raw: string | undefined): boolean {
  return raw !== undefined && raw.trim() !== '';
}
