import type { Rule } from '../rules/rule.ts';
import type { FeedbackConfig } from './scoring-policy.ts';

const DAY_MS = 86_400_000;

/**
 * What inspections said about one rule: raw counts, and the time-decayed
 * sums of resultant (something found) and non-resultant inspections of
 * declarations it fired on, as of `asOf`. The rule's hit rate is then a
 * Beta(α, β) with α = 1 + Σ γ^age · resultant and β = 1 + Σ γ^age ·
 * non-resultant, age in `periodDays` (10% decay per 90 days by default).
 * Inspections of randomly drawn declarations are also counted apart.
 */
export interface RuleStats {
  readonly ruleId: string;
  readonly inspected: number;
  readonly resultant: number;
  readonly randomInspected: number;
  readonly randomResultant: number;
  /** Σ γ^age over resultant inspections, as of `asOf`. */
  readonly decayedResultant: number;
  /** Σ γ^age over non-resultant inspections, as of `asOf`. */
  readonly decayedNonResultant: number;
  /** The instant the decayed sums are expressed at: the latest inspection seen. */
  readonly asOf: string | null;
}

/** Pseudo-rule ids for the yardsticks: every random inspection, and every inspection. */
export const RANDOM_BASELINE = '*random*';
export const ALL_INSPECTIONS = '*all*';

/** An inspection outcome as feedback sees it. */
export interface Outcome {
  /** When the inspection was made (ISO). */
  readonly at: string;
  readonly resultant: boolean;
  /** The declaration was drawn at random. */
  readonly random: boolean;
}

/** Statistics of a rule never inspected. */
export function emptyStats(ruleId: string): RuleStats {
  return {
    ruleId,
    inspected: 0,
    resultant: 0,
    randomInspected: 0,
    randomResultant: 0,
    decayedResultant: 0,
    decayedNonResultant: 0,
    asOf: null,
  };
}

/**
 * γ^(days / periodDays): the weight now of something `days` old.
 *
 * @example decay(90, { gamma: 0.9, periodDays: 90 }) // 0.9
 */
export function decay(days: number, c: Pick<FeedbackConfig, 'gamma' | 'periodDays'>): number {
  return days <= 0 ? 1 : c.gamma ** (days / c.periodDays);
}

/**
 * Adds one inspection outcome. Sums are kept as of the latest inspection:
 * a newer outcome first ages the sums, an older one (late feedback) enters
 * already aged.
 *
 * @example recordOutcome(emptyStats('R1'), { at: '2026-03-01', resultant: true, random: false }, config)
 */
export function recordOutcome(
  s: RuleStats,
  o: Outcome,
  c: Pick<FeedbackConfig, 'gamma' | 'periodDays'>,
): RuleStats {
  const at = new Date(o.at).toISOString();
  let r = s.decayedResultant;
  let n = s.decayedNonResultant;
  let asOf = s.asOf;
  let weight = 1;
  if (asOf === null || at >= asOf) {
    const aged = asOf === null ? 1 : decay(days(asOf, at), c);
    r *= aged;
    n *= aged;
    asOf = at;
  } else {
    weight = decay(days(at, asOf), c);
  }
  return {
    ruleId: s.ruleId,
    inspected: s.inspected + 1,
    resultant: s.resultant + (o.resultant ? 1 : 0),
    randomInspected: s.randomInspected + (o.random ? 1 : 0),
    randomResultant: s.randomResultant + (o.random && o.resultant ? 1 : 0),
    decayedResultant: r + (o.resultant ? weight : 0),
    decayedNonResultant: n + (o.resultant ? 0 : weight),
    asOf,
  };
}

/** The Beta posterior of a rule's hit rate at `at` (default: as of its last inspection). */
export interface Posterior {
  readonly alpha: number;
  readonly beta: number;
  /** α / (α + β). */
  readonly mean: number;
  /** Decayed inspections behind it: α + β − 2. */
  readonly effective: number;
}

/**
 * The posterior Beta(α, β) of a hit rate, aged to `at`.
 *
 * @example posterior(stats, config, '2026-06-01').mean
 */
export function posterior(
  s: RuleStats,
  c: Pick<FeedbackConfig, 'gamma' | 'periodDays'>,
  at?: string,
): Posterior {
  const aged = s.asOf && at ? decay(days(s.asOf, new Date(at).toISOString()), c) : 1;
  const alpha = 1 + aged * s.decayedResultant;
  const beta = 1 + aged * s.decayedNonResultant;
  return { alpha, beta, mean: alpha / (alpha + beta), effective: alpha + beta - 2 };
}

