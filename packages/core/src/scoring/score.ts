import type { CargoReport } from '../domain/cargo-report.ts';
import type { Declaration } from '../domain/declaration.ts';
import {
  combineRisk,
  DEFAULT_ENSEMBLE_CONFIG,
  type EnsembleConfig,
  type EnsembleResult,
  type Lane,
} from '../ensemble/ensemble.ts';
import type { FiredRule } from '../rules/fired-rule.ts';
import type { PartyScreeningResult } from '../watchlist/screen-parties.ts';
import {
  type Assessment,
  type ListMatch,
  MODEL_REASONS,
  type ModelVerdict,
  type RandomDraw,
  type WatchlistHitRecord,
  type WatchlistVerdict,
} from './assessment.ts';
import type { LookoutMatch } from './commodity-lookouts.ts';
import { sumPoints } from './points.ts';
import { higherLane, type LaneThresholds, laneForPoints, laneRank } from './scoring-policy.ts';
import type { ScoringSnapshot } from './snapshot.ts';

/**
 * What the caller knows about a declaration besides the declaration itself.
 * Watchlist screening and the model plug in here: give their results and
 * they join the rule points through the ensemble (they can raise a lane,
 * never lower it).
 */
export interface ScoreInput {
  /** The cargo report (restricted to the declaration's bill) for `cargo.*` in rules. */
  readonly cargo?: CargoReport;
  /** Facts computed from history (`facts.*` in rules), e.g. from `TradeHistory`. */
  readonly facts?: Readonly<Record<string, number | string | boolean>>;
  /** The deductive layer's verdict: `screenParties(...)` from @sieve/core/watchlist. */
  readonly watchlist?: PartyScreeningResult;
  /**
   * The predictive layer: the active model's probability with its reasons
   * (`explainScore(...)` from @sieve/core/model and the model's version).
   * The assessment keeps the first {@link MODEL_REASONS} reasons.
   */
  readonly model?: ModelVerdict;
  /** A bare probability of a finding, for callers without a model version or reasons (ignored when `model` is given). */
  readonly modelProbability?: number;
  /** Revenue at stake, for an ensemble that ranks by expected revenue. */
  readonly revenueAtStake?: number;
}

/**
 * Scores one declaration: evaluates the rules, matches commodity lookouts,
 * sums points per category with caps, maps points to a lane under the
 * selection policy of the declaration's office and procedure, combines
 * watchlist and model results when given, and makes the random draw. Pure
 * and synchronous: the same declaration, snapshot and input always give the
 * same assessment. Daily capacity is applied afterwards, over a day's
 * assessments (`applyDailyCapacity`).
 *
 * @example
 * const a = score(declaration, snapshot, { cargo });
 * a.lane; a.rules.map((r) => `${r.ruleId} +${r.points}`); explainAssessment(a);
 */
