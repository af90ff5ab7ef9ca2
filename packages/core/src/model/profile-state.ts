import type { DeclarationFacts, Outcome } from './declaration-facts.ts';
import { ENTITY_FIELDS } from './declaration-facts.ts';
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
  // Per group: ids -> slot, and the statistics of slot i at data[i * STAT_SIZE ...]. Profiles of two
  // fields are a map of maps keyed by the declaration's own id strings: a joined key would be a new
  // string to hash on every lookup, and scoring does ~30 lookups per declaration.
  private slots: Map<string, number | Map<string, number>>[];
  private counts: number[];
  private store: Float64Array[];
  private readonly fieldA: Int32Array;
  private readonly fieldB: Int32Array;
  inspected = 0;
  findings = 0;
  critical = 0;
  lastDay: number | undefined;

  constructor(groups: readonly ProfileGroup[] = PROFILE_GROUPS) {
    if (groups.some((g) => g.fields.length < 1 || g.fields.length > 2)) {
      throw new Error('a profile group has one or two fields');
    }
    this.groups = groups;
    this.slots = groups.map(() => new Map());
    this.counts = groups.map(() => 0);
    this.store = groups.map(() => new Float64Array(64 * STAT_SIZE));
    this.fieldA = Int32Array.from(groups, (g) => ENTITY_FIELDS.indexOf(g.fields[0]!));
    this.fieldB = Int32Array.from(groups, (g) => (g.fields[1] ? ENTITY_FIELDS.indexOf(g.fields[1]) : -1));
  }

  /** Statistics of one profile by joined key (a copy), or undefined when it has never been seen. */
  stats(group: number, key: string | undefined): Float64Array | undefined {
    if (key === undefined) return undefined;
    const [a, b] = key.split(KEY_SEP);
    const at = this.lookup(group, a, b);
    return at < 0 ? undefined : this.store[group]!.slice(at, at + STAT_SIZE);
  }

  /** Where the statistics of a declaration's profile in `group` start in {@link ProfileState.data}; -1 if never seen. */
  offsetOf(group: number, facts: DeclarationFacts): number {
    const b = this.fieldB[group]!;
    return this.lookup(group, facts.idList[this.fieldA[group]!], b < 0 ? undefined : facts.idList[b]);
  }

  private lookup(group: number, a: string | undefined, b: string | undefined): number {
    if (a === undefined) return -1;
    const hit = this.slots[group]!.get(a);
    if (hit === undefined) return -1;
    if (typeof hit === 'number') return this.fieldB[group]! < 0 ? hit * STAT_SIZE : -1;
    if (b === undefined) return -1;
    const slot = hit.get(b);
    return slot === undefined ? -1 : slot * STAT_SIZE;
  }

  /** The statistics of every profile of a group, read at {@link ProfileState.offsetOf}. */
  data(group: number): Float64Array {
    return this.store[group]!;
  }

  /** Number of profiles kept in a group. */
  size(group: number): number {
    return this.counts[group]!;
  }

  // Adds a profile; returns its offset, or -1 when the declaration lacks one of the group's fields.
  private create(group: number, a: string | undefined, b: string | undefined, day: number): number {
    if (a === undefined) return -1;
    const twoFields = this.fieldB[group]! >= 0;
    if (twoFields && b === undefined) return -1;
    const slot = this.counts[group]!++;
    const slots = this.slots[group]!;
    if (twoFields) {
      let inner = slots.get(a) as Map<string, number> | undefined;
      if (!inner) {
        inner = new Map();
        slots.set(a, inner);
      }
      inner.set(b!, slot);
    } else slots.set(a, slot);
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

  private ensure(group: number, facts: DeclarationFacts): number {
    const at = this.offsetOf(group, facts);
    if (at >= 0) return at;
    const b = this.fieldB[group]!;
    return this.create(
      group,
      facts.idList[this.fieldA[group]!],
      b < 0 ? undefined : facts.idList[b],
      facts.day,
    );
  }

  /** Every profile of a group as (joined key, offset), for snapshots. */
  private *entriesOf(group: number): Generator<[string, number]> {
    for (const [a, hit] of this.slots[group]!) {
      if (typeof hit === 'number') yield [a, hit * STAT_SIZE];
      else for (const [b, slot] of hit) yield [a + KEY_SEP + b, slot * STAT_SIZE];
    }
  }

  /** Adds one declaration (and its inspection outcome, if it was inspected) to history. */
  observe(facts: DeclarationFacts, outcome: Outcome | undefined): void {
    const logUnit = logUnitValue(facts);
    if (this.lastDay === undefined || facts.day > this.lastDay) this.lastDay = facts.day;
    for (let g = 0; g < this.groups.length; g++) {
      const at = this.ensure(g, facts);
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
    for (let g = 0; g < this.groups.length; g++) {
      const at = this.offsetOf(g, facts);
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
    copy.slots = this.slots.map(
      (m) => new Map([...m].map(([k, v]) => [k, typeof v === 'number' ? v : new Map(v)] as const)),
    );
    copy.counts = [...this.counts];
    copy.store = this.store.map((d) => d.slice());
    return copy;
  }

  toJSON(): ProfileStateJson {
    return {
      groups: this.groups.map((g) => g.name),
      global: { inspected: this.inspected, findings: this.findings, critical: this.critical },
      lastDay: this.lastDay ?? null,
      entries: this.slots.map((_, g) => {
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
        const offset = state.create(g, a, b, 0);
        const data = state.store[g]!;
        for (let c = 0; c < at.length; c++) data[offset + at[c]!] = values[i * at.length + c]!;
      });
    });
    return state;
  }
}

/** Log of value per kg; undefined without a positive mass and value. */
export function logUnitValue(f: DeclarationFacts): number | undefined {
  return f.massKg && f.massKg > 0 && f.value > 0 ? Math.log(f.value / f.massKg) : undefined;
}

// Sums of logs do not need 17 digits; 9 significant digits keep JSON small and scores identical to ~1e-9.
function roundStat(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(9));
}
