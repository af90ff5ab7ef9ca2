import { z } from 'zod';

/** Control lanes, from least to most control. Blue: release now, audit after clearance. */
export const LANES = ['green', 'blue', 'yellow', 'red'] as const;
export type Lane = (typeof LANES)[number];

const weight = z.number().min(0).max(1);

/**
 * How rule points, watchlist hits and the model's probability combine. Each
 * source is first turned into a risk between 0 and 1, then multiplied by its
 * weight, and the weighted risks are combined as a noisy-OR:
 *
 *     score = 1 - (1 - wR * ruleRisk) * (1 - wW * watchlistRisk) * (1 - wM * modelRisk)
 *
 * so any one strong source can raise a declaration on its own, agreeing
 * sources add up, and the score never passes 1. Rule risk is
 * points / (points + rulePointsHalf) (half risky at `rulePointsHalf`
 * points); watchlist risk is the best hit's match score, or, when the
 * caller gives the points the lists' policies award (as scoring does, so
 * that a list's policy decides what its hits weigh), those points on the
 * rule scale; model risk is how
 * far its probability stands above the probability of an average
 * declaration, (p - base) / (1 - base), or p when the base is not known: a
 * declaration the model finds as risky as most adds nothing, so the model
 * re-ranks rather than sending everything with a few rule points to
 * control. Lanes come from score thresholds, raised (never lowered) by a
 * lane a rule demands or by a watchlist hit at or above `watchlistRedScore`.
 */
export const ensembleConfigSchema = z.object({
  version: z.string().min(1),
  weights: z.object({ rules: weight, watchlist: weight, model: weight }),
  rulePointsHalf: z.number().positive(),
  /** Hits scoring below this are ignored (too weak to act on). */
  watchlistMinScore: weight,
  /** A hit scoring at least this sends the declaration to red, whatever the other sources say. */
  watchlistRedScore: weight,
  /** Score thresholds: at or above `red` is red, at or above `yellow` is yellow, else green. */
  lanes: z
    .object({ red: weight, yellow: weight })
    .refine((l) => l.yellow <= l.red, { message: 'expected the yellow threshold at or below the red one' }),
  /** Ranking order for a selection budget: by risk, or by risk times revenue at stake. */
  rankBy: z.enum(['risk', 'expected-revenue']),
});
export type EnsembleConfig = z.infer<typeof ensembleConfigSchema>;

/** Defaults: model and watchlist count fully, rules a little less; 10 points is half risky. */
export const DEFAULT_ENSEMBLE_CONFIG: Readonly<EnsembleConfig> = Object.freeze({
  version: 'ensemble-v1',
  weights: Object.freeze({ rules: 0.8, watchlist: 1, model: 1 }),
  rulePointsHalf: 10,
  watchlistMinScore: 0.5,
  watchlistRedScore: 0.9,
  lanes: Object.freeze({ red: 0.8, yellow: 0.5 }),
  rankBy: 'risk',
});

/**
 * Validates a configuration (e.g. from the database or a file) once, with
 * every problem listed, and freezes it.
 *
 * @example const config = parseEnsembleConfig({ ...DEFAULT_ENSEMBLE_CONFIG, rankBy: 'expected-revenue' });
 */
