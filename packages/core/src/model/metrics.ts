/**
 * Area under the ROC curve: the chance that a random finding is ranked above
 * a random non-finding (ties count half). NaN when one class is absent.
 *
 * @example areaUnderRoc([0.9, 0.2, 0.6], [1, 0, 0]) // 1
 */
export function areaUnderRoc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Performance when inspecting the top `rate` share of declarations. */
export interface RateMetrics {
  rate: number;
  inspected: number;
  findings: number;
  precision: number;
  recall: number;
  /** Share of all revenue at stake among findings that the inspected findings carry. */
  revenueShare: number;
  revenueFound: number;
}

/** The inspection rates customs papers report: 1, 2, 5 and 10%. */
export const STANDARD_RATES = [0.01, 0.02, 0.05, 0.1] as const;

/**
 * Precision, recall and revenue found when the top `rate` share by score is
 * inspected (the count rounds down, at least one). Equal scores keep input
 * order, so results are deterministic.
 *
 * @example atInspectionRates(scores, labels, revenue)[2].precision // precision at 5%
 */
export function atInspectionRates(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  revenue: ArrayLike<number>,
  rates: readonly number[] = STANDARD_RATES,
): RateMetrics[] {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let totalFindings = 0;
  let totalRevenue = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) {
      totalFindings++;
      totalRevenue += revenue[i]!;
    }
  }
  return rates.map((rate) => {
    const k = Math.max(1, Math.floor(n * rate));
    let findings = 0;
    let revenueFound = 0;
    for (let i = 0; i < Math.min(k, n); i++) {
      const r = order[i]!;
      if (labels[r] === 1) {
        findings++;
        revenueFound += revenue[r]!;
      }
    }
    return {
      rate,
      inspected: k,
      findings,
      precision: n === 0 ? Number.NaN : findings / Math.min(k, n),
      recall: totalFindings === 0 ? Number.NaN : findings / totalFindings,
      revenueShare: totalRevenue === 0 ? Number.NaN : revenueFound / totalRevenue,
      revenueFound,
    };
  });
}
