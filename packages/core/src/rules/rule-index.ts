import type { Anchor, Anchors, Dimension, RangeOp, Step } from './rule-anchor.ts';
import type { Frame } from './typed-ast.ts';

/**
 * Prefix keys in a trie over character codes: walking a value marks every
 * rule keyed on one of its prefixes with no substring and no hashing, which
 * matters because HS codes are looked up for every item of every declaration.
 */
interface PrefixNode {
  bucket: Bucket | undefined;
  next: Map<number, PrefixNode> | undefined;
  /** Children for "0".."9", the usual case (HS codes), without a hash lookup. */
  digits: (PrefixNode | undefined)[] | undefined;
}

const newPrefixNode = (): PrefixNode => ({ bucket: undefined, next: undefined, digits: undefined });

/**
 * The rules filed under one key. Rules with a further exact-key guard
 * ("and origin is CO") are filed again under that guard's key in a
 * partition, so a lookup reaches only those whose guard can hold: without
 * it, every rule on a popular HS code would be checked for every item.
 */
interface Bucket {
  readonly rules: number[];
  readonly parts: Partition[];
}

interface Partition {
  readonly table: Table;
  readonly sameElement: boolean;
  /** Rules by the id (see `Table.dict`) of the key their guard needs. */
  readonly byId: (number[] | undefined)[];
}

const newBucket = (): Bucket => ({ rules: [], parts: [] });

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

/**
 * One field the index reads from each declaration: its keys (when rules are
 * looked up by it) and the buffers its values are read into. For a field
 * inside one list (`declaration.items[].origin`), `byRow[j]` is the value of
 * element j, so that a guard can test the same item as the lookup.
 */
interface Table {
  readonly dim: Dimension;
  /**
   * Every text the rules name for this field (keys and guard values), as a
   * small number: values are turned into ids once per declaration, and
   * buckets, partitions and guards are then arrays indexed by id, with no
   * hashing and few cache misses.
   */
  readonly dict: Map<string, number>;
  readonly exactById: (Bucket | undefined)[];
  exactKeys: number;
  readonly prefix: PrefixNode;
  prefixKeys: number;
  /** The buckets each value's prefixes lead to, remembered: a tariff has some 12,000 lines, seen again and again. */
  readonly prefixMemo: Map<string, readonly Bucket[]>;
  /** Text values of this declaration, and the element each came from (-1 outside a list). */
  readonly values: string[];
  readonly rows: number[];
  count: number;
  readonly byRow: unknown[];
  /** Ids of `values` (-1 for texts no rule names), and of `byRow`. */
  readonly ids: number[];
  readonly byRowId: number[];
  /** Smallest and largest numeric value of this declaration (NaN when none). */
  min: number;
  max: number;
}

/** A further necessary condition checked before a rule found in the index is counted. */
interface Guard {
  readonly table: Table;
  /** The exact keys, as ids of the table's dictionary. */
  readonly exactIds: readonly number[];
  readonly prefixes: readonly string[];
  readonly range: { readonly op: RangeOp; readonly bound: number } | undefined;
  /** Tests the element the rule was found by, not any element. */
  readonly sameElement: boolean;
}

/** What the index holds, for diagnostics and the benchmark. */
export interface IndexStats {
  readonly rules: number;
  readonly indexed: number;
  /** Rules with no anchor, evaluated for every declaration. */
  readonly unindexed: number;
  /** Rules with at least one guard (a further key or a numeric bound) checked before evaluation. */
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

  /**
   * Rules whose every test is one of their anchors, checked by the index on
   * the right element: when the index finds such a rule, it holds, and its
   * condition need not be evaluated.
   */
  readonly decided: Uint8Array;

