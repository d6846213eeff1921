// Seats and their refund windows (reference §2.5 "PATCH semantics", §5 rule 6): every purchase,
// renewal and seat increase opens its own 7-day window; seats can be reduced only while their
// window is open, so the reducible seats are the chunks whose window has not closed yet.
import { DAY_MS } from '../dates.js';
import type { SeatChunk, SubscriptionRecord } from './subscription.js';

/** Seats can be reduced and the term cancelled for 7 days (168 h) after purchase (reference §5 rule 6). */
export const REFUND_WINDOW_MS = 7 * DAY_MS;
/** Availability terms advertise a full refund for P1D; after that it is prorated (reference §2.1, §5 rule 6). */
export const FULL_REFUND_MS = DAY_MS;

/** The chunks still inside their window at `now`, as refundableQuantity lists them. */
export function openChunks(chunks: readonly SeatChunk[], now: number): SeatChunk[] {
  return chunks.filter((c) => c.allowedUntilAt > now && c.quantity > 0);
}

export function refundableSeats(chunks: readonly SeatChunk[], now: number): number {
  return openChunks(chunks, now).reduce((sum, c) => sum + c.quantity, 0);
}

/** Seats bought at `at`: a chunk with its own window, and an entry in the seat history. */
export function addSeats(s: SubscriptionRecord, quantity: number, at: number): void {
  s.seatChunks.push({ quantity, allowedUntilAt: at + REFUND_WINDOW_MS });
  s.seatChanges.push({ at, delta: quantity });
  s.quantity += quantity;
}

/**
 * Gives back seats, newest chunk first: the seats added last are the ones returned. Chunks are
 * appended in time order, so the newest are also the ones whose windows close last; the caller has
 * checked that enough seats are inside open windows.
 */
export function removeSeats(s: SubscriptionRecord, quantity: number, at: number): void {
  let left = quantity;
  for (let i = s.seatChunks.length - 1; i >= 0 && left > 0; i--) {
    const chunk = s.seatChunks[i];
    if (!chunk) continue;
    const taken = Math.min(chunk.quantity, left);
    chunk.quantity -= taken;
    left -= taken;
  }
  s.seatChunks = s.seatChunks.filter((c) => c.quantity > 0);
  s.seatChanges.push({ at, delta: -quantity });
  s.quantity -= quantity;
}
