import type { Anchor, Anchors, Dimension, Step } from './rule-anchor.ts';
import type { Frame } from './typed-ast.ts';

/**
 * Prefix keys in a trie over character codes: walking a value marks every
 * rule keyed on one of its prefixes with no substring and no hashing, which
 * matters because HS codes are looked up for every item of every declaration.
 */
interface PrefixNode {
  rules: number[] | undefined;
  next: Map<number, PrefixNode> | undefined;
  /** Children for "0".."9", the usual case (HS codes), without a hash lookup. */
  digits: (PrefixNode | undefined)[] | undefined;
}

const newPrefixNode = (): PrefixNode => ({ rules: undefined, next: undefined, digits: undefined });

function child(node: PrefixNode, code: number): PrefixNode | undefined {
  return code >= 48 && code <= 57 ? node.digits?.[code - 48] : node.next?.get(code);
}

function addChild(node: PrefixNode, code: number): PrefixNode {
  const found = child(node, code);
  if (found) return found;
  const created = newPrefixNode();
  if (code >= 48 && code <= 57) {
    node.digits ??= new Array<PrefixNode | undefined>(10).fill(undefined);
    node.digits[code - 48] = created;
  } else {
    node.next ??= new Map();
    node.next.set(code, created);
  }
  return created;
}

/** One indexed field: its keys, and the buffer its values are read into for each declaration. */
interface Table {
  readonly dim: Dimension;
  readonly exact: Map<string, number[]>;
  readonly prefix: PrefixNode;
  prefixKeys: number;
  readonly values: string[];
  count: number;
}

/** A further necessary condition checked before a rule found in the index is counted. */
interface Guard {
  readonly table: Table;
  readonly exact: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

/** What the index holds, for diagnostics and the benchmark. */
export interface IndexStats {
  readonly rules: number;
  readonly indexed: number;
  /** Rules with no anchor, evaluated for every declaration. */
  readonly unindexed: number;
  /** Rules with at least one guard checked before evaluation. */
  readonly guarded: number;
  readonly dimensions: readonly { readonly id: string; readonly keys: number }[];
}

/**
 * Rules keyed by what they test. For a declaration, `collect` reads the
 * values of each indexed field once, looks each up (prefix keys through a
 * trie) and keeps the rules found whose guards also hold; only those and the
 * unindexed rules are then evaluated. The cost follows the number of rules
 * that could match, not the number of rules.
 */
export class RuleIndex {
  private readonly tables: Table[] = [];
  private readonly byId = new Map<string, Table>();
  private readonly always: number[] = [];
  private readonly guards: (readonly Guard[] | undefined)[];
  private readonly stamps: Uint32Array;
  private epoch = 0;

  constructor(anchors: readonly Anchors[]) {
    this.stamps = new Uint32Array(anchors.length);
    this.guards = anchors.map(() => undefined);
    anchors.forEach((list, rule) => {
      const [primary, ...rest] = list;
      if (!primary) {
        this.always.push(rule);
        return;
      }
      for (const { dim, key, prefix } of primary.keys) this.add(this.table(dim), key, prefix, rule);
      if (rest.length > 0) this.guards[rule] = rest.map((a) => this.guard(a)).filter((g) => g !== undefined);
    });
  }

  /**
   * Writes to `out` the rules that could fire on the declaration in `frame`,
   * each once, and returns how many. Allocation-free: this runs for every
   * declaration.
   */
  collect(frame: Frame, out: number[]): number {
    const epoch = this.nextEpoch();
    let n = 0;
    const always = this.always;
    for (let i = 0; i < always.length; i++) out[n++] = always[i] as number;
    const tables = this.tables;
    for (let t = 0; t < tables.length; t++) {
      const table = tables[t] as Table;
      const steps = table.dim.steps;
      table.count = readValues(steps, 1, frame[(steps[0] as { slot: number }).slot], table.values, 0);
    }
    for (let t = 0; t < tables.length; t++) {
      const table = tables[t] as Table;
      const exact = table.exact.size > 0 ? table.exact : undefined;
      const trie = table.prefixKeys > 0 ? table.prefix : undefined;
      if (!exact && !trie) continue;
      for (let i = 0; i < table.count; i++) {
        const v = table.values[i] as string;
        if (exact) {
          const bucket = exact.get(v);
          if (bucket) n = this.mark(bucket, epoch, out, n);
        }
        let node = trie;
        for (let j = 0; node && j < v.length; j++) {
          node = child(node, v.charCodeAt(j));
          if (node?.rules) n = this.mark(node.rules, epoch, out, n);
        }
      }
    }
    return n;
  }

