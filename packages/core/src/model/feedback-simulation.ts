import { featureInfo, writeFeatures } from './features.ts';
import { type CompiledGbdt, compileGbdt, predictMargin, sigmoid } from './gbdt-model.ts';
import { type GbdtParams, trainGbdt } from './gbdt-train.ts';
import { ModelError } from './model-error.ts';
import { ProfileState } from './profile-state.ts';
import { seededRandom } from './rng.ts';
import { timeOrderedFeatures } from './time-ordered-features.ts';
import { isoDay, type LabelledRow, sortByDay } from './train-risk-model.ts';

export interface SimulationInput {
  /** Time-ordered ground truth; the simulation reveals an outcome only when it inspects the row. */
  rows: readonly LabelledRow[];
  /** Share of each week's declarations inspected. */
  rate: number;
  /** Share of the inspections chosen by exploration instead of by the model. */
  explorationShare: number;
  /** Random exploration, or the declarations the model is least sure about (probability nearest 0.5). */
  exploration: 'random' | 'uncertainty';
  /** Weeks at the start whose outcomes are all known (past audits): the first training set. */
  warmupWeeks: number;
  seed: number;
  /** Parameters of the weekly retraining (fixed rounds, no early stopping). */
  params?: Partial<GbdtParams>;
  /**
   * Retrain every this many weeks (default 1, every week); in between, the
   * last model scores while profiles still take in each week's outcomes.
   * Retraining dominates the run time on a year of data.
   */
  retrainEveryWeeks?: number;
  onWeek?: (week: WeekResult) => void;
}

export interface WeekResult {
  week: number;
  from: string;
  declarations: number;
  inspected: number;
  findings: number;
  precision: number;
  /** Findings among the model's own picks, and among the exploration picks. */
  exploitFindings: number;
  exploreFindings: number;
  /** Share of the week's findings (known only to the simulation) that were caught. */
  recall: number;
}

export interface SimulationResult {
  weeks: WeekResult[];
  inspected: number;
  findings: number;
  precision: number;
  recall: number;
}

const RETRAIN: Partial<GbdtParams> = { rounds: 80, learningRate: 0.1, earlyStoppingRounds: 0 };

/**
 * The feedback loop of selectivity, as in the customs active-learning
 * papers: every week, score the week's declarations with the current model,
 * inspect `rate` of them (mostly the top scores, `explorationShare` chosen by
 * exploration), learn only the outcomes of what was inspected, retrain, go
 * on. Pure exploitation only ever sees the cases it already believes risky;
 * exploration buys unbiased labels at the price of some findings now.
 *
 * @example simulateFeedbackLoop({ rows, rate: 0.05, explorationShare: 0.1, exploration: 'random', warmupWeeks: 8, seed: 1 })
 */
export function simulateFeedbackLoop(input: SimulationInput): SimulationResult {
  const rows = sortByDay(input.rows);
  if (rows.length === 0) throw new ModelError('SIEVE_ERR_MODEL_NO_DATA', 'no rows to simulate on');
  const params = { ...RETRAIN, ...input.params, seed: input.seed };
  const rng = seededRandom(input.seed ^ 0x5eed);
  const first = rows[0]!.facts.day;
  const weekOf = (r: LabelledRow) => Math.floor((r.facts.day - first) / 7);
  const state = new ProfileState();
  const width = featureInfo(state.groups).length;
  const xs: number[] = [];
  const ys: number[] = [];
  const warm = rows.filter((r) => weekOf(r) < input.warmupWeeks);
  const { matrix } = timeOrderedFeatures(warm, state);
  for (const v of matrix) xs.push(v);
  for (const r of warm) ys.push(r.outcome.finding ? 1 : 0);

  const weeks: WeekResult[] = [];
  const retrainEvery = input.retrainEveryWeeks ?? 1;
  if (!(Number.isInteger(retrainEvery) && retrainEvery >= 1)) {
    throw new ModelError(
      'SIEVE_ERR_MODEL_PARAMS',
      `retrainEveryWeeks must be a whole number >= 1, got ${retrainEvery}`,
    );
  }
  let model: CompiledGbdt | undefined;
  let i = warm.length;
  while (i < rows.length) {
    const week = weekOf(rows[i]!);
    let end = i;
    while (end < rows.length && weekOf(rows[end]!) === week) end++;
    const batch = rows.slice(i, end);
    if (!model || weeks.length % retrainEvery === 0) {
      model = compileGbdt(
        trainGbdt({ train: { x: Float64Array.from(xs), y: Uint8Array.from(ys) }, width, params }).model,
      );
    }
    const scorer = model;
    // Score day by day: each day sees earlier declarations, but no outcome of this week yet.
    const fx = new Float64Array(batch.length * width);
    let d = 0;
    while (d < batch.length) {
      let e = d;
      while (e < batch.length && batch[e]!.facts.day === batch[d]!.facts.day) e++;
      for (let j = d; j < e; j++) writeFeatures(batch[j]!.facts, state, fx, j * width);
      for (let j = d; j < e; j++) state.observe(batch[j]!.facts, undefined);
      d = e;
    }
    const prob = Float64Array.from(batch, (_, j) => sigmoid(predictMargin(scorer, fx, j * width)));
    const picks = select(prob, input, rng);
    let findings = 0;
    let exploitFindings = 0;
    for (const [j, explored] of picks) {
      const row = batch[j]!;
      state.recordOutcome(row.facts, row.outcome);
      for (let f = 0; f < width; f++) xs.push(fx[j * width + f]!);
      ys.push(row.outcome.finding ? 1 : 0);
      if (row.outcome.finding) {
        findings++;
        if (!explored) exploitFindings++;
      }
    }
    const weekFindings = batch.filter((r) => r.outcome.finding).length;
    const result: WeekResult = {
      week,
      from: isoDay(batch[0]!.facts.day),
      declarations: batch.length,
      inspected: picks.length,
      findings,
      precision: picks.length ? findings / picks.length : Number.NaN,
      exploitFindings,
      exploreFindings: findings - exploitFindings,
      recall: weekFindings ? findings / weekFindings : Number.NaN,
    };
    weeks.push(result);
    input.onWeek?.(result);
    i = end;
  }
  const inspected = weeks.reduce((s, w) => s + w.inspected, 0);
  const found = weeks.reduce((s, w) => s + w.findings, 0);
  const all = rows.slice(warm.length).filter((r) => r.outcome.finding).length;
  return { weeks, inspected, findings: found, precision: found / inspected, recall: found / all };
}

// The week's inspections: [index, chosen by exploration].
function select(prob: Float64Array, input: SimulationInput, rng: () => number): [number, boolean][] {
  const n = prob.length;
  const k = Math.max(1, Math.floor(n * input.rate));
  const explore = Math.round(k * input.explorationShare);
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => prob[b]! - prob[a]! || a - b);
  const picks: [number, boolean][] = order.slice(0, k - explore).map((j) => [j, false]);
  const rest = order.slice(k - explore);
  if (input.exploration === 'uncertainty') {
    rest.sort((a, b) => Math.abs(prob[a]! - 0.5) - Math.abs(prob[b]! - 0.5) || a - b);
  } else {
    for (let j = rest.length - 1; j > 0; j--) {
      const r = Math.floor(rng() * (j + 1));
      [rest[j], rest[r]] = [rest[r]!, rest[j]!];
    }
  }
  for (const j of rest.slice(0, explore)) picks.push([j, true]);
  return picks;
}
