import { positionOf } from './ast.ts';
import { type CNode, childrenOf } from './compiler.ts';
import type { Binding, Evidence, EvidenceValue } from './fired-rule.ts';
import type { Frame, TNode } from './typed-ast.ts';

// Quantifiers that explain "every element" quote at most this many.
const MAX_ELEMENTS = 5;

/**
 * The tests that made a condition true, with the values they saw. Runs only
 * for rules that fired, re-using the compiled closures for every value so
 * the explanation cannot disagree with the decision.
 *
 * Walks the truth: for `a and b` both sides; for `a or b` the first side that
 * held; for `not a` why `a` failed; for `any` the first element that
 * matched; for `all` every element (up to five).
 *
 * @example explainCondition(compiled, frame, 'declaration.dispatchCountry in list("x")')[0].text
 * // 'declaration.dispatchCountry "CO" in x'
 */
export function explainCondition(root: CNode, frame: Frame, source: string): Evidence[] {
  const out: Evidence[] = [];
  collect(root, frame, true, [], out, source);
  return out;
}

function collect(c: CNode, f: Frame, want: boolean, where: Binding[], out: Evidence[], src: string): void {
  const n = c.node;
  if (n.kind === 'logical') {
    const conjunctive = (n.op === 'and') === want;
    if (conjunctive) for (const k of c.children) collect(k, f, want, where, out, src);
    else {
      const k = c.children.find((x) => x.ev(f) === want);
      if (k) collect(k, f, want, where, out, src);
    }
    return;
  }
  if (n.kind === 'not') {
    collect(c.children[0] as CNode, f, !want, where, out, src);
    return;
  }
  if (n.kind === 'quant') {
    quantifier(c, n, f, want, where, out, src);
    return;
  }
  out.push(atom(c, f, want, where, src));
}

function quantifier(
  c: CNode,
  n: Extract<TNode, { kind: 'quant' }>,
  f: Frame,
  want: boolean,
  where: Binding[],
  out: Evidence[],
  src: string,
): void {
  const [collection, body] = c.children as [CNode, CNode];
  const xs = (collection.ev(f) as unknown[] | undefined) ?? [];
  const every = (n.quantifier === 'all') === want;
  let quoted = 0;
  for (let i = 0; i < xs.length && quoted < MAX_ELEMENTS; i++) {
    f[n.slot] = xs[i];
    if (body.ev(f) !== want) continue;
    const binding = { variable: n.variable, collection: slice(src, collection.node), index: i };
    collect(body, f, want, [...where, binding], out, src);
    quoted++;
    if (!every) return;
  }
}

/** What an atom's explanation needs that does not depend on the declaration: cut once per node. */
interface AtomInfo {
  readonly test: string;
  readonly line: number;
  readonly column: number;
  /** Texts of the children whose values are quoted (not literals). */
  readonly quoted: readonly (string | undefined)[];
}

const ATOMS = new WeakMap<TNode, AtomInfo>();

function atomInfo(c: CNode, src: string): AtomInfo {
  let info = ATOMS.get(c.node);
  if (!info) {
    const { line, column } = positionOf(src, c.node.span.start);
    info = {
      test: slice(src, c.node),
      line,
      column,
      quoted: c.children.map((k) =>
        k.node.kind === 'const' || k.node.kind === 'array' ? undefined : slice(src, k.node),
      ),
    };
    ATOMS.set(c.node, info);
  }
  return info;
}

function atom(c: CNode, f: Frame, holds: boolean, where: Binding[], src: string): Evidence {
  const n = c.node;
  const info = atomInfo(c, src);
  const childValues = c.children.map((k) => (k.node.kind === 'const' ? k.node.value : k.ev(f)));
  let values: EvidenceValue[] = [];
  for (let i = 0; i < info.quoted.length; i++) {
    const expr = info.quoted[i];
    if (expr !== undefined) values.push({ expr, value: childValues[i] });
  }
  let listEntry: Evidence['listEntry'];
  let detail: string | undefined;
  if (n.kind === 'inList') {
    const v = childValues[0];
    const entry = typeof v === 'string' ? n.list.match(v) : undefined;
    const list = n.list.list;
    if (entry) {
      listEntry =
        entry.reason === undefined
          ? { list: list.name, version: list.version, value: entry.value }
          : { list: list.name, version: list.version, value: entry.value, reason: entry.reason };
    }
    detail = `${entry && entry.value !== v ? ` (entry "${entry.value}")` : ''}${entry?.reason ? `: ${entry.reason}` : ''}`;
  } else if (n.kind === 'call') {
    const custom = n.fn.explain?.(childValues, f);
    if (custom) {
      values = custom.values;
      detail = custom.text;
    }
  } else if (c.children.length === 0 || n.kind === 'field' || n.kind === 'entry') {
    values = [{ expr: info.test, value: c.ev(f) }];
  }
  return new AtomEvidence(n, info, holds, values, childValues, where, listEntry, detail, src);
}

