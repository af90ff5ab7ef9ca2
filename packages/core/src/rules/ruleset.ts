import type { CargoReport } from '../domain/cargo-report.ts';
import type { Declaration } from '../domain/declaration.ts';
import { positionOf } from './ast.ts';
import { type CNode, compileNode } from './compiler.ts';
import { explainCondition } from './explain.ts';
import { DECLARATION, DEFAULT_FACT_TYPES, type FactTypes, factsRecord } from './field-catalogue.ts';
import type { Evidence, FiredRule } from './fired-rule.ts';
import { parseCondition } from './parser.ts';
import { type ListMatcher, listMatcher, type ReferenceList } from './reference-list.ts';
import { type Rule, validityBounds } from './rule.ts';
import { type Anchors, anchorsOf, conjunction, exactTests, scopeAnchors } from './rule-anchor.ts';
import { RuleError, type RuleProblem } from './rule-error.ts';
import { type IndexStats, RuleIndex } from './rule-index.ts';
import { type CheckEnvironment, checkCondition } from './type-checker.ts';
import { type Frame, SLOT } from './typed-ast.ts';
import type { ValueBandLookup } from './value-bands.ts';

/** What an evaluation is given besides the declaration. Everything is optional. */
export interface EvaluationContext {
  /** The cargo report the goods arrived on: `cargo.*` in conditions. */
  readonly cargo?: CargoReport;
  /** Value-control bands for `band(item)` and `unitValueBelowBand(item)`. */
  readonly bands?: ValueBandLookup;
  /** Facts computed outside the rules (history, relationships): `facts.*` in conditions. */
  readonly facts?: Readonly<Record<string, number | string | boolean>>;
  /** The instant rule validity is judged at; by default the declaration's `lodgedAt`. */
  readonly asOf?: string;
}

/**
 * Maps a position in a rule's condition to the file it was loaded from
 * (see `loadRulesFromYaml`); keyed by the rule's index in the array.
 */
export type ConditionLocator = (line: number, column: number) => { line: number; column: number } | undefined;

export interface CompileOptions {
  /** The reference lists conditions may name in `list("...")`. */
  readonly lists?: readonly ReferenceList[];
  /** Context facts conditions may test, added to {@link DEFAULT_FACT_TYPES}. */
  readonly facts?: FactTypes;
  /** Key rules by what they test (default). `false` evaluates every rule: for tests and comparisons. */
  readonly index?: boolean;
  /** Positions in source files, to add to problems. */
  readonly locators?: readonly (ConditionLocator | undefined)[];
}

/**
 * A ruleset ready to evaluate: immutable, and safe to share. One evaluation
 * at a time per instance (evaluations are synchronous, so in one thread that
 * is always the case).
 */
export interface CompiledRuleset {
  readonly rules: readonly Rule[];
  /** Versions of the reference lists the conditions use, to record with each assessment. */
  readonly listVersions: Readonly<Record<string, number>>;
  /**
   * The rules that fire on `declaration`, in ruleset order, each with the
   * values that made it fire. Pure: same input, same output.
   *
   * @example ruleset.evaluate(declaration, { cargo, bands, facts }).reduce((s, r) => s + r.points, 0)
   */
  evaluate(declaration: Declaration, context?: EvaluationContext): FiredRule[];
  /** How the rules are indexed. */
  indexStats(): IndexStats;
}

export type CompileResult = { ok: true; ruleset: CompiledRuleset } | { ok: false; problems: RuleProblem[] };

interface CompiledRule {
  readonly rule: Rule;
  readonly condition: CNode;
  /** Validity bounds (ISO instants), absent when open; most rules have none. */
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly inScope: ((d: Declaration) => boolean) | undefined;
}

/**
 * Parses, type-checks and compiles validated rules against the reference
 * lists, and indexes them. Returns every problem of every rule, each with
 * its position, rather than stopping at the first.
 *
 * @example
 * const result = compileRuleset(rules, { lists });
 * if (!result.ok) for (const p of result.problems) console.error(formatRuleProblem(p));
 * else result.ruleset.evaluate(declaration, { cargo });
 */
