/**
 * The fraud patterns the generator plants, with stable ids. The rules (who is
 * eligible, what changes, which fields betray it) are in
 * docs/synthetic-data.md; the ids never change, so detection results can be
 * compared across versions.
 */
export const PATTERN_IDS = [
  'undervaluation',
  'misclassification',
  'origin-transshipment',
  'repeat-offender',
  'lookout-party',
  'concealment',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

/** Patterns that leave something an inspection can find (the others mark who, not what). */
export const FINDABLE: ReadonlySet<PatternId> = new Set([
  'undervaluation',
  'misclassification',
  'origin-transshipment',
  'concealment',
]);

/**
 * Rates of planting and of control. Each is a probability in [0, 1]; where a
 * rate is conditional (on eligible shipments only) the name says so in its doc.
 */
export interface Rates {
  /** Per declaration, before the duty weighting (x0.4 for 0% duty lines, x2 above 10%). */
  readonly undervaluation: number;
  /** Per declaration whose main commodity has a lower-duty look-alike heading. */
  readonly misclassification: number;
  /** Per sea shipment loaded in Viet Nam or Malaysia. */
  readonly originTransshipment: number;
  /** Per sea shipment of a cover load (bananas, coffee, frozen fish, shrimp, cocoa) from CO, EC, PE or BR. */
  readonly concealment: number;
  /** Share of importers (outside the ten largest accounts) that are repeat offenders. */
  readonly offenderImporters: number;
  /** Share of declarants (outside the busiest tenth, and at least the three busiest) that are repeat offenders. */
  readonly offenderDeclarants: number;
  /** Extra chance that a declaration by a repeat offender carries a revenue pattern. */
  readonly offenderFraud: number;
  /** Per declaration: one party is a lookout target under a (possibly altered) name. */
  readonly lookout: number;
  /** Chance that a declaration with a lookout party also carries undervaluation. */
  readonly lookoutFraud: number;
  /** Per declaration: selected for control at random (unbiased compliance measurement). */
  readonly randomInspection: number;
  /** Mean share selected by risk (biased towards suspicious declarations). */
  readonly riskInspection: number;
  /** Per inspection of a declaration with nothing planted: a minor finding anyway. */
  readonly noiseFinding: number;
}

/**
 * Defaults: about 2-3% of declarations carry a findable pattern, about 5% are
 * inspected. See docs/synthetic-data.md for the effective shares of a reference run.
 */
export const DEFAULT_RATES: Rates = Object.freeze({
  undervaluation: 0.008,
  misclassification: 0.08,
  originTransshipment: 0.05,
  concealment: 0.04,
  offenderImporters: 0.02,
  offenderDeclarants: 0.03,
  offenderFraud: 0.3,
  lookout: 0.002,
  lookoutFraud: 0.4,
  randomInspection: 0.01,
  riskInspection: 0.04,
  noiseFinding: 0.03,
});

/**
 * Probability that a control of a given kind finds what a pattern planted:
 * documents reveal prices and headings, scanners reveal anomalous loads,
 * a physical examination reveals most things except the true origin.
 */
export const DETECTION: Readonly<
  Record<
    'undervaluation' | 'misclassification' | 'origin-transshipment' | 'concealment',
    Record<'documentary' | 'scan' | 'physical', number>
  >
> = Object.freeze({
  undervaluation: { documentary: 0.55, scan: 0.05, physical: 0.6 },
  misclassification: { documentary: 0.45, scan: 0.1, physical: 0.85 },
  'origin-transshipment': { documentary: 0.35, scan: 0, physical: 0.25 },
  concealment: { documentary: 0.03, scan: 0.55, physical: 0.8 },
});
