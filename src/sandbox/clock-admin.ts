// The body of POST /_sandbox/clock: exactly one of advance, set or reset.
import { z } from 'zod';

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'now must be an ISO-8601 date' });

export const clockChangeSchema = z.union([
  // Up to a year per call: enough for any window the sandbox simulates, and no overflow.
  z.strictObject({ advanceMs: z.number().int().min(0).max(366 * 86_400_000) }),
  z.strictObject({ now: isoDate }),
  z.strictObject({ reset: z.literal(true) }),
]);