export function compileRuleset(rules: readonly Rule[], options: CompileOptions = {}): CompileResult {
  const problems: RuleProblem[] = [];
  const lists = new Map<string, ListMatcher>();
  for (const l of options.lists ?? []) {
    if (lists.has(l.name))
      problems.push({ code: 'SIEVE_ERR_LIST_INVALID', message: `list "${l.name}" is given twice` });
    lists.set(l.name, listMatcher(l));
  }
  const env: CheckEnvironment = { lists, facts: factsRecord({ ...DEFAULT_FACT_TYPES, ...options.facts }) };
  const seen = new Map<string, number>();
  const compiled: CompiledRule[] = [];
  const anchors: Anchors[] = [];
  const exact: number[] = [];
  const used = new Set<string>();
  let variables = 0;
  rules.forEach((rule, i) => {
    const first = seen.get(rule.id);
    if (first !== undefined) {
      problems.push({
        code: 'SIEVE_ERR_RULE_DUPLICATE_ID',
        ruleId: rule.id,
        ruleIndex: i,
        field: 'id',
        message: `rule id "${rule.id}" is also used by rule #${first + 1}`,
      });
    } else seen.set(rule.id, i);
    const checked = checkRuleCondition(rule, i, env, options.locators?.[i]);
    if (!checked.ok) {
      problems.push(...checked.problems);
      return;
    }
    for (const l of checked.lists) used.add(l);
    variables = Math.max(variables, checked.variables);
    const { from, to } = validityBounds(rule);
    compiled.push({ rule, condition: compileNode(checked.node), from, to, inScope: scopeTest(rule) });
    const scope = scopeOf(rule);
    anchors.push(options.index === false ? [] : conjunction([anchorsOf(checked.node), ...scope]));
    const tests = exactTests(checked.node);
    exact.push(tests < 0 ? -1 : tests + scope.filter((a) => a.length > 0).length);
  });
  if (problems.length > 0) return { ok: false, problems };
  const listVersions: Record<string, number> = {};
  for (const name of [...used].sort()) listVersions[name] = (lists.get(name) as ListMatcher).list.version;
  return {
    ok: true,
    ruleset: new Ruleset(
      compiled,
      new RuleIndex(anchors, exact),
      SLOT.firstVariable + variables,
      Object.freeze(listVersions),
    ),
  };
}

/**
 * Like {@link compileRuleset}, but throws a {@link RuleError} carrying every problem.
 *
 * @example const ruleset = compileRulesetOrThrow(rules, { lists });
 */
export function compileRulesetOrThrow(rules: readonly Rule[], options: CompileOptions = {}): CompiledRuleset {
  const result = compileRuleset(rules, options);
  if (!result.ok) throw new RuleError(result.problems);
  return result.ruleset;
}

function checkRuleCondition(
  rule: Rule,
  index: number,
  env: CheckEnvironment,
  locate: ConditionLocator | undefined,
) {
  const at = (offset: number) => {
    const { line, column } = positionOf(rule.condition, offset);
    const source = locate?.(line, column);
    return source ? { line, column, sourceLine: source.line, sourceColumn: source.column } : { line, column };
  };
  const parsed = parseCondition(rule.condition);
  if (!parsed.ok) {
    const problem: RuleProblem = {
      code: 'SIEVE_ERR_RULE_SYNTAX',
      ruleId: rule.id,
      ruleIndex: index,
      ...at(parsed.problem.offset),
      message: `syntax error: ${parsed.problem.message}`,
    };
    return { ok: false as const, problems: [problem] };
  }
  const checked = checkCondition(parsed.expr, env);
  if (checked.ok) return checked;
  return {
    ok: false as const,
    problems: checked.problems.map(
      (p): RuleProblem => ({
        code: p.code,
        ruleId: rule.id,
        ruleIndex: index,
        ...at(p.offset),
        message: p.code === 'SIEVE_ERR_RULE_TYPE' ? `type error: ${p.message}` : p.message,
      }),
    ),
  };
}

const SCOPE_FIELDS = [
  ['offices', 'office'],
  ['procedures', 'procedure'],
  ['modes', 'transportMode'],
] as const;

function scopeOf(rule: Rule): Anchors[] {
  return SCOPE_FIELDS.map(([key, field]) => {
    const values = rule.scope?.[key];
    const spec = DECLARATION.fields.get(field);
    return values && spec ? scopeAnchors(field, spec.get, spec.selectivity ?? 0.1, values) : [];
  });
}

