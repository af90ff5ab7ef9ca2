import type { DeclarationFacts, Outcome } from './declaration-facts.ts';
import { ENTITY_FIELDS } from './declaration-facts.ts';
import { PairTable } from './pair-table.ts';
import { PROFILE_GROUPS, type ProfileGroup } from './profile-groups.ts';

/** Positions in a profile's statistics vector. */
export const STAT = {
  seen: 0,
  inspected: 1,
  findings: 2,
  critical: 3,
  firstDay: 4,
  lastDay: 5,
  valueCount: 6,
  valueSum: 7,
  valueSq: 8,
} as const;
const STAT_SIZE = 9;
/** Separator of the fields of a two-field profile key (`importer` + SEP + `hs6`). */
export const KEY_SEP = '\u001f';

type StatName = keyof typeof STAT;

/** Bits of {@link ProfileState.groupFlags}: which optional features a group has. */
export const GROUP_CRITICAL = 1;
export const GROUP_PARTY = 2;
export const GROUP_BAND = 4;

/**
 * A profile state in JSON, column by column: per group, the profile keys and
 * a flat list of `keys.length * columns.length` numbers. Only the statistics
 * a group's features read are kept, which makes a snapshot several times
 * smaller than the state in memory.
 */
export interface ProfileStateJson {
  groups: string[];
  global: { inspected: number; findings: number; critical: number };
  lastDay: number | null;
  entries: { columns: StatName[]; keys: string[]; values: number[] }[];
}

function columnsOf(g: ProfileGroup): StatName[] {
  const cols: StatName[] = ['seen', 'inspected', 'findings'];
  if (g.critical) cols.push('critical');
  if (g.party) cols.push('firstDay', 'lastDay');
  if (g.band) cols.push('valueCount', 'valueSum', 'valueSq');
  return cols;
}

/**
 * History of past declarations and inspection outcomes, as counts per
 * profile (importer, HS6, importer+HS6...). Counts only ever grow through
 * {@link ProfileState.observe}, and features read them before the day's
 * declarations are observed, so a declaration's features depend on earlier
 * days alone.
 *
 * @example
 * const state = new ProfileState();
 * state.observe(facts, { finding: true });
 * state.stats(0, 'QLRUBN9')?.[STAT.findings] // 1
 */
export class ProfileState {
  readonly groups: readonly ProfileGroup[];
  /**
   * Per group, GROUP_CRITICAL | GROUP_PARTY | GROUP_BAND: the group objects
   * have different shapes, and reading their properties in the scoring loop
   * was a megamorphic lookup per group.
   */
  readonly groupFlags: Uint8Array;
  // Scoring does one string lookup per entity field (importer id -> small integer, shared by every
  // profile that includes the importer), then finds each profile by integers: an Int32Array indexed by
  // entity id for one-field groups, a typed-array hash table of id pairs for two-field groups. String
  // maps per profile cost ~30 hashed lookups per declaration and were half of the scoring time.
  private entityIds: Map<string, number>[];
  private entityNames: string[][];
  private singleSlots: Int32Array[];
  private pairSlots: PairTable[];
  // Entity ids of each profile (slot), for snapshots.
  private slotA: Int32Array[];
  private slotB: Int32Array[];
  // Statistics of slot i of a group at store[group][i * STAT_SIZE ...].
  private counts: number[];
  private store: Float64Array[];
  private readonly fieldA: Int32Array;
  private readonly fieldB: Int32Array;
  private readonly usedFields: Int32Array;
  private readonly entityScratch: Int32Array;
  private readonly offsets: Int32Array;
  inspected = 0;
  findings = 0;
  critical = 0;
  lastDay: number | undefined;

