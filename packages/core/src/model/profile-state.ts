import type { DeclarationFacts, Outcome } from './declaration-facts.ts';
import { PROFILE_GROUPS, type ProfileGroup, profileKeys } from './profile-groups.ts';

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
  private readonly maps: Map<string, Float64Array>[];
  inspected = 0;
  findings = 0;
  critical = 0;
  lastDay: number | undefined;

  constructor(groups: readonly ProfileGroup[] = PROFILE_GROUPS) {
    this.groups = groups;
    this.maps = groups.map(() => new Map());
  }

  /** Statistics of one profile, or undefined when it has never been seen. */
  stats(group: number, key: string | undefined): Float64Array | undefined {
    return key === undefined ? undefined : this.maps[group]!.get(key);
  }

  /** Number of profiles kept in a group. */
  size(group: number): number {
    return this.maps[group]!.size;
  }

  /** Adds one declaration (and its inspection outcome, if it was inspected) to history. */
  observe(
    facts: DeclarationFacts,
    outcome: Outcome | undefined,
    keys = profileKeys(facts, this.groups),
  ): void {
    const logUnit = logUnitValue(facts);
    if (this.lastDay === undefined || facts.day > this.lastDay) this.lastDay = facts.day;
    for (let g = 0; g < keys.length; g++) {
      const key = keys[g];
      if (key === undefined) continue;
      const map = this.maps[g]!;
      let s = map.get(key);
      if (!s) {
        s = new Float64Array(STAT_SIZE);
        s[STAT.firstDay] = facts.day;
        s[STAT.lastDay] = facts.day;
        map.set(key, s);
      }
      s[STAT.seen]!++;
      if (facts.day < s[STAT.firstDay]!) s[STAT.firstDay] = facts.day;
      if (facts.day > s[STAT.lastDay]!) s[STAT.lastDay] = facts.day;
      if (logUnit !== undefined) {
        s[STAT.valueCount]!++;
        s[STAT.valueSum]! += logUnit;
        s[STAT.valueSq]! += logUnit * logUnit;
      }
    }
    if (outcome) this.recordOutcome(facts, outcome, keys);
  }

  /**
   * Adds the outcome of an inspection of a declaration already observed
   * without one: results come back after the declaration was lodged.
   */
  recordOutcome(facts: DeclarationFacts, outcome: Outcome, keys = profileKeys(facts, this.groups)): void {
    this.inspected++;
    if (outcome.finding) this.findings++;
    if (outcome.critical) this.critical++;
    for (let g = 0; g < keys.length; g++) {
      const key = keys[g];
      const s = key === undefined ? undefined : this.maps[g]!.get(key);
      if (!s) continue;
      s[STAT.inspected]!++;
      if (outcome.finding) s[STAT.findings]!++;
      if (outcome.critical) s[STAT.critical]!++;
    }
  }

  /** A deep copy: later observations on either do not reach the other. */
  clone(): ProfileState {
    const copy = new ProfileState(this.groups);
    copy.inspected = this.inspected;
    copy.findings = this.findings;
    copy.critical = this.critical;
    copy.lastDay = this.lastDay;
    this.maps.forEach((m, g) => {
      const target = copy.maps[g]!;
      for (const [k, s] of m) target.set(k, s.slice());
    });
    return copy;
  }

  toJSON(): ProfileStateJson {
    return {
      groups: this.groups.map((g) => g.name),
      global: { inspected: this.inspected, findings: this.findings, critical: this.critical },
      lastDay: this.lastDay ?? null,
      entries: this.maps.map((m, g) => {
        const columns = columnsOf(this.groups[g]!);
        const keys: string[] = [];
        const values: number[] = [];
        for (const [k, s] of m) {
          keys.push(k);
          for (const c of columns) values.push(roundStat(s[STAT[c]]!));
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
      const map = state.maps[g]!;
      const at = columns.map((c) => STAT[c]);
      keys.forEach((k, i) => {
        const s = new Float64Array(STAT_SIZE);
        for (let c = 0; c < at.length; c++) s[at[c]!] = values[i * at.length + c]!;
        map.set(k, s);
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
