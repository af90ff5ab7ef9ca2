/**
 * Quantile bins for one feature: bin 0 holds missing values (NaN), bin b >= 1
 * holds values up to `uppers[b - 1]` (the last upper is +Infinity). Edges sit
 * halfway between neighbouring distinct values, so a split learnt on bins is
 * a plain `x <= threshold` on raw values.
 */
export interface FeatureBins {
  uppers: Float64Array;
}

/**
 * Picks at most `maxBins` value bins with roughly equal counts.
 *
 * @example binEdges(Float64Array.of(1, 2, 3, 4), 2).uppers // [2.5, Infinity]
 */
export function binEdges(values: Float64Array, maxBins: number): FeatureBins {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) counts[counts.length - 1]!++;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const uppers: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) uppers.push((distinct[i]! + distinct[i + 1]!) / 2);
  } else {
    const perBin = sorted.length / maxBins;
    let cumulative = 0;
    let nextCut = perBin;
    for (let i = 0; i + 1 < distinct.length; i++) {
      cumulative += counts[i]!;
      if (cumulative >= nextCut) {
        uppers.push((distinct[i]! + distinct[i + 1]!) / 2);
        while (nextCut <= cumulative) nextCut += perBin;
        if (uppers.length === maxBins - 1) break;
      }
    }
  }
  uppers.push(Number.POSITIVE_INFINITY);
  return { uppers: Float64Array.from(uppers) };
}

/** The bin of a value: 0 for NaN, else 1 + the first edge at or above it (binary search). */
export function binOf(bins: FeatureBins, v: number): number {
  if (Number.isNaN(v)) return 0;
  const u = bins.uppers;
  let lo = 0;
  let hi = u.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= u[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}