/**
 * Evidence whose one-line `text` is written only when read: explanations are
 * built for every rule that fires, but read for few, and writing the text is
 * most of their cost. `toJSON` includes the text, so stored evidence has it.
 */
class AtomEvidence implements Evidence {
  readonly test: string;
  readonly line: number;
  readonly column: number;
  readonly listEntry?: Evidence['listEntry'];
  readonly where?: readonly Binding[];
  // Rendering state in private fields: out of deepEqual, JSON and spreads.
  readonly #node: TNode;
  readonly #childValues: readonly unknown[];
  readonly #detail: string | undefined;
  readonly #src: string;
  #text: string | undefined;

  constructor(
    node: TNode,
    info: AtomInfo,
    readonly holds: boolean,
    readonly values: readonly EvidenceValue[],
    childValues: readonly unknown[],
    where: readonly Binding[],
    listEntry: Evidence['listEntry'],
    detail: string | undefined,
    src: string,
  ) {
    this.test = info.test;
    this.line = info.line;
    this.column = info.column;
    if (listEntry) this.listEntry = listEntry;
    if (where.length > 0) this.where = where;
    this.#node = node;
    this.#childValues = childValues;
    this.#detail = detail;
    this.#src = src;
  }

  get text(): string {
    this.#text ??= this.render();
    return this.#text;
  }

  toJSON(): Evidence {
    const { test, holds, line, column, values, listEntry, where, text } = this;
    return {
      test,
      holds,
      line,
      column,
      values,
      text,
      ...(listEntry ? { listEntry } : {}),
      ...(where ? { where } : {}),
    };
  }

  private render(): string {
    const n = this.#node;
    const values = this.#childValues;
    const src = this.#src;
    let text: string;
    switch (n.kind) {
      case 'compare':
      case 'textTest':
        text = `${sideText(n, 0, values[0], src)} ${n.op} ${sideText(n, 1, values[1], src)}`;
        break;
      case 'inArray':
        text = `${sideText(n, 0, values[0], src)} ${n.negated ? 'not in' : 'in'} ${sideText(n, 1, values[1], src)}`;
        break;
      case 'inList':
        text = `${sideText(n, 0, values[0], src)} ${n.negated ? 'not in' : 'in'} ${n.list.list.name}${this.#detail ?? ''}`;
        break;
      case 'call':
        text = `${this.test}: ${this.#detail ?? this.values.map((v) => `${v.expr} ${format(v.value)}`).join(', ')}`;
        break;
      default:
        text = `${this.test} is ${format(this.values[0]?.value)}`;
    }
    if (!this.holds && n.kind === 'call') text = `not ${text}`;
    else if (!this.holds && n.kind !== 'field' && n.kind !== 'var' && n.kind !== 'entry')
      text = `not (${text})`;
    if (!this.where) return text;
    return `${this.where.map((b) => `${b.variable} = ${b.collection}[${b.index}]`).join(', ')}: ${text}`;
  }
}

function sideText(parent: TNode, i: number, value: unknown, src: string): string {
  const n = childrenOf(parent)[i];
  if (!n) return '';
  if (n.kind === 'const') return format(n.value);
  if (n.kind === 'array') return slice(src, n);
  const v = format(value);
  return isPath(n) ? `${slice(src, n)} ${v}` : `${slice(src, n)} (${v})`;
}

function isPath(n: TNode): boolean {
  if (n.kind === 'var' || n.kind === 'call') return true;
  if (n.kind === 'field' || n.kind === 'entry') return isPath(n.object);
  return false;
}

// Source text of nodes, cut once: explanations quote the same tests over and over.
const SOURCE_TEXT = new WeakMap<TNode, string>();

function slice(src: string, n: TNode): string {
  let text = SOURCE_TEXT.get(n);
  if (text === undefined) {
    text = src.slice(n.span.start, n.span.end).replace(/\s+/g, ' ');
    SOURCE_TEXT.set(n, text);
  }
  return text;
}

/** A value as quoted in explanations: texts in quotes, numbers to 6 significant digits. */
export function format(v: unknown): string {
  if (v === undefined || v === null) return 'unknown';
  if (typeof v === 'number') return String(Number.isInteger(v) ? v : Number(v.toPrecision(6)));
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
