import type { DeclarationFacts, Outcome } from './declaration-facts.ts';
import { featureInfo, writeFeatures } from './features.ts';
import type { ProfileState } from './profile-state.ts';

/** A declaration in a time-ordered run: its facts and, if it was inspected, the outcome. */
export interface HistoryRow {
  facts: DeclarationFacts;
  outcome?: Outcome;
}

/**
 * Features for every row, computed as a scoring engine would have seen them:
 * day by day, each day's declarations scored against the history of earlier
 * days, then added to that history. This is what keeps training and
 * evaluation free of leakage: a row never sees its own outcome, nor any
 * outcome from its own day or later. `state` is advanced to the end of
 * `rows`; pass a clone to keep the original.
 *
 * Returns a row-major matrix (rows in input order, any input order accepted).
 *
 * @example const { matrix, width } = timeOrderedFeatures(rows, new ProfileState());
 */
export function timeOrderedFeatures(
  rows: readonly HistoryRow[],
  state: ProfileState,
): { matrix: Float64Array; width: number } {
  const width = featureInfo(state.groups).length;
  const matrix = new Float64Array(rows.length * width);
  const order = rows.map((_, i) => i).sort((a, b) => rows[a]!.facts.day - rows[b]!.facts.day || a - b);
  let start = 0;
  while (start < order.length) {
    const day = rows[order[start]!]!.facts.day;
    let end = start;
    while (end < order.length && rows[order[end]!]!.facts.day === day) end++;
    for (let j = start; j < end; j++) {
      const r = order[j]!;
      writeFeatures(rows[r]!.facts, state, matrix, r * width);
    }
    for (let j = start; j < end; j++) {
      const row = rows[order[j]!]!;
      state.observe(row.facts, row.outcome);
    }
    start = end;
  }
  return { matrix, width };
}
