import type { Getter } from './rule-types.ts';
import { type Frame, SLOT, type TNode } from './typed-ast.ts';

/** One step from the frame to the values of an indexed field. */
type Step =
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
 * that have one, so the index keys each rule on its rarest test.
 */
export interface Anchor {
  readonly keys: readonly AnchorKey[];
  readonly cost: number;
}

// Share of declarations an HS prefix of n digits matches, roughly: chapters
// are broad, subheadings narrow.
const HS_PREFIX_SELECTIVITY = [1, 0.5, 0.1, 0.03, 0.01, 0.005, 0.002, 0.001, 0.0005, 0.0005, 0.0005];
const DEFAULT_SELECTIVITY = 0.1;

/**
 * The anchor of a checked condition, or `undefined` when it has none (then
 * the rule is evaluated for every declaration). Sound under three-valued
 * logic: `a and b` is true only if both are, so either anchor will do (the
 * cheaper is kept); `a or b` needs the union; `any x in xs: body` needs the
 * body's anchor over the elements; `not`, `all` and inequalities give none.
 *
 * @example anchorOf(check('any item in declaration.items: item.hsCode startsWith "0901"'))
 * // { keys: [{ dim: declaration.items[].hsCode, key: '0901', prefix: true }], cost: 0.01 }
 */
export function anchorOf(node: TNode, vars: ReadonlyMap<number, Dimension> = new Map()): Anchor | undefined {
  switch (node.kind) {
    case 'logical':
      return node.op === 'and'
        ? cheapest(node.operands.map((o) => anchorOf(o, vars)))
        : union(node.operands.map((o) => anchorOf(o, vars)));
    case 'quant': {
      if (node.quantifier !== 'any') return undefined;
      const inner = new Map(vars);
      const collection = pathOf(node.collection, vars);
      if (collection) inner.set(node.slot, elementsOf(collection));
      return anchorOf(node.body, inner);
    }
    case 'compare': {
      if (node.op !== '==') return undefined;
      const [path, k] = node.right.kind === 'const' ? [node.left, node.right] : [node.right, node.left];
      return k.kind === 'const' && typeof k.value === 'string'
        ? keyed(pathOf(path, vars), [k.value], false)
        : undefined;
    }
    case 'textTest':
      return node.op === 'startsWith' && node.right.kind === 'const'
        ? keyed(pathOf(node.left, vars), [String(node.right.value)], true)
        : undefined;
    case 'inList':
      if (node.negated || node.list.list.type === 'route') return undefined;
      return keyed(
        pathOf(node.left, vars),
        node.list.list.entries.map((e) => e.value),
        node.list.byPrefix,
      );
    case 'inArray': {
      if (node.negated) return undefined;
      if (node.right.kind === 'array') {
        const values = node.right.elements.map((e) => (e.kind === 'const' ? e.value : undefined));
        return values.every((v) => typeof v === 'string')
          ? keyed(pathOf(node.left, vars), values as string[], false)
          : undefined;
      }
      const arr = pathOf(node.right, vars);
      return node.left.kind === 'const' && typeof node.left.value === 'string' && arr
        ? keyed(elementsOf(arr), [node.left.value], false)
        : undefined;
    }
    default:
      return undefined;
  }
}

/** An anchor for a rule's scope: the declaration's `field` must be one of `values`. */
export function scopeAnchor(
  id: string,
  get: Getter,
  selectivity: number,
  values: readonly string[],
): Anchor | undefined {
  const dim: Dimension = {
    id: `declaration.${id}`,
    steps: [
      { k: 'slot', slot: SLOT.declaration },
      { k: 'get', get },
    ],
    selectivity,
    hs: false,
  };
  return keyed(dim, values, false);
}

/** The cheapest of several necessary conditions (all must hold, so any will do). */
export function cheapest(anchors: readonly (Anchor | undefined)[]): Anchor | undefined {
  let best: Anchor | undefined;
  for (const a of anchors) if (a && (!best || a.cost < best.cost)) best = a;
  return best;
}

function union(anchors: readonly (Anchor | undefined)[]): Anchor | undefined {
  if (anchors.some((a) => !a)) return undefined;
  const all = anchors as Anchor[];
  return {
    keys: all.flatMap((a) => a.keys),
    cost: Math.min(
      1,
      all.reduce((s, a) => s + a.cost, 0),
    ),
  };
}

