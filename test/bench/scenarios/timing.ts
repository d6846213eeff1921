// Small helpers for the order and pace of rounds.

/** The list started at `round` (mod its length): each contender goes first in turn. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
