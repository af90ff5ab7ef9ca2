import { closest, distance } from 'fastest-levenshtein';
import type { Expr, Span } from './ast.ts';
import { CARGO_REPORT, DECLARATION } from './field-catalogue.ts';
import { FUNCTIONS } from './functions.ts';
import type { ListMatcher, ListType } from './reference-list.ts';
import type { RuleErrorCode } from './rule-error.ts';
import {
  arrayOf,
  BOOL,
  describeType,
  NUMBER,
  type RecordType,
  type RuleType,
  sameKind,
  TEXT,
} from './rule-types.ts';
import { SLOT, type TNode } from './typed-ast.ts';

/** A problem in a condition, at an offset of the condition text. */
export interface ConditionProblem {
  readonly code: RuleErrorCode;
  readonly message: string;
  readonly offset: number;
}

/** What a condition can refer to besides the declaration and the cargo report. */
export interface CheckEnvironment {
  readonly lists: ReadonlyMap<string, ListMatcher>;
  readonly facts: RecordType;
}

export type CheckResult =
  | { ok: true; node: TNode; variables: number; lists: readonly string[] }
  | { ok: false; problems: readonly ConditionProblem[] };

interface Scope {
  readonly name: string;
  readonly type: RuleType;
  readonly slot: number;
}

/**
 * Type-checks a parsed condition against the declaration model, the context
 * facts and the reference lists, and resolves every name. Reports every
 * problem it can find, each at the offset of the offending text: a type
 * error on the operator, an unknown field on its name, an unknown list on
 * the quoted name.
 *
 * @example checkCondition(parseCondition('declaration.office == 5').expr, env) // type error at offset 20
 */
export function checkCondition(expr: Expr, env: CheckEnvironment): CheckResult {
  const c = new Checker(env);
  const node = c.check(expr);
  if (node && node.type.kind !== 'bool') {
    c.report(
      'SIEVE_ERR_RULE_TYPE',
      expr.span,
      `the condition must be a yes/no test, but it is ${describeType(node.type)}`,
    );
  }
  if (c.problems.length > 0 || !node) return { ok: false, problems: c.problems };
  return { ok: true, node, variables: c.maxDepth, lists: [...c.listsUsed] };
}

class Checker {
  readonly problems: ConditionProblem[] = [];
  readonly listsUsed = new Set<string>();
  maxDepth = 0;
  private readonly scopes: Scope[] = [];
  private readonly roots: ReadonlyMap<string, Scope>;

  constructor(private readonly env: CheckEnvironment) {
    this.roots = new Map<string, Scope>([
      [
        'declaration',
        { name: 'declaration', type: { kind: 'record', record: DECLARATION }, slot: SLOT.declaration },
      ],
      ['cargo', { name: 'cargo', type: { kind: 'record', record: CARGO_REPORT }, slot: SLOT.cargo }],
      ['facts', { name: 'facts', type: { kind: 'record', record: env.facts }, slot: SLOT.facts }],
    ]);
  }

  report(code: RuleErrorCode, span: Span, message: string): undefined {
    this.problems.push({ code, message, offset: span.start });
    return undefined;
  }

  check(e: Expr): TNode | undefined {
    switch (e.kind) {
      case 'Number':
        return { kind: 'const', type: NUMBER, value: e.value, span: e.span };
      case 'Text':
        return { kind: 'const', type: TEXT, value: e.value, span: e.span };
      case 'Bool':
        return { kind: 'const', type: BOOL, value: e.value, span: e.span };
      case 'Name':
        return this.name(e.name, e.span);
      case 'Member':
        return this.member(e);
      case 'Call':
        return this.call(e);
      case 'Array':
        return this.array(e);
      case 'Negate': {
        const operand = this.check(e.operand);
        if (!operand) return undefined;
        if (operand.type.kind !== 'number')
          return this.typeError(e.span, `"-" needs a number, not ${describeType(operand.type)}`);
        return { kind: 'negate', type: NUMBER, operand, span: e.span };
      }
      case 'Not': {
        const operand = this.check(e.operand);
        if (!operand) return undefined;
        if (operand.type.kind !== 'bool') {
          return this.typeError(e.span, `\`not\` needs a yes/no test, not ${describeType(operand.type)}`);
        }
        return { kind: 'not', type: BOOL, operand, span: e.span };
      }
      case 'Logical':
        return this.logical(e);
      case 'Binary':
        return this.binary(e);
      case 'In':
        return this.membership(e);
      case 'Quantifier':
        return this.quantifier(e);
    }
  }

