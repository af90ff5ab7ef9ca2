import type { Getter } from './rule-types.ts';
import { SLOT, type TNode } from './typed-ast.ts';

/** One step from the frame to the values of an indexed field. */
export type Step =
  | { readonly k: 'slot'; readonly slot: number }
  | { readonly k: 'get'; readonly get: Getter }
  | { readonly k: 'each' }
  | { readonly k: 'country' };

/**
 * A text field the index can key rules on, named by its path
 * (`declaration.items[].hsCode`, `country(cargo.bills[].placeOfLoading)`),
 * with the steps that read its values from a declaration.
 */
export interface Dimension {
  readonly id: string;
  readonly steps: readonly Step[];
  readonly selectivity: number;
  readonly hs: boolean;
  /** Values are numbers (tested by range), not texts (looked up by key). */
  readonly numeric: boolean;
  /**
   * Index of the `each` step when the path goes through exactly one list
   * (`declaration.items[].hsCode`): its values then line up with the list's
   * elements, so tests on the same element can be checked together.
   */
  readonly row: number | undefined;
  /** The quantifier that bound the element this path starts from, if any. */
  readonly binding: object | undefined;
}

/** A value the rule needs its dimension to hold (or, when `prefix`, to start with). */
export interface AnchorKey {
  readonly dim: Dimension;
  readonly key: string;
  readonly prefix: boolean;
}

/**
 * A necessary condition of a rule: it can only be true when the declaration
 * has at least one of these keys. `cost` estimates the share of declarations
 * that have one.
 */
export interface Anchor {
  readonly keys: readonly AnchorKey[];
  readonly cost: number;
  /** A numeric test instead of keys (`item.unitValue < 4.1`): only ever a guard. */
  readonly range?: { readonly dim: Dimension; readonly op: RangeOp; readonly bound: number };
  /** The quantifier whose element all the keys come from, for same-element guards. */
  readonly binding?: object;
}

export type RangeOp = '<' | '<=' | '>' | '>=' | '==';

/**
 * Every necessary condition found for a rule, cheapest first. The index keys
 * the rule on the first and checks the next ones (guards) before it counts
 * the rule as a candidate: "HS 0901 and origin CO and office X" is looked up
 * under 0901 and dropped at once for an item from Brazil.
 */
export type Anchors = readonly Anchor[];

// Share of declarations an HS prefix of n digits matches, roughly: chapters
// are broad, subheadings narrow.
const HS_PREFIX_SELECTIVITY = [1, 0.5, 0.1, 0.03, 0.01, 0.005, 0.002, 0.001, 0.0005, 0.0005, 0.0005];
const DEFAULT_SELECTIVITY = 0.1;
/** Guards that would pass for most declarations are not worth checking. */
const MAX_GUARD_COST = 0.5;
const MAX_GUARDS = 4;
/** Numeric guards have no known selectivity; they rank after keyed ones. */
const RANGE_COST = 0.3;

/**
 * The necessary conditions of a checked condition, cheapest first; empty when
 * it has none (then the rule is evaluated for every declaration). Sound under
 * three-valued logic: `a and b` is true only if both are, so the anchors of
 * both hold; `a or b` needs the union of their best anchors; `any x in xs:
 * body` needs the body's anchors over the elements; `not`, `all` and
 * inequalities give none.
 *
 * @example anchorsOf(check('any item in declaration.items: item.hsCode startsWith "0901"'))
 * // [{ keys: [{ dim: declaration.items[].hsCode, key: '0901', prefix: true }], cost: 0.01 }]
 */
