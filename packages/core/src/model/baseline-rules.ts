import type { DeclarationFacts } from './declaration-facts.ts';
import { profileKeys } from './profile-groups.ts';
import { type ProfileState, STAT } from './profile-state.ts';

/**
 * An analyst-style risk profile rule: "importer whose past finding rate is at
 * least twice the overall rate, over at least 5 inspections: 1 point".
 */
export interface ProfileRule {
  group: string;
  minInspections: number;
  /** Fires when the profile's raw finding rate is at least this multiple of the overall rate. */
  minRateRatio: number;
  points: number;
}

/**
 * The "rules alone" baseline of model evaluation: the risk profiles an
 * analyst would write from the same history, frozen at the start of the
 * evaluated period (rules do not relearn daily). A stand-in until a real
 * ruleset for the data set is available to compare against.
 */
export const BASELINE_PROFILE_RULES: readonly ProfileRule[] = [
  'importer',
  'declarant',
  'seller',
  'hs6',
  'origin',
  'hs6+origin',
  'importer+hs6',
].map((group) => ({ group, minInspections: 5, minRateRatio: 2, points: 1 }));

/**
 * Ranking score of the baseline rules: rule points first; among equal points,
 * higher revenue at stake first (how selectivity officers break ties).
 *
 * @example baselineRuleScore(facts, history) // 200.3 = 2 points, then log revenue
 */
export function baselineRuleScore(
  facts: DeclarationFacts,
  history: ProfileState,
  rules: readonly ProfileRule[] = BASELINE_PROFILE_RULES,
): number {
  const keys = profileKeys(facts, history.groups);
  const overall = history.inspected > 0 ? history.findings / history.inspected : 0;
  let points = 0;
  for (const rule of rules) {
    const g = history.groups.findIndex((x) => x.name === rule.group);
    const s = g < 0 ? undefined : history.stats(g, keys[g]);
    if (!s || s[STAT.inspected]! < rule.minInspections) continue;
    if (s[STAT.findings]! / s[STAT.inspected]! >= rule.minRateRatio * overall) points += rule.points;
  }
  return points * 100 + Math.log1p((facts.value * (facts.taxRate ?? 0)) / 100);
}