  /**
   * @param anchors the anchors of each rule (see `anchorsOf`)
   * @param exactTests for each rule, how many tests its condition has when
   *   each is exactly one anchor (see `exactTests`), or -1
   */
  constructor(anchors: readonly Anchors[], exactTests: readonly number[] = []) {
    this.stamps = new Uint32Array(anchors.length);
    this.decided = new Uint8Array(anchors.length);
    this.guards = anchors.map(() => undefined);
    anchors.forEach((list, rule) => {
      const primary = list[0] && !list[0].range ? list[0] : undefined;
      const rest = primary ? list.slice(1) : list;
      const built = rest.map((a) => ({ anchor: a, guard: this.guard(a, primary) }));
      const guards = built.map((b) => b.guard).filter((g) => g !== undefined);
      if (guards.length > 0) this.guards[rule] = guards;
      if (primary && (exactTests[rule] ?? -1) === list.length && decides(primary, built))
        this.decided[rule] = 1;
      const partition = guards.find((g) => !g.range && g.prefixes.length === 0 && g.exactIds.length > 0);
      if (!primary) this.always.push(rule);
      else
        for (const { dim, key, prefix } of primary.keys)
          this.file(this.bucket(this.table(dim), key, prefix), rule, partition);
    });
  }

  /**
   * Writes to `out` the rules that could fire on the declaration in `frame`,
   * each once, and returns how many. Allocation-free: this runs for every
   * declaration.
   */
  collect(frame: Frame, out: number[]): number {
    const epoch = this.nextEpoch();
    const tables = this.tables;
    for (let t = 0; t < tables.length; t++) readTable(tables[t] as Table, frame);
    let n = 0;
    const always = this.always;
    for (let i = 0; i < always.length; i++) {
      const r = always[i] as number;
      const guards = this.guards[r];
      if (guards === undefined || passes(guards, -1)) out[n++] = r;
    }
    for (let t = 0; t < tables.length; t++) {
      const table = tables[t] as Table;
      const exact = table.exactKeys > 0 ? table.exactById : undefined;
      const trie = table.prefixKeys > 0 ? table.prefix : undefined;
      if (!exact && !trie) continue;
      for (let i = 0; i < table.count; i++) {
        const v = table.values[i] as string;
        const row = table.rows[i] as number;
        if (exact) {
          const id = table.ids[i] as number;
          const bucket = id >= 0 ? exact[id] : undefined;
          if (bucket) n = this.mark(bucket, row, epoch, out, n);
        }
        if (trie) {
          const buckets = prefixBuckets(table, trie, v);
          for (let b = 0; b < buckets.length; b++) n = this.mark(buckets[b] as Bucket, row, epoch, out, n);
        }
      }
    }
    return n;
  }

  stats(): IndexStats {
    const keyed = this.tables.filter((t) => t.exactKeys + t.prefixKeys > 0);
    return {
      rules: this.stamps.length,
      indexed: this.stamps.length - this.always.length,
      unindexed: this.always.length,
      guarded: this.guards.filter((g) => g && g.length > 0).length,
      dimensions: keyed.map((t) => ({ id: t.dim.id, keys: t.exactKeys + t.prefixKeys })),
    };
  }

  private mark(bucket: Bucket, row: number, epoch: number, out: number[], n: number): number {
    n = this.accept(bucket.rules, row, epoch, out, n);
    const parts = bucket.parts;
    for (let p = 0; p < parts.length; p++) {
      const { table, sameElement, byId } = parts[p] as Partition;
      if (sameElement && row >= 0) {
        const id = table.byRowId[row] as number;
        const rules = id >= 0 ? byId[id] : undefined;
        if (rules) n = this.accept(rules, row, epoch, out, n);
        continue;
      }
      for (let i = 0; i < table.count; i++) {
        const id = table.ids[i] as number;
        const rules = id >= 0 ? byId[id] : undefined;
        if (rules) n = this.accept(rules, row, epoch, out, n);
      }
    }
    return n;
  }