export function score(
  declaration: Declaration,
  snapshot: ScoringSnapshot,
  input: ScoreInput = {},
): Assessment {
  const fired = snapshot.ruleset.evaluate(declaration, {
    ...(input.cargo ? { cargo: input.cargo } : {}),
    ...(snapshot.bands ? { bands: snapshot.bands } : {}),
    ...(input.facts ? { facts: input.facts } : {}),
  });
  const lookouts = snapshot.lookouts.match(declaration, input.cargo);
  const sum = sumPoints([...fired, ...lookoutPoints(lookouts)], snapshot.caps);
  const selection = snapshot.select(declaration.office, declaration.procedure);
  const watchlistPoints = input.watchlist?.points ?? 0;
  const points = sum.total + watchlistPoints;

  let riskLane = laneForPoints(points, selection.thresholds);
  const reasons: string[] = [pointsReason(points, riskLane, selection.thresholds)];
  for (const m of lookouts) {
    if (m.lane && laneRank(m.lane) > laneRank(riskLane)) {
      riskLane = m.lane;
      reasons.push(`commodity lookout ${m.lookout} demands at least ${m.lane}`);
    }
  }
  const wl = input.watchlist?.lane;
  if (wl && laneRank(wl) > laneRank(riskLane)) {
    riskLane = wl;
    const by = input.watchlist?.subjects.find((s) => s.lane === wl);
    reasons.push(
      by
        ? `a watchlist match demands ${wl} (${by.subject.role} "${by.subject.query.name}" on ${by.hits[0]?.list ?? 'a list'})`
        : `a watchlist match demands ${wl}`,
    );
  }
  const ensemble = combine(sum.total, input, snapshot, selection.thresholds);
  if (ensemble && laneRank(ensemble.lane) > laneRank(riskLane)) {
    riskLane = ensemble.lane;
    reasons.push(`rules, watchlist and model combined: ${ensemble.laneReason}`);
  }

  const u = snapshot.draw(declaration.id, declaration.version);
  const random: RandomDraw = {
    draw: u,
    rate: selection.minRandomRate,
    drawn: u < selection.minRandomRate,
    lane: selection.randomLane,
  };
  let lane: Lane = riskLane;
  if (random.drawn) {
    lane = higherLane(riskLane, random.lane);
    reasons.push(
      `drawn at random (${u.toFixed(4)} < ${selection.minRandomRate}): at least ${random.lane}, whatever the score`,
    );
  }
  const selectedBy = random.drawn ? 'random' : riskLane === 'red' || riskLane === 'yellow' ? 'risk' : 'none';
  // The layers' verdicts are added to this object, not spread with it into a copy: under bench:api,
  // V8's heap sampling found the copies (1.9 KB a declaration) surviving the scavenges into the old
  // generation, to die there; without them a scavenge promoted 0.5 MB instead of 1.3 (this change
  // alone; BENCHMARKS.md, API).
  const assessment: Writable<Assessment> = {
    declarationId: declaration.id,
    declarationVersion: declaration.version,
    office: declaration.office,
    procedure: declaration.procedure,
    lodgedAt: declaration.lodgedAt,
    snapshotKey: snapshot.key,
    versions: snapshot.versions,
    selectionPolicy: selection.name,
    points,
    categories: sum.categories,
    riskLane,
    lane,
    laneReasons: reasons,
    selectedBy,
    random,
    rules: fired,
    lists: listMatches(fired),
    lookouts,
  };
  const w = input.watchlist;
  const m = input.model;
  if (w) assessment.watchlist = watchlistVerdict(w);
  if (m)
    assessment.model =
      m.reasons.length > MODEL_REASONS ? { ...m, reasons: m.reasons.slice(0, MODEL_REASONS) } : m;
  if (ensemble) assessment.ensemble = ensemble;
  return assessment;
}

/** An object under construction: its fields still assignable. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The screening as the assessment keeps it: the sentences, and every hit with where it was found and why. */
function watchlistVerdict(w: PartyScreeningResult): WatchlistVerdict {
  const hits: WatchlistHitRecord[] = [];
  for (const s of w.subjects) {
    for (const h of s.hits) {
      hits.push({
        role: s.subject.role,
        path: s.subject.path,
        ...(s.subject.partyId !== undefined ? { partyId: s.subject.partyId } : {}),
        queryName: s.subject.query.name,
        ...h,
      });
    }
  }
  return {
    points: w.points,
    ...(w.lane ? { lane: w.lane } : {}),
    screened: w.screened,
    findings: w.subjects.map((s) => s.explanation),
    hits,
  };
}

/**
 * The ensemble over rule points (rules and commodity lookouts), the points
 * the list policies give watchlist hits, and the model. Hits count through
 * their list's policy only (its points here, its forced lane in `score`): a
 * report-only list shows its hits without raising the lane.
 */