/** A proposed new weight for one rule, with the reason in words. */
export interface WeightProposal {
  readonly ruleId: string;
  readonly title: string;
  readonly current: number;
  readonly proposed: number;
  readonly changed: boolean;
  readonly hitRate?: number;
  readonly baseRate?: number;
  readonly effectiveInspections: number;
  readonly reason: string;
}

/**
 * Proposes new points for each rule from its decayed statistics, measured
 * against the yardstick of random inspections (or of all inspections, said
 * so in the reasons, when there are no random ones yet). A rule's target is
 * `pointsPerLogit × (logit(hit rate) − logit(base rate))`, clamped to
 * [0, maxPoints]; a proposal moves towards it by at most `maxChange` of the
 * current points (or `minStep`). Rules with too few decayed inspections, and
 * rules with zero or negative points (set by analysts on purpose), keep
 * their points.
 *
 * @example
 * proposeWeights(rules, stats, { random: randomStats, all: allStats }, config, '2026-06-01')
 *   .filter((p) => p.changed)
 */
export function proposeWeights(
  rules: readonly Rule[],
  stats: ReadonlyMap<string, RuleStats>,
  baseline: { random?: RuleStats; all?: RuleStats },
  c: FeedbackConfig,
  at?: string,
): WeightProposal[] {
  const base = yardstick(baseline, c, at);
  return rules.map((rule) => {
    const keep = (reason: string, effective = 0, hitRate?: number): WeightProposal => ({
      ruleId: rule.id,
      title: rule.title,
      current: rule.points,
      proposed: rule.points,
      changed: false,
      effectiveInspections: effective,
      ...(hitRate !== undefined ? { hitRate } : {}),
      ...(base ? { baseRate: base.rate } : {}),
      reason,
    });
    if (rule.points <= 0)
      return keep('zero or negative points are an analyst\u2019s choice: left as they are');
    const s = stats.get(rule.id);
    if (!s) return keep('no inspection of a declaration it fired on yet');
    const p = posterior(s, c, at);
    if (p.effective < c.minInspections) {
      return keep(
        `${round1(p.effective)} decayed inspections, ${c.minInspections} needed`,
        p.effective,
        p.mean,
      );
    }
    if (!base) return keep('no inspection outcome to measure against yet', p.effective, p.mean);
    const lift = logit(p.mean) - logit(base.rate);
    const target = Math.min(c.maxPoints, Math.max(0, c.pointsPerLogit * lift));
    const step = Math.max(c.minStep, c.maxChange * rule.points);
    const proposed = Math.round(rule.points + Math.max(-step, Math.min(step, target - rule.points)));
    const reason =
      `hit rate ${pct(p.mean)} (\u03b1 ${round1(p.alpha)}, \u03b2 ${round1(p.beta)}) against ${pct(base.rate)} ${base.label}: ` +
      `${lift >= 0 ? '+' : ''}${lift.toFixed(2)} log-odds, target ${Math.round(target)} points`;
    return {
      ruleId: rule.id,
      title: rule.title,
      current: rule.points,
      proposed,
      changed: proposed !== rule.points,
      hitRate: p.mean,
      baseRate: base.rate,
      effectiveInspections: p.effective,
      reason,
    };
  });
}

/**
 * The rules with the proposed points: the content of the next ruleset version.
 *
 * @example const next = applyWeights(rules, proposals.filter((p) => p.changed));
 */
export function applyWeights(rules: readonly Rule[], proposals: readonly WeightProposal[]): Rule[] {
  const byId = new Map(proposals.filter((p) => p.changed).map((p) => [p.ruleId, p.proposed]));
  return rules.map((r) => (byId.has(r.id) ? { ...r, points: byId.get(r.id)! } : r));
}

function yardstick(
  b: { random?: RuleStats; all?: RuleStats },
  c: FeedbackConfig,
  at: string | undefined,
): { rate: number; label: string } | undefined {
  // One decayed random inspection is too little to stand for the population.
  if (b.random && posterior(b.random, c, at).effective >= 1) {
    return { rate: posterior(b.random, c, at).mean, label: 'at random' };
  }
  if (b.all && posterior(b.all, c, at).effective >= 1) {
    return {
      rate: posterior(b.all, c, at).mean,
      label: 'over all inspections (no random ones yet: biased upwards)',
    };
  }
  return undefined;
}

function days(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / DAY_MS;
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function round1(x: number): number {
  return Math.round(10 * x) / 10;
}
