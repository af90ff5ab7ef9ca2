import { positionOf } from './ast.ts';
import type { CNode } from './compiler.ts';
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

function atom(c: CNode, f: Frame, holds: boolean, where: Binding[], src: string): Evidence {
  const n = c.node;
  const test = slice(src, n);
  const { line, column } = positionOf(src, n.span.start);
  let values: EvidenceValue[] = c.children
    .filter((k) => k.node.kind !== 'const' && k.node.kind !== 'array')
    .map((k) => ({ expr: slice(src, k.node), value: k.ev(f) }));
  let text: string;
  let listEntry: Evidence['listEntry'];
  const [left, right] = c.children as [CNode, CNode];
  switch (n.kind) {
    case 'compare':
    case 'textTest':
      text = `${side(left, f, src)} ${n.op} ${side(right, f, src)}`;
      break;
    case 'inArray':
      text = `${side(left, f, src)} ${n.negated ? 'not in' : 'in'} ${side(right, f, src)}`;
      break;
    case 'inList': {
      const v = left.ev(f);
      const entry = typeof v === 'string' ? n.list.match(v) : undefined;
      const list = n.list.list;
      if (entry) {
        listEntry = { list: list.name, version: list.version, value: entry.value };
        if (entry.reason !== undefined) listEntry = { ...listEntry, reason: entry.reason };
      }
      const detail = entry && entry.value !== v ? ` (entry "${entry.value}")` : '';
      text = `${side(left, f, src)} ${n.negated ? 'not in' : 'in'} ${list.name}${detail}${entry?.reason ? `: ${entry.reason}` : ''}`;
      break;
    }
    case 'call': {
      const custom = n.fn.explain?.(
        c.children.map((k) => k.ev(f)),
        f,
      );
      if (custom) values = custom.values;
      text = `${test}: ${custom?.text ?? values.map((v) => `${v.expr} ${format(v.value)}`).join(', ')}`;
      break;
    }
    default:
      values = [{ expr: test, value: c.ev(f) }];
      text = `${test} is ${format(c.ev(f))}`;
  }
  if (!holds && n.kind !== 'call' && n.kind !== 'field' && n.kind !== 'var' && n.kind !== 'entry') {
    text = `not (${text})`;
  } else if (!holds && n.kind === 'call') text = `not ${text}`;
  const bindings = where.map((b) => `${b.variable} = ${b.collection}[${b.index}]`).join(', ');
  const evidence: Evidence = {
    test,
    holds,
    line,
    column,
    values,
    text: bindings ? `${bindings}: ${text}` : text,
  };
  return {
    ...evidence,
    ...(listEntry ? { listEntry } : {}),
    ...(where.length ? { where } : {}),
  };
}

function side(c: CNode, f: Frame, src: string): string {
  const n = c.node;
  if (n.kind === 'const') return format(n.value);
  if (n.kind === 'array') return slice(src, n);
  const v = format(c.ev(f));
  return isPath(n) ? `${slice(src, n)} ${v}` : `${slice(src, n)} (${v})`;
}

function isPath(n: TNode): boolean {
  if (n.kind === 'var' || n.kind === 'call') return true;
  if (n.kind === 'field' || n.kind === 'entry') return isPath(n.object);
  return false;
}

function slice(src: string, n: TNode): string {
  return src.slice(n.span.start, n.span.end).replace(/\s+/g, ' ');
}

/** A value as quoted in explanations: texts in quotes, numbers to 6 significant digits. */
export function format(v: unknown): string {
  if (v === undefined || v === null) return 'unknown';
  if (typeof v === 'number') return String(Number.isInteger(v) ? v : Number(v.toPrecision(6)));
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