export function anchorsOf(node: TNode, vars: ReadonlyMap<number, Dimension> = new Map()): Anchors {
  switch (node.kind) {
    case 'logical':
      return node.op === 'and'
        ? conjunction(node.operands.map((o) => anchorsOf(o, vars)))
        : disjunction(node.operands.map((o) => anchorsOf(o, vars)));
    case 'quant': {
      if (node.quantifier !== 'any') return [];
      const inner = new Map(vars);
      const collection = pathOf(node.collection, vars);
      if (collection) inner.set(node.slot, elementsOf(collection, node));
      return anchorsOf(node.body, inner);
    }
    case 'compare':
      return comparison(node, vars);
    case 'textTest':
      return node.op === 'startsWith' && node.right.kind === 'const'
        ? keyed(pathOf(node.left, vars), [String(node.right.value)], true)
        : [];
    case 'inList':
      if (node.negated || node.list.list.type === 'route') return [];
      return keyed(
        pathOf(node.left, vars),
        node.list.list.entries.map((e) => e.value),
        node.list.byPrefix,
      );
    case 'inArray':
      return node.negated ? [] : membership(node.left, node.right, vars);
    default:
      return [];
  }
}

/**
 * All of these hold: the cheapest keyed anchor first (the index looks the
 * rule up by it), then the next few as guards; numeric ones only as guards.
 */
export function conjunction(parts: readonly Anchors[]): Anchors {
  const all = parts.flat().sort((a, b) => a.cost - b.cost);
  const primary = all.find((a) => !a.range);
  if (!primary) return all.slice(0, MAX_GUARDS);
  const guards = all.filter((a) => a !== primary && a.cost <= MAX_GUARD_COST).slice(0, MAX_GUARDS);
  return [primary, ...guards];
}

/** One of these holds: the union of each part's best keyed anchor (none if a part has none). */
function disjunction(parts: readonly Anchors[]): Anchors {
  const best = parts.map((p) => p.find((a) => !a.range));
  if (best.some((a) => !a)) return [];
  const keyedParts = best as Anchor[];
  const cost = Math.min(
    1,
    keyedParts.reduce((s, a) => s + a.cost, 0),
  );
  return [{ keys: keyedParts.flatMap((a) => a.keys), cost }];
}

const FLIP: Record<string, RangeOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==' };

function comparison(
  node: Extract<TNode, { kind: 'compare' }>,
  vars: ReadonlyMap<number, Dimension>,
): Anchors {
  if (node.op === '!=') return [];
  const constRight = node.right.kind === 'const';
  const [path, k] = constRight ? [node.left, node.right] : [node.right, node.left];
  if (k.kind !== 'const') return [];
  if (typeof k.value === 'string') return node.op === '==' ? keyed(pathOf(path, vars), [k.value], false) : [];
  const dim = typeof k.value === 'number' ? pathOf(path, vars) : undefined;
  if (!dim?.numeric) return [];
  const op = constRight ? (node.op as RangeOp) : (FLIP[node.op] as RangeOp);
  const range = { dim, op, bound: k.value as number };
  return [
    dim.binding
      ? { keys: [], cost: RANGE_COST, range, binding: dim.binding }
      : { keys: [], cost: RANGE_COST, range },
  ];
}

/**
 * How many tests the condition has when it is only `and`s and `any`s of
 * tests that each make exactly one anchor (`==` or `in` with texts,
 * `startsWith` a text, a number compared with a constant by `<`, `<=`, `>`,
 * `>=`); -1 otherwise. Compared with the anchors the index keeps, it tells
 * when finding a rule in the index already proves it.
 */
export function exactTests(node: TNode): number {
  switch (node.kind) {
    case 'logical': {
      if (node.op !== 'and') return -1;
      let n = 0;
      for (const o of node.operands) {
        const k = exactTests(o);
        if (k < 0) return -1;
        n += k;
      }
      return n;
    }
    case 'quant':
      return node.quantifier === 'any' ? exactTests(node.body) : -1;
    case 'compare': {
      const k = node.right.kind === 'const' ? node.right : node.left.kind === 'const' ? node.left : undefined;
      if (!k || node.op === '!=' || (node.left.kind === 'const' && node.right.kind === 'const')) return -1;
      // A number equal to a constant is guarded by min <= c <= max, which does not prove it.
      if (typeof k.value === 'number') return node.op === '==' ? -1 : 1;
      return typeof k.value === 'string' && node.op === '==' ? 1 : -1;
    }
    case 'textTest':
      return node.op === 'startsWith' && node.right.kind === 'const' ? 1 : -1;
    case 'inList':
      return node.negated || node.list.list.type === 'route' ? -1 : 1;
    case 'inArray':
      return !node.negated && node.right.kind === 'array' ? 1 : -1;
    default:
      return -1;
  }
}

