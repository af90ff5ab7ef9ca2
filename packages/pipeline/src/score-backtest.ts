import type { Declaration, InspectionResult } from '@sieve/core';
import type { Lane } from '@sieve/core/ensemble';
import {
  type ConditionLocator,
  compileRulesetOrThrow,
  createValueBandTable,
  type ReferenceList,
  type Rule,
} from '@sieve/core/rules';
import {
  type BacktestReport,
  type BandOptions,
  backtest,
  backtestRow,
  type CommodityLookout,
  calibrateThresholds,
  computeValueBands,
  createSnapshot,
  deriveHistoryLists,
  type HistoryListSpec,
  type LaneThresholds,
  type ScoringPolicy,
  score,
  TradeHistory,
  type ValueBandSet,
} from '@sieve/core/scoring';
import { type ReadOptions, readRecords } from '@sieve/ingest';

/** A past declaration and, when it was inspected, what the inspection found. */
export interface LabelledDeclaration {
  readonly declaration: Declaration;
  readonly outcome?: { readonly finding: boolean; readonly revenue: number };
}

/**
 * How "revenue found" is counted: the revenue adjustments the inspections
 * recorded, or, for findings without one (KCS has no revenue column), the
 * duties at stake: item value x tax rate (as the model's evaluation does).
 */
export type RevenueMeasure = 'adjustments' | 'duty-at-stake';

/**
 * Reads declarations and their inspection outcomes from a file (CSV with a
 * column map such as `kcs`, JSON, NDJSON), joined on declaration id, in the
 * file's order.
 *
 * @example const { rows } = await readLabelled('../shared/data/kcs/valid.csv', { map: 'kcs' });
 */
export async function readLabelled(
  path: string,
  o: ReadOptions & { revenue?: RevenueMeasure } = {},
): Promise<{ rows: LabelledDeclaration[]; invalid: number; unlabelled: number }> {
  const declarations: Declaration[] = [];
  const outcomes = new Map<string, InspectionResult>();
  let invalid = 0;
  for await (const r of readRecords(path, o)) {
    if (!r.ok) {
      invalid++;
      continue;
    }
    for (const rec of r.records) {
      if (rec.kind === 'declaration') declarations.push(rec.value);
      else if (rec.kind === 'inspection') outcomes.set(rec.value.declarationId, rec.value);
    }
  }
  let unlabelled = 0;
  const rows = declarations.map((declaration): LabelledDeclaration => {
    const inspection = outcomes.get(declaration.id);
    if (!inspection) {
      unlabelled++;
      return { declaration };
    }
    const finding = inspection.outcome === 'finding';
    return {
      declaration,
      outcome: { finding, revenue: finding ? revenueOf(inspection, declaration, o.revenue) : 0 },
    };
  });
  return { rows, invalid, unlabelled };
}

/** Revenue recovered by an inspection, by the chosen measure. */
export function revenueOf(
  i: InspectionResult,
  d: Declaration,
  measure: RevenueMeasure = 'duty-at-stake',
): number {
  const adjusted = i.findings.reduce((s, f) => s + (f.type === 'revenue_adjustment' ? f.amount : 0), 0);
  if (adjusted > 0 || measure === 'adjustments') return adjusted;
  return dutyAtStake(d);
}

/** Duties of a declaration: declared amounts, or value x rate where no amount is given. */
export function dutyAtStake(d: Declaration): number {
  let sum = 0;
  for (const item of d.items) {
    for (const t of item.taxes ?? []) sum += t.amount ?? (item.value * (t.rate ?? 0)) / 100;
  }
  return sum;
}

export interface BacktestOptions {
  readonly rules: readonly Rule[];
  /** Reference lists the rules use, besides those derived from history. */
  readonly lists?: readonly ReferenceList[];
  readonly locators?: readonly (ConditionLocator | undefined)[];
  /** Lists to derive from the history (risk profiles, known parties). */
  readonly historyLists?: readonly HistoryListSpec[];
  /** Value bands computed from the history (default: per unit, 10th to 90th percentile); `false` for none. */
  readonly bands?: BandOptions | false;
  readonly lookouts?: readonly CommodityLookout[];
  /** Thresholds and caps; random selection plays no part in a backtest. */
  readonly policy: ScoringPolicy;
  /** Lanes that count as selected for control (default red and yellow). */
  readonly controlLanes?: readonly Lane[];
  readonly rates?: readonly number[];
}

export interface BacktestResult {
  readonly report: BacktestReport;
  readonly derivedLists: readonly ReferenceList[];
  readonly bands?: ValueBandSet;
  /** Declarations of the period without a known outcome, left out. */
  readonly unlabelled: number;
  /** With target rates in the policy: the thresholds that would have met them over the period. */
  readonly calibrated?: LaneThresholds;
}

/**
 * Runs a ruleset over a period with known outcomes, using an earlier period
 * as history: value bands and lists are computed from the history only
 * (nothing from the tested period leaks into them), trading-history facts
 * from everything lodged before each declaration. Reports per rule and
 * overall hits, precision, recall, revenue found and lift over random
 * selection at the same inspection rate.
 *
 * @example const { report } = runBacktest(train.rows, valid.rows, { rules, lists, policy, bands: { basis: 'kg' } });
 */
export function runBacktest(
  history: readonly LabelledDeclaration[],
  period: readonly LabelledDeclaration[],
  o: BacktestOptions,
): BacktestResult {
  const derivedLists = deriveHistoryLists(history, o.historyLists ?? []);
  const bands =
    o.bands === false
      ? undefined
      : computeValueBands(
          history.flatMap((r) => r.declaration.items),
          o.bands ?? {},
        );
  const ruleset = compileRulesetOrThrow(o.rules, {
    lists: [...(o.lists ?? []), ...derivedLists],
    ...(o.locators ? { locators: o.locators } : {}),
  });
  const snapshot = createSnapshot({
    ruleset,
    rulesetVersion: 'backtest',
    policy: {
      ...o.policy,
      minRandomRate: 0,
      selection: o.policy.selection.map((s) => ({ ...s, minRandomRate: 0 })),
    },
    policyVersion: 'backtest',
    seed: 'backtest',
    ...(bands ? { bands: { lookup: createValueBandTable(bands.bands), version: 'backtest' } } : {}),
    ...(o.lookouts ? { lookouts: o.lookouts } : {}),
  });
  const trade = new TradeHistory();
  for (const r of history) trade.observe(r.declaration);
  for (const r of period) trade.observe(r.declaration); // facts only ever see what was lodged earlier
  let unlabelled = 0;
  const rows = period.flatMap((r) => {
    if (!r.outcome) {
      unlabelled++;
      return [];
    }
    const facts = trade.facts(r.declaration) as Record<string, number | boolean>;
    return [backtestRow(score(r.declaration, snapshot, { facts }), r.outcome, o.controlLanes)];
  });
  const report = backtest(rows, { rules: o.rules, ...(o.rates ? { rates: o.rates } : {}) });
  const targets = o.policy.targetRates;
  const calibrated = targets
    ? calibrateThresholds(
        rows.map((r) => r.score),
        targets,
        o.policy.thresholds,
      )
    : undefined;
  return {
    report,
    derivedLists,
    ...(bands ? { bands } : {}),
    unlabelled,
    ...(calibrated ? { calibrated } : {}),
  };
}