export function parseEnsembleConfig(input: unknown): Readonly<EnsembleConfig> {
  const r = ensembleConfigSchema.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`).join('; ');
    throw new Error(`SIEVE_ERR_ENSEMBLE_CONFIG: invalid ensemble configuration: ${problems}`);
  }
  return Object.freeze(r.data);
}

/** What the three layers said about one declaration. */
export interface EnsembleInput {
  rulePoints: number;
  /** A lane a fired rule demands (e.g. mandatory control of a commodity). */
  ruleLane?: Lane;
  watchlistHits: readonly { score: number; label?: string }[];
  /**
   * Points the list policies award the hits. When given, the watchlist's risk
   * is at least these points on the rule scale: a report-only list (no
   * points) adds nothing, a list worth few points adds little.
   */
  watchlistPoints?: number;
  /** Absent when no model is active: the other sources decide alone. */
  modelProbability?: number;
  /** The model's probability for an average declaration; model risk is the excess over it. */
  modelBaseProbability?: number;
  /** Revenue at stake, for `rankBy: 'expected-revenue'`. */
  revenueAtStake?: number;
}

/** One source's part of the score. `share` is its part of the combined evidence (shares add to 1). */
export interface EnsemblePart {
  source: 'rules' | 'watchlist' | 'model';
  risk: number;
  weighted: number;
  share: number;
}

export interface EnsembleResult {
  /** Combined risk between 0 and 1. */
  score: number;
  /** Value to sort by when a budget limits how many are controlled. */
  rankingScore: number;
  lane: Lane;
  /** Why the lane is what it is. */
  laneReason: string;
  parts: EnsemblePart[];
  configVersion: string;
}

/**
 * Combines the three layers of risk into a score and a lane. Pure: the same
 * input and configuration always give the same result.
 *
 * @example
 * combineRisk({ rulePoints: 10, watchlistHits: [], modelProbability: 0.7 })
 * // { score: 0.79, lane: 'yellow', ... }
 */
export function combineRisk(
  input: EnsembleInput,
  config: Readonly<EnsembleConfig> = DEFAULT_ENSEMBLE_CONFIG,
): EnsembleResult {
  const points = Math.max(0, input.rulePoints);
  const relevantHits = input.watchlistHits.filter((h) => h.score >= config.watchlistMinScore);
  const bestHit = relevantHits.reduce((m, h) => Math.max(m, h.score), 0);
  const risks = {
    rules: pointsRisk(points, config.rulePointsHalf),
    watchlist: Math.max(
      Math.min(1, bestHit),
      pointsRisk(Math.max(0, input.watchlistPoints ?? 0), config.rulePointsHalf),
    ),
    model: modelRisk(input.modelProbability, input.modelBaseProbability),
  };
  const parts: EnsemblePart[] = (['rules', 'watchlist', 'model'] as const).map((source) => ({
    source,
    risk: risks[source],
    weighted: config.weights[source] * risks[source],
    share: 0,
  }));
  // Evidence of a part = -log(1 - weighted): these add up exactly to -log(1 - score).
  const evidence = parts.map((p) => -Math.log(Math.max(1e-12, 1 - p.weighted)));
  const totalEvidence = evidence.reduce((s, e) => s + e, 0);
  parts.forEach((p, i) => {
    p.share = totalEvidence > 0 ? evidence[i]! / totalEvidence : 0;
  });
  const score = 1 - parts.reduce((prod, p) => prod * (1 - p.weighted), 1);
  const { lane, laneReason } = chooseLane(score, input.ruleLane, bestHit, config);
  return {
    score,
    rankingScore:
      config.rankBy === 'expected-revenue' ? score * Math.max(0, input.revenueAtStake ?? 0) : score,
    lane,
    laneReason,
    parts,
    configVersion: config.version,
  };
}

function chooseLane(
  score: number,
  ruleLane: Lane | undefined,
  bestHit: number,
  config: Readonly<EnsembleConfig>,
): { lane: Lane; laneReason: string } {
  const byScore: Lane = score >= config.lanes.red ? 'red' : score >= config.lanes.yellow ? 'yellow' : 'green';
  let lane: Lane = byScore;
  let laneReason = `score ${score.toFixed(2)} gives ${byScore}`;
  if (ruleLane && LANES.indexOf(ruleLane) > LANES.indexOf(lane)) {
    lane = ruleLane;
    laneReason = `a rule demands ${ruleLane}`;
  }
  if (bestHit >= config.watchlistRedScore && lane !== 'red') {
    lane = 'red';
    laneReason = `watchlist match ${bestHit.toFixed(2)} at or above ${config.watchlistRedScore}`;
  }
  return { lane, laneReason };
}

function pointsRisk(points: number, half: number): number {
  return points / (points + half);
}

function clamp01(x: number): number {
  return Number.isNaN(x) ? 0 : Math.min(1, Math.max(0, x));
}

/** The model's probability as risk above the average declaration's (see {@link ensembleConfigSchema}). */
function modelRisk(p: number | undefined, base: number | undefined): number {
  if (p === undefined) return 0;
  if (base === undefined || !(base >= 0 && base < 1)) return clamp01(p);
  return clamp01((p - base) / (1 - base));
}