function combine(
  rulePoints: number,
  input: ScoreInput,
  snapshot: ScoringSnapshot,
  thresholds: LaneThresholds,
): EnsembleResult | undefined {
  const watchlistPoints = input.watchlist?.points ?? 0;
  const probability = input.model?.probability ?? input.modelProbability;
  if (watchlistPoints <= 0 && probability === undefined) return undefined;
  return combineRisk(
    {
      rulePoints,
      watchlistHits: [],
      watchlistPoints,
      ...(probability !== undefined ? { modelProbability: probability } : {}),
      ...(input.model ? { modelBaseProbability: input.model.baseProbability } : {}),
      ...(input.revenueAtStake !== undefined ? { revenueAtStake: input.revenueAtStake } : {}),
    },
    snapshot.ensemble ?? defaultEnsemble(thresholds),
  );
}

/**
 * The default ensemble on the policy's scale: rule points alone reach the
 * ensemble's yellow exactly at the policy's yellow threshold, so combining
 * never raises a declaration that only the rules speak for above the lane
 * its points give (the other sources must add to it).
 */
function defaultEnsemble(t: LaneThresholds): Readonly<EnsembleConfig> {
  // Made once per thresholds object (a snapshot's selections keep theirs), not for every declaration.
  let config = ensembleFor.get(t);
  if (!config) {
    const d = DEFAULT_ENSEMBLE_CONFIG;
    const atYellow = d.lanes.yellow / d.weights.rules; // rule risk that alone reaches yellow
    config =
      atYellow > 0 && atYellow < 1 && t.yellow > 0
        ? Object.freeze({ ...d, rulePointsHalf: (t.yellow * (1 - atYellow)) / atYellow })
        : d;
    ensembleFor.set(t, config);
  }
  return config;
}
const ensembleFor = new WeakMap<LaneThresholds, Readonly<EnsembleConfig>>();

/** A lookout counts once per list, however many items match it. */
function lookoutPoints(
  matches: readonly LookoutMatch[],
): { category: LookoutMatch['category']; points: number }[] {
  if (matches.length === 0) return [];
  const seen = new Set<string>();
  const out: { category: LookoutMatch['category']; points: number }[] = [];
  for (const m of matches) {
    if (seen.has(m.lookout)) continue;
    seen.add(m.lookout);
    if (m.points !== 0) out.push({ category: m.category, points: m.points });
  }
  return out;
}

function pointsReason(
  points: number,
  lane: Lane,
  t: { red: number; yellow: number; blue?: number | undefined },
): string {
  const p = formatPoints(points);
  switch (lane) {
    case 'red':
      return `${p} points reach red (${t.red})`;
    case 'yellow':
      return `${p} points reach yellow (${t.yellow}), below red (${t.red})`;
    case 'blue':
      return `${p} points reach blue (${t.blue}), below yellow (${t.yellow})`;
    default:
      return `${p} points, below ${t.blue !== undefined ? `blue (${t.blue})` : `yellow (${t.yellow})`}`;
  }
}

/** Points as written in explanations: whole numbers plain, others to two decimals. */
export function formatPoints(p: number): string {
  return Number.isInteger(p) ? String(p) : p.toFixed(2);
}

/** Every list entry the fired rules' evidence cites, once per list and value. */
function listMatches(fired: readonly FiredRule[]): ListMatch[] {
  if (fired.length === 0) return [];
  const byKey = new Map<
    string,
    { list: string; version: number; value: string; reason?: string; rules: string[] }
  >();
  for (const r of fired) {
    for (const e of r.evidence) {
      const le = e.listEntry;
      if (!le) continue;
      const key = `${le.list}\u001f${le.value}`;
      const m = byKey.get(key);
      if (m) {
        if (!m.rules.includes(r.ruleId)) m.rules.push(r.ruleId);
      } else {
        byKey.set(key, {
          list: le.list,
          version: le.version,
          value: le.value,
          ...(le.reason !== undefined ? { reason: le.reason } : {}),
          rules: [r.ruleId],
        });
      }
    }
  }
  return [...byKey.values()];
}
