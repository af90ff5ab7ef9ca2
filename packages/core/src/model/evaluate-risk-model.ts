import { revenueProxy } from './declaration-facts.ts';
import { predictMargin } from './gbdt-model.ts';
import { areaUnderRoc, atInspectionRates, type RateMetrics, STANDARD_RATES } from './metrics.ts';
import { ModelError } from './model-error.ts';
import type { ProfileState } from './profile-state.ts';
import type { RiskModel } from './risk-model.ts';
import { timeOrderedFeatures } from './time-ordered-features.ts';
import { isoDay, type LabelledRow, sortByDay } from './train-risk-model.ts';

export interface Evaluation<T extends LabelledRow = LabelledRow> {
  /** Rows in time order, as scored. */
  rows: T[];
  /** Log-odds per row (same order as `rows`). */
  scores: Float64Array;
  labels: Uint8Array;
  revenue: Float64Array;
  atRates: RateMetrics[];
  auc: number;
  /** End of the model's history snapshot the evaluation started from, if any. */
  historyUntil: string | undefined;
}

/**
 * Scores a labelled period as it would have been scored live: history starts
 * from the model's latest snapshot before the period, and each day adds the
 * previous days' outcomes. Pass `history` to start from another one (e.g. a
 * model with no snapshot early enough).
 *
 * @example const e = evaluateRiskModel(model, rows); e.atRates[2].precision // precision at 5%
 */
export function evaluateRiskModel<T extends LabelledRow>(
  model: RiskModel,
  input: readonly T[],
  opts: { history?: ProfileState; rates?: readonly number[] } = {},
): Evaluation<T> {
  const rows = sortByDay(input);
  if (rows.length === 0) throw new ModelError('SIEVE_ERR_MODEL_NO_DATA', 'no labelled rows to evaluate');
  const first = isoDay(rows[0]!.facts.day);
  const history = opts.history ?? model.historyBefore(first);
  const { matrix, width } = timeOrderedFeatures(rows, history);
  const scores = Float64Array.from(rows, (_, i) => predictMargin(model.compiled, matrix, i * width));
  const labels = Uint8Array.from(rows, (r) => (r.outcome.finding ? 1 : 0));
  const revenue = Float64Array.from(rows, (r) => revenueProxy(r.facts));
  return {
    rows,
    scores,
    labels,
    revenue,
    atRates: atInspectionRates(scores, labels, revenue, opts.rates ?? STANDARD_RATES),
    auc: areaUnderRoc(scores, labels),
    historyUntil: opts.history ? undefined : model.historyDateBefore(first),
  };
}
