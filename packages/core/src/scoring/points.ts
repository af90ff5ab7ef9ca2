import type { RuleCategory } from '../rules/rule.ts';

/** Points of one category in an assessment: what the rules gave, and what counted after the cap. */
export interface CategoryPoints {
  readonly category: RuleCategory;
  /** Sum of the points of the rules and lookouts of this category that fired. */
  readonly raw: number;
  /** What counts towards the score: `raw`, or the cap when `raw` is above it. */
  readonly points: number;
  readonly cap?: number;
}

/** The points of an assessment: the total and its parts per category, in category order of first appearance. */
export interface PointsSum {
  readonly total: number;
  readonly raw: number;
  readonly categories: readonly CategoryPoints[];
}

/**
 * Sums points per category and caps each category's positive sum, so that
 * ten revenue rules about one under-valuation do not outvote a single
 * narcotics indicator. Negative points (mitigating rules, e.g. an authorised
 * economic operator) are never capped.
 *
 * @example
 * sumPoints([{ category: 'revenue', points: 40 }, { category: 'revenue', points: 30 }, { category: 'narcotics', points: 15 }],
 *   { revenue: 50 }).total // 65
 */
export function sumPoints(
  parts: readonly { readonly category: RuleCategory; readonly points: number }[],
  caps: Partial<Record<RuleCategory, number>> = {},
): PointsSum {
  if (parts.length === 0) return EMPTY;
  const byCategory = new Map<RuleCategory, number>();
  for (const p of parts) byCategory.set(p.category, (byCategory.get(p.category) ?? 0) + p.points);
  let total = 0;
  let raw = 0;
  const categories: CategoryPoints[] = [];
  for (const [category, sum] of byCategory) {
    const cap = caps[category];
    const points = cap !== undefined && sum > cap ? cap : sum;
    total += points;
    raw += sum;
    categories.push(cap === undefined ? { category, raw: sum, points } : { category, raw: sum, points, cap });
  }
  return { total, raw, categories };
}

const EMPTY: PointsSum = Object.freeze({ total: 0, raw: 0, categories: Object.freeze([]) });