  stats(): IndexStats {
    const keyed = this.tables.filter((t) => t.exact.size + t.prefixKeys > 0);
    return {
      rules: this.stamps.length,
      indexed: this.stamps.length - this.always.length,
      unindexed: this.always.length,
      guarded: this.guards.filter((g) => g && g.length > 0).length,
      dimensions: keyed.map((t) => ({ id: t.dim.id, keys: t.exact.size + t.prefixKeys })),
    };
  }

  private mark(bucket: readonly number[], epoch: number, out: number[], n: number): number {
    const stamps = this.stamps;
    for (let i = 0; i < bucket.length; i++) {
      const r = bucket[i] as number;
      if (stamps[r] === epoch) continue;
      stamps[r] = epoch;
      const guards = this.guards[r];
      if (guards === undefined || passes(guards)) out[n++] = r;
    }
    return n;
  }

  private table(dim: Dimension): Table {
    let t = this.byId.get(dim.id);
    if (!t) {
      t = { dim, exact: new Map(), prefix: newPrefixNode(), prefixKeys: 0, values: [], count: 0 };
      this.byId.set(dim.id, t);
      this.tables.push(t);
    }
    return t;
  }

  private add(t: Table, key: string, prefix: boolean, rule: number): void {
    if (!prefix) {
      const bucket = t.exact.get(key);
      if (!bucket) t.exact.set(key, [rule]);
      else if (bucket[bucket.length - 1] !== rule) bucket.push(rule);
      return;
    }
    let node = t.prefix;
    for (let i = 0; i < key.length; i++) node = addChild(node, key.charCodeAt(i));
    if (!node.rules) {
      node.rules = [rule];
      t.prefixKeys++;
    } else if (node.rules[node.rules.length - 1] !== rule) node.rules.push(rule);
  }

  // A guard's keys may span several fields (from an `or`); only single-field ones are kept.
  private guard(a: Anchor): Guard | undefined {
    const dim = a.keys[0]?.dim;
    if (!dim || a.keys.some((k) => k.dim.id !== dim.id)) return undefined;
    return {
      table: this.table(dim),
      exact: new Set(a.keys.filter((k) => !k.prefix).map((k) => k.key)),
      prefixes: a.keys.filter((k) => k.prefix).map((k) => k.key),
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

function passes(guards: readonly Guard[]): boolean {
  for (let g = 0; g < guards.length; g++) {
    const { table, exact, prefixes } = guards[g] as Guard;
    let found = false;
    for (let i = 0; i < table.count && !found; i++) {
      const v = table.values[i] as string;
      if (exact.has(v)) found = true;
      else for (let p = 0; p < prefixes.length && !found; p++) found = v.startsWith(prefixes[p] as string);
    }
    if (!found) return false;
  }
  return true;
}

/** Writes the string values at `steps` into `out` from index `n`; returns the new count. */
function readValues(steps: readonly Step[], from: number, start: unknown, out: string[], n: number): number {
  let v = start;
  for (let i = from; i < steps.length; i++) {
    if (v == null) return n;
    const s = steps[i] as Step;
    if (s.k === 'get') v = s.get(v);
    else if (s.k === 'country') v = typeof v === 'string' ? v.slice(0, 2) : undefined;
    else if (s.k === 'each') {
      const xs = v as readonly unknown[];
      for (let j = 0; j < xs.length; j++) n = readValues(steps, i + 1, xs[j], out, n);
      return n;
    }
  }
  if (typeof v === 'string') out[n++] = v;
  return n;
}