  constructor(groups: readonly ProfileGroup[] = PROFILE_GROUPS) {
    if (groups.some((g) => g.fields.length < 1 || g.fields.length > 2)) {
      throw new Error('a profile group has one or two fields');
    }
    this.groups = groups;
    this.groupFlags = Uint8Array.from(
      groups,
      (g) => (g.critical ? GROUP_CRITICAL : 0) | (g.party ? GROUP_PARTY : 0) | (g.band ? GROUP_BAND : 0),
    );
    this.entityIds = ENTITY_FIELDS.map(() => new Map());
    this.entityNames = ENTITY_FIELDS.map(() => []);
    this.singleSlots = groups.map(() => new Int32Array(64).fill(-1));
    this.pairSlots = groups.map(() => new PairTable());
    this.slotA = groups.map(() => new Int32Array(64));
    this.slotB = groups.map(() => new Int32Array(64));
    this.counts = groups.map(() => 0);
    this.store = groups.map(() => new Float64Array(64 * STAT_SIZE));
    this.fieldA = Int32Array.from(groups, (g) => ENTITY_FIELDS.indexOf(g.fields[0]!));
    this.fieldB = Int32Array.from(groups, (g) => (g.fields[1] ? ENTITY_FIELDS.indexOf(g.fields[1]) : -1));
    this.usedFields = Int32Array.from(
      new Set(groups.flatMap((g) => g.fields.map((f) => ENTITY_FIELDS.indexOf(f)))),
    );
    this.entityScratch = new Int32Array(ENTITY_FIELDS.length);
    this.offsets = new Int32Array(groups.length);
  }

  /** Statistics of one profile by joined key (a copy), or undefined when it has never been seen. */
  stats(group: number, key: string | undefined): Float64Array | undefined {
    if (key === undefined) return undefined;
    const [a, b] = key.split(KEY_SEP);
    const ia = a === undefined ? -1 : (this.entityIds[this.fieldA[group]!]!.get(a) ?? -1);
    const fb = this.fieldB[group]!;
    const ib = fb < 0 || b === undefined ? -1 : (this.entityIds[fb]!.get(b) ?? -1);
    const slot = this.slotOf(group, ia, ib);
    const at = slot * STAT_SIZE;
    return slot < 0 ? undefined : this.store[group]!.slice(at, at + STAT_SIZE);
  }

  /** Where the statistics of a declaration's profile in `group` start in {@link ProfileState.data}; -1 if never seen. */
  offsetOf(group: number, facts: DeclarationFacts): number {
    return Math.max(-1, this.resolve(facts)[group]!);
  }

  /**
   * {@link ProfileState.offsetOf} for every group at once, each entity id
   * looked up once: -1 for a profile never seen, -2 when the declaration
   * lacks one of the group's fields. The array is reused by the next call.
   */
  resolve(facts: DeclarationFacts): Int32Array {
    const e = this.entityScratch;
    const used = this.usedFields;
    const ids = facts.idList;
    for (let i = 0; i < used.length; i++) {
      const k = used[i]!;
      const id = ids[k];
      e[k] = id === undefined ? -2 : (this.entityIds[k]!.get(id) ?? -1);
    }
    const out = this.offsets;
    for (let g = 0; g < out.length; g++) {
      const a = e[this.fieldA[g]!]!;
      const fb = this.fieldB[g]!;
      const b = fb < 0 ? 0 : e[fb]!;
      if (a === -2 || b === -2) out[g] = -2;
      else {
        const slot = a < 0 || b < 0 ? -1 : this.slotOf(g, a, b);
        out[g] = slot < 0 ? -1 : slot * STAT_SIZE;
      }
    }
    return out;
  }

  private slotOf(group: number, a: number, b: number): number {
    if (a < 0) return -1;
    if (this.fieldB[group]! < 0) {
      const single = this.singleSlots[group]!;
      return a < single.length ? single[a]! : -1;
    }
    return b < 0 ? -1 : this.pairSlots[group]!.get(a, b);
  }

  /** The statistics of every profile of a group, read at {@link ProfileState.offsetOf}. */
  data(group: number): Float64Array {
    return this.store[group]!;
  }

  /** Number of profiles kept in a group. */
  size(group: number): number {
    return this.counts[group]!;
  }

  private intern(field: number, id: string): number {
    const ids = this.entityIds[field]!;
    let n = ids.get(id);
    if (n === undefined) {
      n = ids.size;
      ids.set(id, n);
      this.entityNames[field]!.push(id);
    }
    return n;
  }

