import { formatPath } from '../domain/validate.ts';
import { type Rule, ruleSchema } from './rule.ts';
import type { RuleProblem } from './rule-error.ts';

export type ParsedRule = { ok: true; rule: Rule } | { ok: false; problems: RuleProblem[] };

/**
 * Validates one rule as received (a database row, an HTTP body) against the
 * rule schema. The condition is only checked to be present here;
 * `compileRuleset` parses and type-checks it.
 *
 * @example parseRule(JSON.parse(body))
 */
export function parseRule(input: unknown): ParsedRule {
  const parsed = ruleSchema.safeParse(input);
  if (parsed.success) return { ok: true, rule: parsed.data };
  const id = (input as { id?: unknown } | null)?.id;
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const field =
        formatPath(issue.path.filter((p): p is string | number => typeof p !== 'symbol')) || '(rule)';
      const p: RuleProblem = {
        code: 'SIEVE_ERR_RULE_INVALID',
        field,
        message: `${field}: ${issue.message.replace(/^Invalid input: /, '')}`,
      };
      return typeof id === 'string' ? { ...p, ruleId: id } : p;
    }),
  };
}
