import { z } from 'zod';
import { identifier } from '../domain/codes.ts';
import { LANES, type Lane } from '../ensemble/ensemble.ts';
import { RULE_CATEGORIES, type RuleCategory } from '../rules/rule.ts';
import { ScoringError } from './scoring-error.ts';

const share = z.number().min(0).max(1);
const points = z.number().finite();
const controlLane = z.enum(['red', 'yellow', 'blue'], { message: 'expected red, yellow or blue' });

/**
 * Points at which a score reaches a lane: at or above `red` is red (physical
 * examination), else at or above `yellow` is yellow (documentary check), else
 * at or above `blue` is blue (release now, post-clearance audit), else green.
 */
const thresholdsSchema = z
  .object({ red: points, yellow: points, blue: points.optional() })
  .strict()
  .refine((t) => t.yellow <= t.red && (t.blue === undefined || t.blue <= t.yellow), {
    message: 'expected blue <= yellow <= red',
  });
export type LaneThresholds = z.infer<typeof thresholdsSchema>;

const laneCounts = (value: z.ZodType<number>) =>
  z.object({ red: value.optional(), yellow: value.optional(), blue: value.optional() }).strict();

/** What an office and procedure may set for itself; unset fields come from the policy's defaults. */
const selectionFields = {
  thresholds: thresholdsSchema.optional(),
  /** Share of declarations wanted in each lane; used to calibrate thresholds and to report drift. */
  targetRates: laneCounts(share).optional(),
  /** Share drawn truly at random, whatever their score (the unbiased yardstick). */
  minRandomRate: share.optional(),
  /** Lane a random draw sends a declaration to (at least). */
  randomLane: controlLane.optional(),
  /** Most declarations per day in a lane; the most risky are kept, the rest go one lane down. */
  dailyCapacity: laneCounts(z.number().int().nonnegative()).optional(),
};

const selectionRuleSchema = z
  .object({
    name: z.string().min(1).max(64).optional(),
    offices: z.array(identifier(17)).min(1).optional(),
    procedures: z.array(identifier(7)).min(1).optional(),
    ...selectionFields,
  })
  .strict();

/**
 * How the statistics of fired rules are kept and turned into proposed
 * weights (see `proposeWeights`). Decay: an inspection `age` days old
 * counts `gamma^(age / periodDays)`.
 */
const feedbackSchema = z
  .object({
    /** `auto` activates proposed weights at once; `approval` leaves them as a draft for an analyst. */
    apply: z.enum(['auto', 'approval']).default('approval'),
    gamma: z.number().gt(0).max(1).default(0.9),
    periodDays: z.number().positive().default(90),
    /** Decayed inspections a rule needs before its weight is changed. */
    minInspections: z.number().nonnegative().default(10),
    /** Points per unit of log-odds a rule adds over the random yardstick. */
    pointsPerLogit: z.number().positive().default(20),
    /** Largest change in one proposal, as a share of the current points (at least `minStep` points). */
    maxChange: z.number().positive().default(0.5),
    minStep: z.number().nonnegative().default(5),
    maxPoints: z.number().positive().default(100),
  })
  .strict();
export type FeedbackConfig = z.infer<typeof feedbackSchema>;

/**
 * A scoring policy: lane thresholds, caps on points per category, the
 * selection policy per office and procedure (first matching entry wins,
 * unset fields fall back to the defaults at the top), the random-selection
 * seed and the feedback settings.
 *
 * @example
 * parseScoringPolicy({ seed: 'b1946ac92492d2347c6235b4d2611184', thresholds: { red: 60, yellow: 30 },
 *   minRandomRate: 0.02, randomLane: 'red', categoryCaps: { revenue: 60 },
 *   selection: [{ offices: ['KRPUS01'], dailyCapacity: { red: 40 } }] })
 */