  // A rule is stamped only once accepted: a guard on the element may fail for
  // one item and hold for the next item that finds the same rule.
  private accept(rules: readonly number[], row: number, epoch: number, out: number[], n: number): number {
    const stamps = this.stamps;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i] as number;
      if (stamps[r] === epoch) continue;
      const guards = this.guards[r];
      if (guards !== undefined && !passes(guards, row)) continue;
      stamps[r] = epoch;
      out[n++] = r;
    }
    return n;
  }

  private table(dim: Dimension): Table {
    let t = this.byId.get(dim.id);
    if (!t) {
      t = {
        dim,
        dict: new Map(),
        exactById: [],
        exactKeys: 0,
        prefix: newPrefixNode(),
        prefixKeys: 0,
        prefixMemo: new Map(),
        values: [],
        rows: [],
        count: 0,
        byRow: [],
        ids: [],
        byRowId: [],
        min: Number.NaN,
        max: Number.NaN,
      };
      this.byId.set(dim.id, t);
      this.tables.push(t);
    }
    return t;
  }

  private bucket(t: Table, key: string, prefix: boolean): Bucket {
    if (!prefix) {
      const id = intern(t, key);
      let bucket = t.exactById[id];
      if (!bucket) {
        bucket = newBucket();
        t.exactById[id] = bucket;
        t.exactKeys++;
      }
      return bucket;
    }
    let node = t.prefix;
    for (let i = 0; i < key.length; i++) node = addChild(node, key.charCodeAt(i));
    if (!node.bucket) {
      node.bucket = newBucket();
      t.prefixKeys++;
    }
    return node.bucket;
  }

  private file(bucket: Bucket, rule: number, partition: Guard | undefined): void {
    if (!partition) {
      pushOnce(bucket.rules, rule);
      return;
    }
    let part = bucket.parts.find(
      (p) => p.table === partition.table && p.sameElement === partition.sameElement,
    );
    if (!part) {
      part = { table: partition.table, sameElement: partition.sameElement, byId: [] };
      bucket.parts.push(part);
    }
    for (const id of partition.exactIds) {
      const rules = part.byId[id];
      if (rules) pushOnce(rules, rule);
      else part.byId[id] = [rule];
    }
  }

  // A guard's keys may span several fields (from an `or`); only single-field ones are kept.
  private guard(a: Anchor, primary: Anchor | undefined): Guard | undefined {
    const dim = a.range?.dim ?? a.keys[0]?.dim;
    if (!dim || a.keys.some((k) => k.dim.id !== dim.id)) return undefined;
    const primaryDim = primary?.keys[0]?.dim;
    return {
      table: this.table(dim),
      exactIds: a.keys.filter((k) => !k.prefix).map((k) => intern(this.table(dim), k.key)),
      prefixes: a.keys.filter((k) => k.prefix).map((k) => k.key),
      range: a.range ? { op: a.range.op, bound: a.range.bound } : undefined,
      sameElement:
        a.binding !== undefined &&
        a.binding === primary?.binding &&
        dim.row !== undefined &&
        primaryDim?.row !== undefined &&
        primary.keys.every((k) => k.dim.row === primaryDim.row),
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

// Bounds the memory of `prefixMemo` whatever the input; past it, values are walked every time.
const PREFIX_MEMO_LIMIT = 100_000;
const NO_BUCKETS: readonly Bucket[] = [];

/** The buckets of every key that is a prefix of `v`, shortest first. */
function prefixBuckets(t: Table, trie: PrefixNode, v: string): readonly Bucket[] {
  const known = t.prefixMemo.get(v);
  if (known) return known;
  let found: Bucket[] | undefined;
  let node: PrefixNode | undefined = trie;
  for (let j = 0; node && j < v.length; j++) {
    node = child(node, v.charCodeAt(j));
    if (!node?.bucket) continue;
    found ??= [];
    found.push(node.bucket);
  }
  const buckets = found ?? NO_BUCKETS;
  if (t.prefixMemo.size < PREFIX_MEMO_LIMIT) t.prefixMemo.set(v, buckets);
  return buckets;
}

function intern(t: Table, key: string): number {
  let id = t.dict.get(key);
  if (id === undefined) {
    id = t.dict.size;
    t.dict.set(key, id);
  }
  return id;
}

/**
 * Whether accepting a rule through `primary` and `built` guards proves its
 * condition (whose tests are exactly these anchors): every guard was built,
 * and tests on a quantified element are all checked on one element of one
 * single-level list, or there is only one of them.
 */
function decides(primary: Anchor, built: readonly { anchor: Anchor; guard: Guard | undefined }[]): boolean {
  if (built.some((b) => !b.guard)) return false;
  const all = [primary, ...built.map((b) => b.anchor)];
  const bindings = new Set(all.map((a) => a.binding).filter((b) => b !== undefined));
  if (bindings.size > 1) return false;
  for (const a of all) {
    const dim = a.range?.dim ?? a.keys[0]?.dim;
    if (!dim) return false;
    if (a.binding === undefined && dim.steps.some((s) => s.k === 'each')) return false;
    if (a.binding !== undefined && dim.row === undefined) return false;
    if (a.keys.some((k) => k.dim.id !== dim.id)) return false;
  }
  const bound = all.filter((a) => a.binding !== undefined);
  if (bound.length <= 1) return true;
  return (
    primary.binding !== undefined &&
    built.every((b) => b.anchor.binding === undefined || b.guard?.sameElement)
  );
}

function pushOnce(rules: number[], rule: number): void {
  if (rules[rules.length - 1] !== rule) rules.push(rule);
}

function passes(guards: readonly Guard[], row: number): boolean {
  for (let g = 0; g < guards.length; g++) {
    const guard = guards[g] as Guard;
    const ok =
      guard.sameElement && row >= 0
        ? holdsFor(guard, guard.table.byRow[row], guard.table.byRowId[row] as number)
        : holdsForAny(guard);
    if (!ok) return false;
  }
  return true;
}

function holdsFor(guard: Guard, v: unknown, id: number): boolean {
  const range = guard.range;
  if (range) return typeof v === 'number' && inRange(range.op, v, v, range.bound);
  if (typeof v !== 'string') return false;
  if (id >= 0) {
    const ids = guard.exactIds;
    for (let k = 0; k < ids.length; k++) if (ids[k] === id) return true;
  }
  const prefixes = guard.prefixes;
  for (let p = 0; p < prefixes.length; p++) if (v.startsWith(prefixes[p] as string)) return true;
  return false;
}

function holdsForAny(guard: Guard): boolean {
  const { table, range } = guard;
  if (range) return inRange(range.op, table.min, table.max, range.bound);
  for (let i = 0; i < table.count; i++)
    if (holdsFor(guard, table.values[i], table.ids[i] as number)) return true;
  return false;
}

/** Whether some value between `min` and `max` can satisfy `value op bound` (false when there is none: NaN). */
function inRange(op: RangeOp, min: number, max: number, bound: number): boolean {
  switch (op) {
    case '<':
      return min < bound;
    case '<=':
      return min <= bound;
    case '>':
      return max > bound;
    case '>=':
      return max >= bound;
    default:
      return min <= bound && max >= bound;
  }
}

/** Reads the values of one field of the declaration in `frame` into its table. */
function readTable(t: Table, frame: Frame): void {
  const steps = t.dim.steps;
  const root = frame[(steps[0] as { slot: number }).slot];
  t.count = 0;
  t.min = Number.NaN;
  t.max = Number.NaN;
  const row = t.dim.row;
  if (row === undefined) {
    readValues(t, steps, 1, root, -1);
    return;
  }
  const elements = walk(steps, 1, row, root) as readonly unknown[] | undefined;
  const n = elements?.length ?? 0;
  for (let j = 0; j < n; j++) {
    const v = walk(steps, row + 1, steps.length, (elements as readonly unknown[])[j]);
    t.byRow[j] = v;
    t.byRowId[j] = typeof v === 'string' ? (t.dict.get(v) ?? -1) : -1;
    record(t, v, j);
  }
}

function walk(steps: readonly Step[], from: number, to: number, start: unknown): unknown {
  let v = start;
  for (let i = from; i < to && v != null; i++) {
    const s = steps[i] as Step;
    if (s.k === 'get') v = s.get(v);
    else if (s.k === 'country') v = typeof v === 'string' ? v.slice(0, 2) : undefined;
  }
  return v;
}

/** Reads every value at `steps` (through any number of lists) into `t`. */
function readValues(t: Table, steps: readonly Step[], from: number, start: unknown, row: number): void {
  let v = start;
  for (let i = from; i < steps.length; i++) {
    if (v == null) return;
    const s = steps[i] as Step;
    if (s.k === 'get') v = s.get(v);
    else if (s.k === 'country') v = typeof v === 'string' ? v.slice(0, 2) : undefined;
    else if (s.k === 'each') {
      const xs = v as readonly unknown[];
      for (let j = 0; j < xs.length; j++) readValues(t, steps, i + 1, xs[j], row);
      return;
    }
  }
  record(t, v, row);
}

function record(t: Table, v: unknown, row: number): void {
  if (typeof v === 'string') {
    t.values[t.count] = v;
    t.rows[t.count] = row;
    t.ids[t.count] = t.dict.get(v) ?? -1;
    t.count++;
  } else if (typeof v === 'number') {
    if (!(v >= t.min)) t.min = v;
    if (!(v <= t.max)) t.max = v;
  }
}
