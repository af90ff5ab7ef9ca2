/**
 * The smallest of the sorted values that a share `q` (0 to 1) of them do not
 * exceed (nearest rank): the 99th of 100 is the 99th value, not the largest.
 * Null for none. Used for every percentile the benchmarks print.
 */
export function nearestRank(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  return n ? sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]! : null;
}
