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
}

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
const MAX_GUARDS = 3;

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
      if (collection) inner.set(node.slot, elementsOf(collection));
      return anchorsOf(node.body, inner);
    }
    case 'compare': {
      if (node.op !== '==') return [];
      const [path, k] = node.right.kind === 'const' ? [node.left, node.right] : [node.right, node.left];
      return k.kind === 'const' && typeof k.value === 'string'
        ? keyed(pathOf(path, vars), [k.value], false)
        : [];
    }
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

/** All of these hold: keep them all, cheapest first (the index uses the first few). */
export function conjunction(parts: readonly Anchors[]): Anchors {
  return parts
    .flat()
    .sort((a, b) => a.cost - b.cost)
    .filter((a, i) => i === 0 || (i <= MAX_GUARDS && a.cost <= MAX_GUARD_COST));
}

/** One of these holds: the union of each part's best anchor (none if a part has none). */
function disjunction(parts: readonly Anchors[]): Anchors {
  if (parts.some((p) => p.length === 0)) return [];
  const best = parts.map((p) => p[0] as Anchor);
  return [
    {
      keys: best.flatMap((a) => a.keys),
      cost: Math.min(
        1,
        best.reduce((s, a) => s + a.cost, 0),
      ),
    },
  ];
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
  return keyed({ id: `declaration.${field}`, steps, selectivity, hs: false }, values, false);
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
  return [
    {
      keys,
      cost: Math.min(
        1,
        values.reduce((s, k) => s + each(k), 0),
      ),
    },
  ];
}

function elementsOf(d: Dimension): Dimension {
  return { ...d, id: `${d.id}[]`, steps: [...d.steps, { k: 'each' }] };
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
      };
    case 'field': {
      const parent = pathOf(node.object, vars);
      if (!parent) return undefined;
      return {
        id: `${parent.id}.${node.name}`,
        steps: [...parent.steps, { k: 'get', get: node.field.get }],
        selectivity: node.field.selectivity ?? DEFAULT_SELECTIVITY,
        hs: node.type.kind === 'text' && node.type.tag === 'hs',
      };
    }
    case 'call': {
      if (node.fn.name !== 'country' || !node.args[0]) return undefined;
      const parent = pathOf(node.args[0], vars);
      if (!parent) return undefined;
      return {
        id: `country(${parent.id})`,
        steps: [...parent.steps, { k: 'country' }],
        selectivity: 0.05,
        hs: false,
      };
    }
    default:
      return undefined;
  }
}