  // Adds a profile for interned ids; returns its offset.
  private create(group: number, a: number, b: number, day: number): number {
    const slot = this.counts[group]!++;
    if (this.fieldB[group]! >= 0) this.pairSlots[group]!.set(a, b, slot);
    else {
      let single = this.singleSlots[group]!;
      if (a >= single.length) {
        const grown = new Int32Array(Math.max(a + 1, single.length * 2)).fill(-1);
        grown.set(single);
        this.singleSlots[group] = single = grown;
      }
      single[a] = slot;
    }
    if (slot >= this.slotA[group]!.length) {
      this.slotA[group] = grow(this.slotA[group]!);
      this.slotB[group] = grow(this.slotB[group]!);
    }
    this.slotA[group]![slot] = a;
    this.slotB[group]![slot] = b;
    let data = this.store[group]!;
    if ((slot + 1) * STAT_SIZE > data.length) {
      const grown = new Float64Array(data.length * 2);
      grown.set(data);
      this.store[group] = grown;
      data = grown;
    }
    const at = slot * STAT_SIZE;
    data[at + STAT.firstDay] = day;
    data[at + STAT.lastDay] = day;
    return at;
  }

  // Offset of a profile by the ids as strings, created if new; -1 when a field the group needs is absent.
  private ensureIds(group: number, a: string | undefined, b: string | undefined, day: number): number {
    if (a === undefined) return -1;
    const fb = this.fieldB[group]!;
    if (fb >= 0 && b === undefined) return -1;
    const ia = this.intern(this.fieldA[group]!, a);
    const ib = fb < 0 ? 0 : this.intern(fb, b!);
    const slot = this.slotOf(group, ia, ib);
    return slot >= 0 ? slot * STAT_SIZE : this.create(group, ia, ib, day);
  }

  // Offsets of a declaration's profiles in every group, creating the new ones (-1 where a field is absent).
  private ensureAll(facts: DeclarationFacts): Int32Array {
    const e = this.entityScratch;
    const used = this.usedFields;
    for (let i = 0; i < used.length; i++) {
      const k = used[i]!;
      const id = facts.idList[k];
      e[k] = id === undefined ? -1 : this.intern(k, id);
    }
    const out = this.offsets;
    for (let g = 0; g < out.length; g++) {
      const a = e[this.fieldA[g]!]!;
      const fb = this.fieldB[g]!;
      const b = fb < 0 ? 0 : e[fb]!;
      if (a < 0 || b < 0) out[g] = -1;
      else {
        const slot = this.slotOf(g, a, b);
        out[g] = slot >= 0 ? slot * STAT_SIZE : this.create(g, a, b, facts.day);
      }
    }
    return out;
  }

  /**
   * Every profile of a group as (joined key, offset), for snapshots. Two-field
   * profiles come grouped by their first field, in the order that field was
   * first seen, as the nested maps of earlier versions wrote them: the same
   * history gives the same snapshot, byte for byte.
   */
  private *entriesOf(group: number): Generator<[string, number]> {
    const count = this.counts[group]!;
    const slotA = this.slotA[group]!;
    const slotB = this.slotB[group]!;
    const namesA = this.entityNames[this.fieldA[group]!]!;
    const fb = this.fieldB[group]!;
    if (fb < 0) {
      for (let s = 0; s < count; s++) yield [namesA[slotA[s]!]!, s * STAT_SIZE];
      return;
    }
    const namesB = this.entityNames[fb]!;
    const byA = new Map<number, number[]>();
    for (let s = 0; s < count; s++) {
      const a = slotA[s]!;
      const list = byA.get(a);
      if (list) list.push(s);
      else byA.set(a, [s]);
    }
    for (const [a, list] of byA) {
      for (const s of list) yield [namesA[a]! + KEY_SEP + namesB[slotB[s]!]!, s * STAT_SIZE];
    }
  }

  /** Adds one declaration (and its inspection outcome, if it was inspected) to history. */
  observe(facts: DeclarationFacts, outcome: Outcome | undefined): void {
    const logUnit = logUnitValue(facts);
    if (this.lastDay === undefined || facts.day > this.lastDay) this.lastDay = facts.day;
    const offsets = this.ensureAll(facts);
    for (let g = 0; g < this.groups.length; g++) {
      const at = offsets[g]!;
      if (at < 0) continue;
      const s = this.store[g]!;
      s[at + STAT.seen]!++;
      if (facts.day < s[at + STAT.firstDay]!) s[at + STAT.firstDay] = facts.day;
      if (facts.day > s[at + STAT.lastDay]!) s[at + STAT.lastDay] = facts.day;
      if (logUnit !== undefined) {
        s[at + STAT.valueCount]!++;
        s[at + STAT.valueSum]! += logUnit;
        s[at + STAT.valueSq]! += logUnit * logUnit;
      }
    }
    if (outcome) this.recordOutcome(facts, outcome);
  }