function keyed(dim: Dimension | undefined, values: readonly string[], prefix: boolean): Anchor | undefined {
  if (!dim || values.length === 0) return undefined;
  const keys = values.map((key) => ({ dim, key, prefix }));
  const each = (k: string) =>
    prefix ? (dim.hs ? (HS_PREFIX_SELECTIVITY[k.length] ?? 0.0005) : DEFAULT_SELECTIVITY) : dim.selectivity;
  return {
    keys,
    cost: Math.min(
      1,
      values.reduce((s, k) => s + each(k), 0),
    ),
  };
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

interface DimensionTable {
  readonly dim: Dimension;
  readonly exact: Map<string, number[]>;
  readonly prefix: Map<string, number[]>;
  prefixLengths: number[];
}

/** What the index holds, for diagnostics and the benchmark. */
export interface IndexStats {
  readonly rules: number;
  readonly indexed: number;
  /** Rules with no anchor, evaluated for every declaration. */
  readonly unindexed: number;
  readonly dimensions: readonly { readonly id: string; readonly keys: number }[];
}

/**
 * Rules keyed by what they test. For a declaration, `collect` reads the value
 * of each indexed field once, looks it up (and, for prefix keys, each of its
 * prefixes of a length some rule uses) and marks the rules found; only those
 * and the unindexed rules are then evaluated. The cost follows the number of
 * rules that could match, not the number of rules.
 */
export class RuleIndex {
  private readonly tables: DimensionTable[] = [];
  private readonly always: number[] = [];
  private readonly values: string[] = [];
  private readonly stamps: Uint32Array;
  private epoch = 0;

  constructor(anchors: readonly (Anchor | undefined)[]) {
    this.stamps = new Uint32Array(anchors.length);
    const byId = new Map<string, DimensionTable>();
    anchors.forEach((anchor, rule) => {
      if (!anchor) {
        this.always.push(rule);
        return;
      }
      for (const { dim, key, prefix } of anchor.keys) {
        let t = byId.get(dim.id);
        if (!t) {
          t = { dim, exact: new Map(), prefix: new Map(), prefixLengths: [] };
          byId.set(dim.id, t);
          this.tables.push(t);
        }
        const map = prefix ? t.prefix : t.exact;
        const bucket = map.get(key);
        if (!bucket) map.set(key, [rule]);
        else if (bucket[bucket.length - 1] !== rule) bucket.push(rule);
      }
    });
    for (const t of this.tables)
      t.prefixLengths = [...new Set([...t.prefix.keys()].map((k) => k.length))].sort((a, b) => a - b);
  }

  /** Appends to `out` the rules that could fire on the declaration in `frame`, each once. */
  collect(frame: Frame, out: number[]): void {
    const epoch = this.nextEpoch();
    const stamps = this.stamps;
    const mark = (bucket: readonly number[]) => {
      for (let i = 0; i < bucket.length; i++) {
        const r = bucket[i] as number;
        if (stamps[r] !== epoch) {
          stamps[r] = epoch;
          out.push(r);
        }
      }
    };
    for (const r of this.always) out.push(r);
    const values = this.values;
    for (const t of this.tables) {
      values.length = 0;
      const steps = t.dim.steps;
      readValues(steps, 1, frame[(steps[0] as { slot: number }).slot], values);
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as string;
        if (t.exact.size > 0) {
          const b = t.exact.get(v);
          if (b) mark(b);
        }
        const lengths = t.prefixLengths;
        for (let j = 0; j < lengths.length; j++) {
          const n = lengths[j] as number;
          if (n > v.length) break;
          const b = t.prefix.get(n === v.length ? v : v.slice(0, n));
          if (b) mark(b);
        }
      }
    }
  }

  stats(): IndexStats {
    return {
      rules: this.stamps.length,
      indexed: this.stamps.length - this.always.length,
      unindexed: this.always.length,
      dimensions: this.tables.map((t) => ({ id: t.dim.id, keys: t.exact.size + t.prefix.size })),
    };
  }

  private nextEpoch(): number {
    if (this.epoch === 0xffffffff) {
      this.stamps.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
}

function readValues(steps: readonly Step[], from: number, start: unknown, out: string[]): void {
  let v = start;
  for (let i = from; i < steps.length; i++) {
    if (v == null) return;
    const s = steps[i] as Step;
    if (s.k === 'get') v = s.get(v);
    else if (s.k === 'country') v = typeof v === 'string' ? v.slice(0, 2) : undefined;
    else if (s.k === 'each') {
      const xs = v as readonly unknown[];
      for (let j = 0; j < xs.length; j++) readValues(steps, i + 1, xs[j], out);
      return;
    }
  }
  if (typeof v === 'string') out.push(v);
}