export const scoringPolicySchema = z
  .object({
    /** Random-selection key: 32 hex digits (128 bits) or any text. Secret; recorded with each assessment by reference. */
    seed: z.string().min(1).optional(),
    thresholds: thresholdsSchema,
    categoryCaps: z
      .object(Object.fromEntries(RULE_CATEGORIES.map((c) => [c, z.number().nonnegative().optional()])))
      .strict()
      .optional(),
    targetRates: selectionFields.targetRates,
    minRandomRate: share.default(0),
    randomLane: controlLane.default('red'),
    dailyCapacity: selectionFields.dailyCapacity,
    selection: z.array(selectionRuleSchema).default([]),
    feedback: feedbackSchema.default(feedbackSchema.parse({})),
  })
  .strict();
export type ScoringPolicy = z.infer<typeof scoringPolicySchema>;
export type ScoringPolicyInput = z.input<typeof scoringPolicySchema>;

/** The selection settings that apply to one declaration, every field resolved. */
export interface Selection {
  /** Name of the matching entry, or `default`. */
  readonly name: string;
  readonly thresholds: LaneThresholds;
  readonly targetRates: Partial<Record<Exclude<Lane, 'green'>, number>>;
  readonly minRandomRate: number;
  readonly randomLane: Exclude<Lane, 'green'>;
  readonly dailyCapacity: Partial<Record<Exclude<Lane, 'green'>, number>>;
}

/**
 * Validates a policy once, with every problem listed.
 *
 * @example const policy = parseScoringPolicy(YAML.parse(text));
 */
export function parseScoringPolicy(input: unknown): ScoringPolicy {
  const r = scoringPolicySchema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || '(policy)'}: ${i.message}`);
  throw new ScoringError('SIEVE_ERR_POLICY_INVALID', `invalid scoring policy: ${problems.join('; ')}`);
}

/**
 * Resolves the selection for an office and procedure: the first entry of
 * `policy.selection` whose offices and procedures both match (an absent list
 * matches all), over the policy's defaults. Memoised per office and procedure.
 *
 * @example const select = selectionResolver(policy); select('KRPUS01', '4000').minRandomRate // 0.02
 */
export function selectionResolver(policy: ScoringPolicy): (office: string, procedure: string) => Selection {
  const cache = new Map<string, Selection>();
  const defaults: Selection = Object.freeze({
    name: 'default',
    thresholds: policy.thresholds,
    targetRates: policy.targetRates ?? {},
    minRandomRate: policy.minRandomRate,
    randomLane: policy.randomLane,
    dailyCapacity: policy.dailyCapacity ?? {},
  });
  return (office, procedure) => {
    const key = `${office}\u001f${procedure}`;
    let s = cache.get(key);
    if (!s) {
      const i = policy.selection.findIndex(
        (e) =>
          (!e.offices || e.offices.includes(office)) && (!e.procedures || e.procedures.includes(procedure)),
      );
      const e = policy.selection[i];
      s = e
        ? Object.freeze({
            name: e.name ?? `selection #${i + 1}`,
            thresholds: e.thresholds ?? defaults.thresholds,
            targetRates: e.targetRates ?? defaults.targetRates,
            minRandomRate: e.minRandomRate ?? defaults.minRandomRate,
            randomLane: e.randomLane ?? defaults.randomLane,
            dailyCapacity: e.dailyCapacity ?? defaults.dailyCapacity,
          })
        : defaults;
      cache.set(key, s);
    }
    return s;
  };
}

/** Lanes from least to most control, as in the ensemble: green, blue, yellow, red. */
export function laneRank(lane: Lane): number {
  return LANES.indexOf(lane);
}

/** The lane with more control of two. */
export function higherLane(a: Lane, b: Lane): Lane {
  return laneRank(a) >= laneRank(b) ? a : b;
}

/**
 * The lane a number of points reaches.
 *
 * @example laneForPoints(45, { red: 60, yellow: 30, blue: 15 }) // 'yellow'
 */
export function laneForPoints(points: number, t: LaneThresholds): Lane {
  if (points >= t.red) return 'red';
  if (points >= t.yellow) return 'yellow';
  if (t.blue !== undefined && points >= t.blue) return 'blue';
  return 'green';
}

/** Caps per category as a plain record, for the points arithmetic. */
export function categoryCaps(policy: ScoringPolicy): Partial<Record<RuleCategory, number>> {
  return (policy.categoryCaps ?? {}) as Partial<Record<RuleCategory, number>>;
}
