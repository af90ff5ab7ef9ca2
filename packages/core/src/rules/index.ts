/**
 * The rule language of Sieve's risk engine: analysts' indicator rules as
 * data, parsed, type-checked, compiled to closures and indexed; reference
 * lists; value-control bands. See docs/rules.md.
 */
// Renamed on export: the watchlist has its own Span.
export type { Expr as ConditionExpr, Span as ConditionSpan } from './ast.ts';
export { positionOf } from './ast.ts';
export { DEFAULT_FACT_TYPES, type FactTypes, isReefer, RECORD_TYPES } from './field-catalogue.ts';
export { type FieldReference, fieldReference } from './field-reference.ts';
export type { Binding, Evidence, EvidenceValue, FiredRule } from './fired-rule.ts';
export { type Builtin, FUNCTIONS, isPoBoxText } from './functions.ts';
export { newList, newRule } from './new-rule.ts';
export { type ParsedRule, parseRule } from './parse-rule.ts';
export { type ParseResult, parseCondition, type SyntaxProblem } from './parser.ts';
export {
  LIST_TYPES,
  type ListEntry,
  type ListMatcher,
  type ListType,
  listMatcher,
  type ReferenceList,
  type ReferenceListInput,
  referenceListSchema,
  routeValue,
} from './reference-list.ts';
export {
  RULE_CATEGORIES,
  type Rule,
  type RuleCategory,
  type RuleInput,
  ruleSchema,
  validityBounds,
} from './rule.ts';
export {
  formatRuleProblem,
  RULE_ERROR_CODES,
  RuleError,
  type RuleErrorCode,
  type RuleProblem,
} from './rule-error.ts';
export type { IndexStats } from './rule-index.ts';
export {
  type LoadedLists,
  type LoadedRules,
  listsToYaml,
  loadListsFromYaml,
  loadRulesFromJson,
  loadRulesFromYaml,
  rulesToJson,
  rulesToYaml,
} from './rule-loader.ts';
export {
  type CompiledRuleset,
  type CompileOptions,
  type CompileResult,
  type ConditionLocator,
  compileRuleset,
  compileRulesetOrThrow,
  type EvaluationContext,
} from './ruleset.ts';
export {
  createValueBandTable,
  type ValueBand,
  type ValueBandLookup,
  valueBandSchema,
} from './value-bands.ts';