function scopeTest(rule: Rule): ((d: Declaration) => boolean) | undefined {
  const s = rule.scope;
  if (!s) return undefined;
  const offices = s.offices && new Set(s.offices);
  const procedures = s.procedures && new Set(s.procedures);
  const modes = s.modes && new Set(s.modes);
  if (!offices && !procedures && !modes) return undefined;
  return (d) =>
    (!offices || offices.has(d.office)) &&
    (!procedures || procedures.has(d.procedure)) &&
    (!modes || (d.transportMode !== undefined && modes.has(d.transportMode)));
}

const NO_CONTEXT: EvaluationContext = Object.freeze({});
const ascending = (a: number, b: number) => a - b;

class Ruleset implements CompiledRuleset {
  readonly rules: readonly Rule[];
  private readonly frame: Frame;
  private readonly candidates: number[];

  constructor(
    private readonly compiled: readonly CompiledRule[],
    private readonly index: RuleIndex,
    frameSize: number,
    readonly listVersions: Readonly<Record<string, number>>,
  ) {
    this.rules = Object.freeze(compiled.map((c) => c.rule));
    this.frame = new Array(frameSize).fill(undefined);
    this.candidates = new Array(compiled.length).fill(0);
  }

  evaluate(declaration: Declaration, context: EvaluationContext = NO_CONTEXT): FiredRule[] {
    const f = this.frame;
    f[SLOT.declaration] = declaration;
    f[SLOT.cargo] = context.cargo;
    f[SLOT.facts] = context.facts;
    f[SLOT.context] = context;
    const asOf = context.asOf ?? declaration.lodgedAt;
    const candidates = this.candidates;
    const count = this.index.collect(f, candidates);
    const decided = this.index.decided;
    let fired: number[] | undefined;
    for (let i = 0; i < count; i++) {
      const index = candidates[i] as number;
      const r = this.compiled[index] as CompiledRule;
      if ((r.from !== undefined && asOf < r.from) || (r.to !== undefined && asOf >= r.to)) continue;
      if (r.inScope && !r.inScope(declaration)) continue;
      if (decided[index] !== 1 && r.condition.ev(f) !== true) continue;
      fired ??= [];
      fired.push(index);
    }
    f.fill(undefined);
    if (!fired) return [];
    if (fired.length > 1) fired.sort(ascending);
    return fired.map(
      (i) => new FiredRuleRecord(this.compiled[i] as CompiledRule, declaration, context, this.frame.length),
    );
  }

  indexStats(): IndexStats {
    return this.index.stats();
  }
}

/**
 * A fired rule whose evidence is worked out when first read, from the same
 * declaration and context, with the same compiled closures: a scorer that
 * only sums points never pays for it, one that stores explanations pays once.
 * Declarations are immutable values in Sieve; mutating one between
 * `evaluate` and reading `evidence` would change the evidence.
 */
class FiredRuleRecord implements FiredRule {
  readonly ruleId: string;
  readonly title: string;
  readonly description: string;
  readonly category: FiredRule['category'];
  readonly points: number;
  readonly #rule: CompiledRule;
  readonly #declaration: Declaration;
  readonly #context: EvaluationContext;
  readonly #frameSize: number;
  #evidence: readonly Evidence[] | undefined;

  constructor(rule: CompiledRule, declaration: Declaration, context: EvaluationContext, frameSize: number) {
    const { id, title, description, category, points } = rule.rule;
    this.ruleId = id;
    this.title = title;
    this.description = description;
    this.category = category;
    this.points = points;
    this.#rule = rule;
    this.#declaration = declaration;
    this.#context = context;
    this.#frameSize = frameSize;
  }

  get evidence(): readonly Evidence[] {
    if (!this.#evidence) {
      const frame: Frame = new Array(this.#frameSize).fill(undefined);
      frame[SLOT.declaration] = this.#declaration;
      frame[SLOT.cargo] = this.#context.cargo;
      frame[SLOT.facts] = this.#context.facts;
      frame[SLOT.context] = this.#context;
      this.#evidence = explainCondition(this.#rule.condition, frame, this.#rule.rule.condition);
    }
    return this.#evidence;
  }

  toJSON(): FiredRule {
    const { ruleId, title, description, category, points, evidence } = this;
    return { ruleId, title, description, category, points, evidence };
  }
}
