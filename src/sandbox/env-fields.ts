// Field-by-field validation of the sandbox's environment settings: each setting is parsed with its
// own schema, so one wrong value never hides another. The gateway has the same helper
// (src/config.fields.ts); the sandbox keeps its own copy because it imports nothing of the gateway.
import type { z } from 'zod';

export type Env = Readonly<Record<string, string | undefined>>;
export type Shape = Readonly<Record<string, z.ZodType>>;
export type Parsed<S extends Shape> = { -readonly [K in keyof S]: z.output<S[K]> };

export type FieldsResult<S extends Shape> = { ok: true; values: Parsed<S> } | { ok: false; problems: string[] };

// Secrets are never echoed back, not even when they are wrong.
const SECRET_NAME = /SECRET|PASSWORD|KEY/;

export function parseFields<S extends Shape>(shape: S, env: Env): FieldsResult<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const result = schema.safeParse(env[name]);
    if (result.success) {
      values[name] = result.data;
      continue;
    }
    const raw = env[name];
    const shown = raw !== undefined && !SECRET_NAME.test(name) ? ` (got ${JSON.stringify(raw)})` : '';
    for (const issue of result.error.issues) problems.push(`${name}: ${issue.message}${shown}`);
  }
  // Every key of the shape was parsed above, so without problems the record is complete.
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: values as Parsed<S> };
}

/** The operator-facing report for invalid settings: one block, every problem on its own line. */
export function formatSettingsProblems(problems: readonly string[]): string {
  return [`Invalid settings (${problems.length}); nothing was started:`, ...problems.map((p) => `  - ${p}`)].join('\n');
}
