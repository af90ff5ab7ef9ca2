import type { RuleCategory } from './rule.ts';

/** A value quoted in an explanation: the expression as the analyst wrote it and what it was. */
export interface EvidenceValue {
  readonly expr: string;
  readonly value: unknown;
}

/** Which element a quantifier was looking at: `item = declaration.items[0]`. */
export interface Binding {
  readonly variable: string;
  readonly collection: string;
  readonly index: number;
}

/**
 * One test of a rule's condition that made the rule fire, with the values it
 * saw. `holds` is false for a test under `not` (it fired because the test
 * failed).
 *
 * @example
 * { test: 'item.unitValue < band(item).low', holds: true, line: 2, column: 5,
 *   values: [{ expr: 'item.unitValue', value: 1.82 }, { expr: 'band(item).low', value: 4.1 }],
 *   where: [{ variable: 'item', collection: 'declaration.items', index: 0 }],
 *   text: 'item = declaration.items[0]: item.unitValue 1.82 < band(item).low 4.1' }
 */
export interface Evidence {
  readonly test: string;
  readonly holds: boolean;
  readonly line: number;
  readonly column: number;
  readonly values: readonly EvidenceValue[];
  /** The list entry matched, for `in list(...)` tests: the entry can be a prefix of the value. */
  readonly listEntry?: {
    readonly list: string;
    readonly version: number;
    readonly value: string;
    readonly reason?: string;
  };
  readonly where?: readonly Binding[];
  /** One line for the officer. */
  readonly text: string;
}

/**
 * A rule that fired on a declaration: what the lead's scoring sums and what
 * the explanation shows.
 */
export interface FiredRule {
  readonly ruleId: string;
  readonly title: string;
  readonly description: string;
  readonly category: RuleCategory;
  readonly points: number;
  readonly evidence: readonly Evidence[];
}
