/**
 * Stable codes for problems with rules and reference lists. The CLI and the
 * HTTP layer key on the code; the message is for the analyst.
 */
export const RULE_ERROR_CODES = {
  SIEVE_ERR_RULE_SYNTAX: 'the condition is not well formed',
  SIEVE_ERR_RULE_TYPE: 'the condition mixes values of different types',
  SIEVE_ERR_RULE_UNKNOWN_FIELD: 'the condition names a field that does not exist',
  SIEVE_ERR_RULE_UNKNOWN_LIST: 'the condition names a reference list that does not exist',
  SIEVE_ERR_RULE_UNKNOWN_FUNCTION: 'the condition calls a function that does not exist',
  SIEVE_ERR_RULE_INVALID: 'a field of the rule (id, points, dates, scope...) is invalid',
  SIEVE_ERR_RULE_DUPLICATE_ID: 'two rules in one ruleset have the same id',
  SIEVE_ERR_RULE_DOCUMENT: 'the YAML or JSON text could not be read',
  SIEVE_ERR_LIST_INVALID: 'a reference list or one of its values is invalid',
} as const;
export type RuleErrorCode = keyof typeof RULE_ERROR_CODES;

/**
 * One problem found in a rule, with where it is. `line` and `column` (1-based)
 * point into the condition text; `sourceLine`/`sourceColumn` into the YAML
 * file when the rule was loaded from one and the position could be mapped.
 *
 * @example
 * { code: 'SIEVE_ERR_RULE_UNKNOWN_LIST', ruleId: 'NARC-001', line: 1, column: 34,
 *   message: 'unknown list "narcotic_sources"; did you mean "narcotics_source_countries"?' }
 */
export interface RuleProblem {
  readonly code: RuleErrorCode;
  readonly ruleId?: string;
  /** Index of the rule in the document or array it came from. */
  readonly ruleIndex?: number;
  readonly line?: number;
  readonly column?: number;
  readonly sourceLine?: number;
  readonly sourceColumn?: number;
  /** Dotted path of the rule field for problems outside the condition, e.g. `points`. */
  readonly field?: string;
  readonly message: string;
}

/**
 * One line per problem, e.g.
 * `rule NARC-001, condition line 1, column 34: unknown list "narcotic_sources" (SIEVE_ERR_RULE_UNKNOWN_LIST)`.
 *
 * @example console.error(formatRuleProblem(problem));
 */
export function formatRuleProblem(p: RuleProblem): string {
  const who = p.ruleId
    ? `rule ${p.ruleId}`
    : p.ruleIndex !== undefined
      ? `rule #${p.ruleIndex + 1}`
      : 'rules';
  const where: string[] = [];
  if (p.sourceLine !== undefined) where.push(`file line ${p.sourceLine}, column ${p.sourceColumn ?? 1}`);
  if (p.line !== undefined) where.push(`condition line ${p.line}, column ${p.column ?? 1}`);
  else if (p.field) where.push(`field ${p.field}`);
  return `${who}${where.length ? `, ${where.join(' (')}${where.length > 1 ? ')' : ''}` : ''}: ${p.message} (${p.code})`;
}

/**
 * Thrown by the `...OrThrow` helpers when rules or lists are rejected; carries
 * every problem, not only the first.
 *
 * @example try { compileRulesetOrThrow(rules, { lists }) } catch (e) { if (e instanceof RuleError) e.problems }
 */
export class RuleError extends Error {
  readonly code: RuleErrorCode;
  constructor(readonly problems: readonly RuleProblem[]) {
    const first = problems[0];
    super(
      first
        ? `${problems.length} problem${problems.length > 1 ? 's' : ''} in rules; ${formatRuleProblem(first)}`
        : 'rules rejected',
    );
    this.code = first?.code ?? 'SIEVE_ERR_RULE_INVALID';
    this.name = 'RuleError';
  }
}
