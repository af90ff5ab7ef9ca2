import type { Lane } from '../ensemble/ensemble.ts';
import type { Rule } from '../rules/rule.ts';
import type { Assessment } from './assessment.ts';

/** One historical declaration with its known outcome and what the ruleset made of it. */
export interface BacktestRow {
  readonly id: string;
  /** An inspection found something. */
  readonly finding: boolean;
  /** Revenue recovered when it was found (0 without a finding). */
  readonly revenue: number;
  /** The ruleset sends it to control (by risk, not at random). */
  readonly selected: boolean;
  /** Risk score for ranking at fixed inspection rates (points). */
  readonly score: number;
  /** Ids of the rules that fired. */
  readonly rules: readonly string[];
}

/** Figures of one selection (the ruleset's, one rule's, or the top share by score) against the outcomes. */
export interface SelectionMetrics {
  /** Declarations selected (for a rule: on which it fired). */
  readonly selected: number;
  /** Selected declarations with a finding. */
  readonly hits: number;
  /** hits / selected: the hit rate. */
  readonly precision: number;
  /** hits / all findings: the share of findings caught. */
  readonly recall: number;
  readonly revenueFound: number;
  /** revenueFound / revenue of all findings. */
  readonly revenueShare: number;
  /** selected / declarations. */
  readonly inspectionRate: number;
  /** Hits a random selection of the same size would expect: selected × findings / declarations. */
  readonly randomHits: number;
  /** precision / base rate = hits / randomHits: how many times better than random at the same rate. */
  readonly lift: number;
}

export interface RuleBacktest extends SelectionMetrics {
  readonly ruleId: string;
  readonly title?: string;
  readonly points?: number;
}

export interface BacktestReport {
  readonly declarations: number;
  readonly findings: number;
  readonly revenueTotal: number;
  /** findings / declarations: the precision of random selection at any rate. */
  readonly baseRate: number;
  /** The ruleset's own selection (its lanes). */
  readonly overall: SelectionMetrics;
  /** Per rule, in ruleset order (rules given in options), then any others by id. */
  readonly rules: readonly RuleBacktest[];
  /** The most risky share of declarations by score, ties shared out in expectation. */
  readonly atRates: readonly (SelectionMetrics & { readonly rate: number })[];
}

/**
 * Measures a ruleset against known outcomes: per rule and overall, hits,
 * precision, recall, revenue found and lift over random selection at the
 * same inspection rate; and the same at fixed rates of the most risky
 * declarations by score. At a fixed rate, declarations tied on the score at
 * the cut are taken in proportion (expected hits of a random pick among the
 * tied), so the figures do not depend on input order. Ratios with a zero
 * denominator are NaN (null in JSON).
 *
 * @example
 * const report = backtest(rows, { rules: ruleset.rules, rates: [0.01, 0.05, 0.1] });
 * report.overall.lift // e.g. 2.3
 */
export function backtest(
  rows: Iterable<BacktestRow>,
  options: { rules?: readonly Pick<Rule, 'id' | 'title' | 'points'>[]; rates?: readonly number[] } = {},
): BacktestReport {
  let n = 0;
  let findings = 0;
  let revenueTotal = 0;
  const overall = { selected: 0, hits: 0, revenue: 0 };
  const perRule = new Map<string, { selected: number; hits: number; revenue: number }>();
  for (const r of options.rules ?? []) perRule.set(r.id, { selected: 0, hits: 0, revenue: 0 });
  const ranked: { score: number; finding: boolean; revenue: number }[] = [];
  for (const row of rows) {
    n++;
    const revenue = row.finding ? row.revenue : 0;
    if (row.finding) {
      findings++;
      revenueTotal += revenue;
    }
    if (row.selected) add(overall, row.finding, revenue);
    for (const id of new Set(row.rules)) {
      let t = perRule.get(id);
      if (!t) {
        t = { selected: 0, hits: 0, revenue: 0 };
        perRule.set(id, t);
      }
      add(t, row.finding, revenue);
    }
    ranked.push({ score: row.score, finding: row.finding, revenue });
  }
  const totals = { n, findings, revenueTotal };
  const known = new Map((options.rules ?? []).map((r) => [r.id, r]));
  const ruleIds = [
    ...(options.rules ?? []).map((r) => r.id),
    ...[...perRule.keys()].filter((id) => !known.has(id)).sort(),
  ];
  return {
    declarations: n,
    findings,
    revenueTotal,
    baseRate: n > 0 ? findings / n : Number.NaN,
    overall: metrics(overall, totals),
    rules: ruleIds.map((id) => {
      const r = known.get(id);
      return {
        ruleId: id,
        ...(r ? { title: r.title, points: r.points } : {}),
        ...metrics(perRule.get(id)!, totals),
      };
    }),
    atRates: atRates(ranked, options.rates ?? [0.01, 0.02, 0.05, 0.1], totals),
  };
}

function add(
  t: { selected: number; hits: number; revenue: number },
  finding: boolean,
  revenue: number,
): void {
  t.selected++;
  if (finding) {
    t.hits++;
    t.revenue += revenue;
  }
}

function metrics(
  t: { selected: number; hits: number; revenue: number },
  totals: { n: number; findings: number; revenueTotal: number },
): SelectionMetrics {
  const randomHits = totals.n > 0 ? (t.selected * totals.findings) / totals.n : Number.NaN;
  return {
    selected: t.selected,
    hits: t.hits,
    precision: t.hits / t.selected,
    recall: t.hits / totals.findings,
    revenueFound: t.revenue,
    revenueShare: t.revenue / totals.revenueTotal,
    inspectionRate: t.selected / totals.n,
    randomHits,
    lift: t.hits / randomHits,
  };
}

function atRates(
  ranked: { score: number; finding: boolean; revenue: number }[],
  rates: readonly number[],
  totals: { n: number; findings: number; revenueTotal: number },
): (SelectionMetrics & { rate: number })[] {
  ranked.sort((a, b) => b.score - a.score);
  return rates.map((rate) => {
    const k = Math.round(rate * totals.n);
    let hits = 0;
    let revenue = 0;
    let i = 0;
    while (i < ranked.length && i < k) {
      // The group of declarations tied with ranked[i].
      let j = i;
      let groupHits = 0;
      let groupRevenue = 0;
      while (j < ranked.length && ranked[j]!.score === ranked[i]!.score) {
        if (ranked[j]!.finding) {
          groupHits++;
          groupRevenue += ranked[j]!.revenue;
        }
        j++;
      }
      const share = Math.min(1, (k - i) / (j - i));
      hits += share * groupHits;
      revenue += share * groupRevenue;
      i = j;
    }
    return { rate, ...metrics({ selected: k, hits, revenue }, totals) };
  });
}

/**
 * The backtest row of a scored declaration: selected when its risk lane (not
 * a random draw) is one of `controlLanes` (red and yellow by default).
 *
 * @example backtestRow(score(d, snapshot), { finding: true, revenue: 1200 })
 */
export function backtestRow(
  a: Assessment,
  outcome: { finding: boolean; revenue: number },
  controlLanes: readonly Lane[] = ['red', 'yellow'],
): BacktestRow {
  return {
    id: a.declarationId,
    finding: outcome.finding,
    revenue: outcome.revenue,
    selected: controlLanes.includes(a.riskLane),
    score: a.ensemble?.rankingScore ?? a.points,
    rules: a.rules.map((r) => r.ruleId),
  };
}
