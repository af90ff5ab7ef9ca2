import type { LaneThresholds } from './scoring-policy.ts';

/**
 * Thresholds that would have sent the wanted shares of past declarations to
 * each lane: the lowest points at which no more than `red` of them reach
 * red, no more than `red + yellow` reach yellow or red, and so on. Ties at a
 * threshold can make a lane smaller than its target, never larger. A lane
 * with no target keeps the given threshold.
 *
 * @example calibrateThresholds(pastPoints, { red: 0.02, yellow: 0.05 }, { red: 60, yellow: 30 })
 */
export function calibrateThresholds(
  points: readonly number[],
  targets: { red?: number | undefined; yellow?: number | undefined; blue?: number | undefined },
  current: LaneThresholds,
): LaneThresholds {
  const sorted = [...points].sort((a, b) => b - a);
  const at = (share: number) => thresholdFor(sorted, share);
  const red = targets.red !== undefined ? at(targets.red) : current.red;
  const yellowShare = (targets.red ?? 0) + (targets.yellow ?? 0);
  const yellow = Math.min(red, targets.yellow !== undefined ? at(yellowShare) : current.yellow);
  const blueShare = yellowShare + (targets.blue ?? 0);
  const blue = targets.blue !== undefined ? Math.min(yellow, at(blueShare)) : current.blue;
  return blue === undefined ? { red, yellow } : { red, yellow, blue };
}

/** The smallest threshold above zero points that at most `share` of the (descending) points reach. */
function thresholdFor(desc: readonly number[], share: number): number {
  const k = Math.floor(share * desc.length);
  if (k >= desc.length) return Math.min(...desc, 0);
  const next = desc[k]!; // the first declaration that must stay below
  // Smallest value strictly above `next` among those taken; if none, nothing can be taken.
  let t = Number.POSITIVE_INFINITY;
  for (let i = 0; i < k; i++) if (desc[i]! > next) t = Math.min(t, desc[i]!);
  return Number.isFinite(t) ? t : next + 1;
}