  private typeError(span: Span, message: string): undefined {
    return this.report('SIEVE_ERR_RULE_TYPE', span, message);
  }

  private name(name: string, span: Span): TNode | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i] as Scope;
      if (s.name === name) return { kind: 'var', type: s.type, name, slot: s.slot, span };
    }
    const root = this.roots.get(name);
    if (root) return { kind: 'var', type: root.type, name, slot: root.slot, span };
    return this.report('SIEVE_ERR_RULE_UNKNOWN_FIELD', span, this.unknownName(name));
  }

  private unknownName(name: string): string {
    const known = [...this.scopes.map((s) => s.name).reverse(), ...this.roots.keys()];
    let hint = `; a condition starts from ${known.map((k) => `\`${k}\``).join(', ')}`;
    if (DECLARATION.fields.has(name)) hint = `; did you mean \`declaration.${name}\`?`;
    else if (name === 'item' || name === 'items')
      hint = '; to test items write `any item in declaration.items: item...`';
    else if (name === 'bill' || name === 'bills')
      hint = '; to test bills write `any bill in cargo.bills: bill...`';
    else if (FUNCTIONS.has(name) || name === 'list')
      hint = `; \`${name}\` is a function: call it as \`${name}(...)\``;
    else {
      const near = closest(name, known);
      if (near && editDistanceSmall(name, near)) hint = `; did you mean \`${near}\`?`;
    }
    return `unknown name \`${name}\`${hint}`;
  }

  private member(e: Extract<Expr, { kind: 'Member' }>): TNode | undefined {
    const object = this.check(e.object);
    if (!object) return undefined;
    const t = object.type;
    if (t.kind === 'map') return { kind: 'entry', type: t.value, object, key: e.name, span: e.span };
    if (t.kind !== 'record') {
      return this.report(
        'SIEVE_ERR_RULE_UNKNOWN_FIELD',
        e.nameSpan,
        `\`${textOf(e.object)}\` is ${describeType(t)}, which has no field \`${e.name}\`${t.kind === 'array' ? '; use `any x in ...: x.' + e.name + '`' : ''}`,
      );
    }
    const field = t.record.fields.get(e.name);
    if (!field) {
      const names = [...t.record.fields.keys()];
      const near = closest(e.name, names);
      const hint = near && editDistanceSmall(e.name, near) ? `did you mean \`${near}\`? ` : '';
      return this.report(
        'SIEVE_ERR_RULE_UNKNOWN_FIELD',
        e.nameSpan,
        `unknown field \`${e.name}\` of ${t.record.name}; ${hint}fields: ${names.join(', ')}`,
      );
    }
    return { kind: 'field', type: field.type, object, name: e.name, field, span: e.span };
  }

  private call(e: Extract<Expr, { kind: 'Call' }>): TNode | undefined {
    if (e.callee === 'list') {
      return this.report(
        'SIEVE_ERR_RULE_TYPE',
        e.span,
        '`list("...")` can only follow `in`, as in `x in list("name")`',
      );
    }
    const fn = FUNCTIONS.get(e.callee);
    const args = e.args.map((a) => this.check(a));
    if (!fn) {
      const near = closest(e.callee, [...FUNCTIONS.keys(), 'list']);
      return this.report(
        'SIEVE_ERR_RULE_UNKNOWN_FUNCTION',
        e.calleeSpan,
        `unknown function \`${e.callee}\`${near && editDistanceSmall(e.callee, near) ? `; did you mean \`${near}\`?` : ''}; functions: ${[...FUNCTIONS.keys(), 'list'].join(', ')}`,
      );
    }
    if (args.some((a) => !a)) return undefined;
    const typed = args as TNode[];
    const result = fn.check(typed.map((a) => a.type));
    if ('error' in result) {
      const at = result.arg !== undefined ? (e.args[result.arg]?.span ?? e.span) : e.span;
      return this.typeError(at, result.error);
    }
    return { kind: 'call', type: result, fn, args: typed, span: e.span };
  }

  private array(e: Extract<Expr, { kind: 'Array' }>): TNode | undefined {
    const elements = e.elements.map((x) => this.check(x));
    if (elements.some((x) => !x)) return undefined;
    const typed = elements as TNode[];
    const bad = typed.find((x) => x.kind !== 'const');
    if (bad) return this.typeError(bad.span, 'a list written in [ ] can hold only numbers or quoted texts');
    const first = typed[0];
    if (!first) return this.typeError(e.span, 'the list [ ] is empty');
    const mixed = typed.find((x) => x.type.kind !== first.type.kind);
    if (mixed) {
      return this.typeError(
        mixed.span,
        `the list mixes ${describeType(first.type)} and ${describeType(mixed.type)}`,
      );
    }
    return { kind: 'array', type: arrayOf(first.type), elements: typed, span: e.span };
  }

  private logical(e: Extract<Expr, { kind: 'Logical' }>): TNode | undefined {
    const operands = e.operands.map((o) => this.check(o));
    let ok = true;
    operands.forEach((o, i) => {
      if (!o) ok = false;
      else if (o.type.kind !== 'bool') {
        ok = false;
        this.typeError(
          (e.operands[i] as Expr).span,
          `\`${e.op}\` joins yes/no tests, but this is ${describeType(o.type)}; compare it with something`,
        );
      }
    });
    if (!ok) return undefined;
    return { kind: 'logical', type: BOOL, op: e.op, operands: operands as TNode[], span: e.span };
  }

  private binary(e: Extract<Expr, { kind: 'Binary' }>): TNode | undefined {
    const left = this.check(e.left);
    const right = this.check(e.right);
    if (!left || !right) return undefined;
    const l = left.type;
    const r = right.type;
    const both = `\`${textOf(e.left)}\` is ${describeType(l)} but \`${textOf(e.right)}\` is ${describeType(r)}`;
    switch (e.op) {
      case '+':
      case '-':
      case '*':
      case '/':
        if (l.kind !== 'number' || r.kind !== 'number')
          return this.typeError(e.opSpan, `"${e.op}" needs two numbers: ${both}`);
        return { kind: 'arith', type: NUMBER, op: e.op, left, right, span: e.span };
      case 'startsWith':
      case 'endsWith':
      case 'contains':
        if (l.kind !== 'text' || r.kind !== 'text') {
          return this.typeError(e.opSpan, `\`${e.op}\` tests text against text: ${both}`);
        }
        return { kind: 'textTest', type: BOOL, op: e.op, left, right, span: e.span };
      default: {
        if (l.kind === 'record' || r.kind === 'record') {
          const rec = l.kind === 'record' ? e.left : e.right;
          return this.typeError(
            e.opSpan,
            `\`${textOf(rec)}\` is a whole record; compare one of its fields, such as \`${textOf(rec)}.${recordHint(l.kind === 'record' ? l : r)}\``,
          );
        }
        const ordering = e.op !== '==' && e.op !== '!=';
        if (!sameKind(l, r) || (ordering && l.kind === 'bool')) {
          const fix =
            l.kind === 'text' && r.kind === 'number' && right.kind === 'const'
              ? ` (write "${right.value}" in quotes to compare text)`
              : '';
          return this.typeError(e.opSpan, `cannot compare with "${e.op}": ${both}${fix}`);
        }
        return { kind: 'compare', type: BOOL, op: e.op, left, right, span: e.span };
      }
    }
  }

  private membership(e: Extract<Expr, { kind: 'In' }>): TNode | undefined {
    const left = this.check(e.left);
    if (e.right.kind === 'Call' && e.right.callee === 'list') return this.inList(e, left, e.right);
    const right = this.check(e.right);
    if (!left || !right) return undefined;
    if (right.type.kind !== 'array') {
      return this.typeError(
        e.right.span,
        `\`in\` needs a list on its right: \`list("name")\`, [ "A", "B" ] or a field holding several values, not ${describeType(right.type)}`,
      );
    }
    if (!sameKind(left.type, right.type.element)) {
      return this.typeError(
        e.span,
        `\`${textOf(e.left)}\` is ${describeType(left.type)} but the list holds ${describeType(right.type.element)}`,
      );
    }
    return { kind: 'inArray', type: BOOL, negated: e.negated, left, right, span: e.span };
  }

  private inList(
    e: Extract<Expr, { kind: 'In' }>,
    left: TNode | undefined,
    call: Extract<Expr, { kind: 'Call' }>,
  ): TNode | undefined {
    const arg = call.args[0];
    if (call.args.length !== 1 || arg?.kind !== 'Text') {
      return this.report(
        'SIEVE_ERR_RULE_TYPE',
        call.span,
        '`list(...)` takes the name of a list in quotes, as in `list("narcotics_source_countries")`',
      );
    }
    const list = this.env.lists.get(arg.value);
    if (!list) {
      const names = [...this.env.lists.keys()];
      const near = names.length ? closest(arg.value, names) : undefined;
      return this.report(
        'SIEVE_ERR_RULE_UNKNOWN_LIST',
        arg.span,
        `unknown list "${arg.value}"${near ? `; did you mean "${near}"?` : ''}${names.length ? ` Lists: ${names.join(', ')}` : ' (no lists are loaded)'}`,
      );
    }
    this.listsUsed.add(arg.value);
    if (!left) return undefined;
    let tested = left;
    if (list.list.type === 'party' && left.type.kind === 'record' && left.type.record.fields.has('id')) {
      // A party is in a party list when its id is: `declaration.importer in list("watch_parties")`.
      const id = left.type.record.fields.get('id');
      if (id) tested = { kind: 'field', type: id.type, object: left, name: 'id', field: id, span: left.span };
    }
    const problem = listMismatch(tested.type, list.list.type);
    if (problem !== undefined) {
      return this.typeError(
        e.span,
        `list "${arg.value}" holds ${LIST_WORDS[list.list.type]}, but \`${textOf(e.left)}\` is ${describeType(left.type)}${problem}`,
      );
    }
    return { kind: 'inList', type: BOOL, negated: e.negated, left: tested, list, span: e.span };
  }

  private quantifier(e: Extract<Expr, { kind: 'Quantifier' }>): TNode | undefined {
    const collection = this.check(e.collection);
    if (!collection) return undefined;
    if (collection.type.kind !== 'array') {
      return this.typeError(
        e.collection.span,
        `\`${e.quantifier}\` goes over a list of values such as declaration.items, but \`${textOf(e.collection)}\` is ${describeType(collection.type)}`,
      );
    }
    if (this.roots.has(e.variable) || this.scopes.some((s) => s.name === e.variable)) {
      return this.report(
        'SIEVE_ERR_RULE_TYPE',
        e.variableSpan,
        `the name \`${e.variable}\` is already taken here; pick another`,
      );
    }
    const slot = SLOT.firstVariable + this.scopes.length;
    this.scopes.push({ name: e.variable, type: collection.type.element, slot });
    this.maxDepth = Math.max(this.maxDepth, this.scopes.length);
    const body = this.check(e.body);
    this.scopes.pop();
    if (!body) return undefined;
    if (body.type.kind !== 'bool') {
      return this.typeError(e.body.span, `after ":" comes a yes/no test, not ${describeType(body.type)}`);
    }
    return {
      kind: 'quant',
      type: BOOL,
      quantifier: e.quantifier,
      variable: e.variable,
      slot,
      collection,
      body,
      span: e.span,
    };
  }
}