/** An anchor for a rule's scope: the declaration's `field` must be one of `values`. */
export function scopeAnchors(
  field: string,
  get: Getter,
  selectivity: number,
  values: readonly string[],
): Anchors {
  const steps: Step[] = [
    { k: 'slot', slot: SLOT.declaration },
    { k: 'get', get },
  ];
  const dim = {
    id: `declaration.${field}`,
    steps,
    selectivity,
    hs: false,
    numeric: false,
    row: undefined,
    binding: undefined,
  };
  return keyed(dim, values, false);
}

function membership(left: TNode, right: TNode, vars: ReadonlyMap<number, Dimension>): Anchors {
  if (right.kind === 'array') {
    const values = right.elements.map((e) => (e.kind === 'const' ? e.value : undefined));
    return values.every((v) => typeof v === 'string')
      ? keyed(pathOf(left, vars), values as string[], false)
      : [];
  }
  const arr = pathOf(right, vars);
  return left.kind === 'const' && typeof left.value === 'string' && arr
    ? keyed(elementsOf(arr), [left.value], false)
    : [];
}

function keyed(dim: Dimension | undefined, values: readonly string[], prefix: boolean): Anchors {
  if (!dim || values.length === 0) return [];
  const keys = values.map((key) => ({ dim, key, prefix }));
  const each = (k: string) =>
    prefix ? (dim.hs ? (HS_PREFIX_SELECTIVITY[k.length] ?? 0.0005) : DEFAULT_SELECTIVITY) : dim.selectivity;
  const cost = Math.min(
    1,
    values.reduce((s, k) => s + each(k), 0),
  );
  return [dim.binding ? { keys, cost, binding: dim.binding } : { keys, cost }];
}

/** The elements of a list, bound by quantifier `binding` (or by none, for `"X" in list-field`). */
function elementsOf(d: Dimension, binding?: object): Dimension {
  const each = d.steps.some((s) => s.k === 'each');
  // A second list level (bills[].containers[]) no longer lines up with one list's elements.
  const row = d.row === undefined && !each ? d.steps.length : undefined;
  return { ...d, id: `${d.id}[]`, steps: [...d.steps, { k: 'each' }], row, binding, numeric: false };
}

function pathOf(node: TNode, vars: ReadonlyMap<number, Dimension>): Dimension | undefined {
  switch (node.kind) {
    case 'var':
      if (node.slot >= SLOT.firstVariable) return vars.get(node.slot);
      return {
        id: node.name,
        steps: [{ k: 'slot', slot: node.slot }],
        selectivity: DEFAULT_SELECTIVITY,
        hs: false,
        numeric: false,
        row: undefined,
        binding: undefined,
      };
    case 'field': {
      const parent = pathOf(node.object, vars);
      if (!parent) return undefined;
      return {
        ...parent,
        id: `${parent.id}.${node.name}`,
        steps: [...parent.steps, { k: 'get', get: node.field.get }],
        selectivity: node.field.selectivity ?? DEFAULT_SELECTIVITY,
        hs: node.type.kind === 'text' && node.type.tag === 'hs',
        numeric: node.type.kind === 'number',
      };
    }
    case 'call': {
      if (node.fn.name !== 'country' || !node.args[0]) return undefined;
      const parent = pathOf(node.args[0], vars);
      if (!parent) return undefined;
      return {
        ...parent,
        id: `country(${parent.id})`,
        steps: [...parent.steps, { k: 'country' }],
        selectivity: 0.05,
        hs: false,
        numeric: false,
      };
    }
    default:
      return undefined;
  }
}
