// The knobs of the simulated order pipeline: how long an order takes to provision and how long it
// stays missing from the order list (Partner Center: up to 15 minutes, reference §2.4 "Timing"),
// and how long an accepted subscription change takes to show (§2.5 "PATCH responses").
import { z } from 'zod';
import type { SandboxCommerceSettings } from './types.js';

const millis = z.number().int().min(0).max(3_600_000);

export const commerceSettingsSchema = z
  .strictObject({ orderCompletionMs: millis, orderListDelayMs: millis, subscriptionPatchDelayMs: millis })
  .partial();

/**
 * The defaults of src/sandbox/settings.ts, so a sandbox started from code behaves like `npm run sandbox`:
 * subscription changes apply at once.
 */
export const DEFAULT_COMMERCE: SandboxCommerceSettings = { orderCompletionMs: 5_000, orderListDelayMs: 30_000, subscriptionPatchDelayMs: 0 };

/** Validates, then merges: a bad setting leaves the current ones untouched. */
export function mergeCommerceSettings(current: SandboxCommerceSettings, partial: unknown): SandboxCommerceSettings {
  return { ...current, ...commerceSettingsSchema.parse(partial) };
}
