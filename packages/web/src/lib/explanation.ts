import type { Assessment, EnsemblePart, FiredRule, ModelReason } from '../api/types.ts';
import { categoryName, formatEvidenceValue } from './format.ts';

/** How each source weighs in the combined risk, largest first, as an officer reads it. */
export function sourceShares(
  parts: readonly EnsemblePart[],
): { source: string; label: string; share: number; risk: number }[] {
  const labels: Record<string, string> = {
    rules: 'Risk rules',
    watchlist: 'Watchlist',
    model: 'Predictive model',
  };
  return [...parts]
    .filter((p) => p.share > 0)
    .sort((a, b) => b.share - a.share)
    .map((p) => ({ source: p.source, label: labels[p.source] ?? p.source, share: p.share, risk: p.risk }));
}

/**
 * The values that made a rule fire, once each: `item.unitValue = 1.82`.
 * Several tests of one rule often quote the same expression.
 */
export function firingValues(rule: FiredRule): { expr: string; value: string }[] {
  const seen = new Map<string, string>();
  for (const e of rule.evidence)
    for (const v of e.values) if (!seen.has(v.expr)) seen.set(v.expr, formatEvidenceValue(v.value));
  return [...seen].map(([expr, value]) => ({ expr, value }));
}

/** Model reasons with a bar width (0..1 of the largest), so raises and lowers can be drawn side by side. */
export function reasonBars(reasons: readonly ModelReason[]): (ModelReason & { width: number })[] {
  const max = reasons.reduce((m, r) => Math.max(m, Math.abs(r.contribution)), 0);
  return reasons.map((r) => ({ ...r, width: max > 0 ? Math.abs(r.contribution) / max : 0 }));
}

/** The rules that fired, most points first, ties by id: the order an officer reads them in. */
export function rulesByWeight(a: Pick<Assessment, 'rules'>): FiredRule[] {
  return [...a.rules].sort((x, y) => y.points - x.points || x.ruleId.localeCompare(y.ruleId));
}

/** One line for a capped category, or null when the cap did not bite. */
export function capNote(c: { category: string; raw: number; cap?: number }): string | null {
  return c.cap !== undefined && c.raw > c.cap
    ? `${categoryName(c.category)} points capped at ${c.cap} (the rules gave ${c.raw})`
    : null;
}

/**
 * The sentence a queue line shows: the first reason that is not the lane's
 * own summary ("Lane RED ...: 65 points reach red"), which the lane badge and
 * the score already say.
 */
export function queueReason(reasons: readonly string[]): string {
  return reasons.find((r) => !/^Lane [A-Z]+\b/.test(r)) ?? reasons[0] ?? '';
}
