import { revenueProxy } from './declaration-facts.ts';
import { featureInfo } from './features.ts';
import { compileGbdt, predictMargin } from './gbdt-model.ts';
import { DEFAULT_GBDT_PARAMS, type GbdtParams, trainGbdt } from './gbdt-train.ts';
import { areaUnderRoc, atInspectionRates } from './metrics.ts';
import { ModelError } from './model-error.ts';
import { ProfileState } from './profile-state.ts';
import { FEATURE_SET, type ModelMetrics, type RiskModelJson } from './risk-model.ts';
import { type HistoryRow, timeOrderedFeatures } from './time-ordered-features.ts';

/** Rows with a known outcome, for training or evaluation. */
export type LabelledRow = HistoryRow & { outcome: NonNullable<HistoryRow['outcome']> };

export interface TrainRiskModelInput {
  train: readonly LabelledRow[];
  /** A later period, scored with history up to its own earlier days; reported, never used to choose anything. */
  valid?: readonly LabelledRow[];
  seed: number;
  params?: Partial<Omit<GbdtParams, 'seed'>>;
  /** Latest share of the training period held out to choose the number of rounds (default 0.15). */
  holdoutShare?: number;
  onProgress?: (stage: 'features' | 'early-stopping' | 'fit' | 'validation', round?: number) => void;
}

/**
 * Trains a risk model on inspection outcomes, in time order and without
 * leakage:
 *
 * 1. features of every training row from the history of earlier days only;
 * 2. the latest `holdoutShare` of the training period is held out to pick
 *    the number of rounds by early stopping (validation AUC);
 * 3. the model is refitted on the whole training period with 10% more
 *    rounds than found (it now has ~18% more data);
 * 4. the validation period, if given, is scored with history up to each
 *    day and reported.
 *
 * The model keeps snapshots of history at the end of training and at the end
 * of validation, so scoring a later period starts from all it knew.
 *
 * @example const model = trainRiskModel({ train: rows, valid: laterRows, seed: 1 });
 */
export function trainRiskModel(input: TrainRiskModelInput): RiskModelJson {
  const train = sortByDay(input.train);
  if (train.length === 0) throw new ModelError('SIEVE_ERR_MODEL_NO_DATA', 'no training rows with an outcome');
  const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...input.params, seed: input.seed };
  input.onProgress?.('features');
  const state = new ProfileState();
  const { matrix, width } = timeOrderedFeatures(train, state);
  const y = Uint8Array.from(train, (r) => (r.outcome.finding ? 1 : 0));

  const cut = dayBoundary(train, Math.floor(train.length * (1 - (input.holdoutShare ?? 0.15))));
  let rounds = params.rounds;
  let earlyStoppingAuc: number | undefined;
  if (cut > 0 && cut < train.length) {
    const inner = trainGbdt({
      train: { x: matrix.subarray(0, cut * width), y: y.subarray(0, cut) },
      valid: { x: matrix.subarray(cut * width), y: y.subarray(cut) },
      width,
      params,
      onRound: (r) => input.onProgress?.('early-stopping', r),
    });
    rounds = Math.max(1, Math.round(inner.rounds * 1.1));
    earlyStoppingAuc = inner.validAuc;
  }
  const fit = trainGbdt({
    train: { x: matrix, y },
    width,
    params: { ...params, rounds },
    onRound: (r) => input.onProgress?.('fit', r),
  });

  const history = [{ until: isoDay(state.lastDay!), profiles: state.toJSON() }];
  const json: RiskModelJson = {
    format: 'sieve-risk-model',
    formatVersion: 1,
    featureSet: FEATURE_SET,
    features: featureInfo(state.groups).map((f) => f.name),
    target: 'finding',
    seed: input.seed,
    params,
    rounds: fit.rounds,
    training: {
      from: isoDay(train[0]!.facts.day),
      to: isoDay(train[train.length - 1]!.facts.day),
      rows: train.length,
      findings: y.reduce((s, v) => s + v, 0),
    },
    metrics: earlyStoppingAuc === undefined ? {} : { earlyStopping: { auc: earlyStoppingAuc } },
    importance: Array.from(fit.gain, (g) => Number(g.toPrecision(6))),
    gbdt: fit.model,
    history,
  };
  if (input.valid && input.valid.length > 0) {
    input.onProgress?.('validation');
    const valid = sortByDay(input.valid);
    const { matrix: vx } = timeOrderedFeatures(valid, state);
    const compiled = compileGbdt(fit.model);
    const scores = Float64Array.from(valid, (_, i) => predictMargin(compiled, vx, i * width));
    json.metrics.validation = summariseMetrics(scores, valid);
    history.push({ until: isoDay(state.lastDay!), profiles: state.toJSON() });
  }
  return json;
}

/**
 * The headline figures of a ranking: precision at 1/2/5/10%, recall at 5%, AUC.
 *
 * @example summariseMetrics(scores, rows).p_at_5 // 0.91
 */
export function summariseMetrics(scores: ArrayLike<number>, rows: readonly LabelledRow[]): ModelMetrics {
  const labels = Uint8Array.from(rows, (r) => (r.outcome.finding ? 1 : 0));
  const revenue = Float64Array.from(rows, (r) => revenueProxy(r.facts));
  const at = atInspectionRates(scores, labels, revenue);
  return {
    rows: rows.length,
    findings: labels.reduce((s, v) => s + v, 0),
    auc: areaUnderRoc(scores, labels),
    p_at_1: at[0]!.precision,
    p_at_2: at[1]!.precision,
    p_at_5: at[2]!.precision,
    p_at_10: at[3]!.precision,
    recall_at_5: at[2]!.recall,
  };
}

/** Rows sorted by day, input order kept within a day. */
export function sortByDay<T extends HistoryRow>(rows: readonly T[]): T[] {
  return rows
    .map((r, i) => [r, i] as const)
    .sort((a, b) => a[0].facts.day - b[0].facts.day || a[1] - b[1])
    .map(([r]) => r);
}

// Moves a cut back to the first row of its day, so no day is split between fitting and holdout.
function dayBoundary(rows: readonly HistoryRow[], cut: number): number {
  let c = cut;
  while (c > 0 && c < rows.length && rows[c - 1]!.facts.day === rows[c]!.facts.day) c--;
  return c;
}

/** ISO date (YYYY-MM-DD) of a day number. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