  /**
   * Adds the outcome of an inspection of a declaration already observed
   * without one: results come back after the declaration was lodged.
   */
  recordOutcome(facts: DeclarationFacts, outcome: Outcome): void {
    this.inspected++;
    if (outcome.finding) this.findings++;
    if (outcome.critical) this.critical++;
    const offsets = this.resolve(facts);
    for (let g = 0; g < this.groups.length; g++) {
      const at = offsets[g]!;
      if (at < 0) continue;
      const s = this.store[g]!;
      s[at + STAT.inspected]!++;
      if (outcome.finding) s[at + STAT.findings]!++;
      if (outcome.critical) s[at + STAT.critical]!++;
    }
  }

  /** A deep copy: later observations on either do not reach the other. */
  clone(): ProfileState {
    const copy = new ProfileState(this.groups);
    copy.inspected = this.inspected;
    copy.findings = this.findings;
    copy.critical = this.critical;
    copy.lastDay = this.lastDay;
    copy.entityIds = this.entityIds.map((m) => new Map(m));
    copy.entityNames = this.entityNames.map((n) => [...n]);
    copy.singleSlots = this.singleSlots.map((d) => d.slice());
    copy.pairSlots = this.pairSlots.map((t) => t.clone());
    copy.slotA = this.slotA.map((d) => d.slice());
    copy.slotB = this.slotB.map((d) => d.slice());
    copy.counts = [...this.counts];
    copy.store = this.store.map((d) => d.slice());
    return copy;
  }

  toJSON(): ProfileStateJson {
    return {
      groups: this.groups.map((g) => g.name),
      global: { inspected: this.inspected, findings: this.findings, critical: this.critical },
      lastDay: this.lastDay ?? null,
      entries: this.groups.map((_, g) => {
        const columns = columnsOf(this.groups[g]!);
        const keys: string[] = [];
        const values: number[] = [];
        const data = this.store[g]!;
        for (const [k, at] of this.entriesOf(g)) {
          keys.push(k);
          for (const c of columns) values.push(roundStat(data[at + STAT[c]]!));
        }
        return { columns, keys, values };
      }),
    };
  }

  /** Restores a state written by {@link ProfileState.toJSON}; the group list must match. */
  static fromJSON(json: ProfileStateJson, groups: readonly ProfileGroup[] = PROFILE_GROUPS): ProfileState {
    const names = groups.map((g) => g.name).join(',');
    if (json.groups.join(',') !== names) {
      throw new Error(`profile groups differ: expected ${names}, got ${json.groups.join(',')}`);
    }
    const state = new ProfileState(groups);
    state.inspected = json.global.inspected;
    state.findings = json.global.findings;
    state.critical = json.global.critical;
    state.lastDay = json.lastDay ?? undefined;
    json.entries.forEach(({ columns, keys, values }, g) => {
      const at = columns.map((c) => STAT[c]);
      state.store[g] = new Float64Array(Math.max(64, keys.length * 2) * STAT_SIZE);
      keys.forEach((k, i) => {
        const [a, b] = k.split(KEY_SEP);
        const offset = state.ensureIds(g, a, b, 0);
        const data = state.store[g]!;
        for (let c = 0; c < at.length; c++) data[offset + at[c]!] = values[i * at.length + c]!;
      });
    });
    return state;
  }
}

function grow(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

/** Log of value per kg; undefined without a positive mass and value. */
export function logUnitValue(f: DeclarationFacts): number | undefined {
  return f.massKg && f.massKg > 0 && f.value > 0 ? Math.log(f.value / f.massKg) : undefined;
}

// Sums of logs do not need 17 digits; 9 significant digits keep JSON small and scores identical to ~1e-9.
function roundStat(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(9));
}