const LIST_WORDS: Record<ListType, string> = {
  country: 'countries',
  hs_prefix: 'HS codes and prefixes',
  party: 'party ids',
  port: 'UN/LOCODE places',
  route: 'routes',
  text: 'texts',
};

const LIST_TAGS: Record<ListType, string | undefined> = {
  country: 'country',
  hs_prefix: 'hs',
  party: 'party',
  port: 'port',
  route: 'route',
  text: undefined,
};

function listMismatch(t: RuleType, listType: ListType): string | undefined {
  if (t.kind !== 'text') return '';
  const want = LIST_TAGS[listType];
  if (!want || !t.tag || t.tag === want) return undefined;
  if (listType === 'country' && t.tag === 'port') return '; test its country with `country(...)`';
  return '';
}

function recordHint(t: RuleType): string {
  if (t.kind !== 'record') return 'id';
  return t.record.fields.has('id') ? 'id' : ([...t.record.fields.keys()][0] ?? 'id');
}

// closest() always returns something; only suggest it when it is plausibly a typo.
function editDistanceSmall(a: string, b: string): boolean {
  return distance(a.toLowerCase(), b.toLowerCase()) <= Math.max(2, Math.floor(a.length / 3));
}

/** Source-like text of an expression for messages, rebuilt from the tree. */
export function textOf(e: Expr): string {
  switch (e.kind) {
    case 'Number':
      return String(e.value);
    case 'Text':
      return JSON.stringify(e.value);
    case 'Bool':
      return String(e.value);
    case 'Name':
      return e.name;
    case 'Member':
      return `${textOf(e.object)}.${e.name}`;
    case 'Call':
      return `${e.callee}(${e.args.map(textOf).join(', ')})`;
    default:
      return 'this expression';
  }
}
