import { readFileSync } from 'node:fs';
import {
  type CompiledRuleset,
  type ConditionLocator,
  compileRuleset,
  formatRuleProblem,
  loadListsFromYaml,
  loadRulesFromJson,
  loadRulesFromYaml,
  type ReferenceList,
  type Rule,
  type RuleProblem,
} from '@sieve/core/rules';
import {
  type BandOptions,
  type CommodityLookout,
  deriveHistoryLists,
  type HistoryListSpec,
  type HistoryRow,
  loadHistorySpecs,
  loadLookoutsFromYaml,
  parseScoringPolicy,
  type ScoringPolicy,
} from '@sieve/core/scoring';
import type { Store } from '@sieve/store';
import { parse as parseYaml } from 'yaml';

/** An error whose message lists every problem of a rules or lists file, with positions. */
export class RulesFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly RuleProblem[],
  ) {
    super(
      `${file}: ${problems.length} problem${problems.length > 1 ? 's' : ''}\n${problems
        .map((p) => `  ${formatRuleProblem(p)}`)
        .join('\n')}`,
    );
    this.name = 'RulesFileError';
  }
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
}

/** Rules from a YAML or JSON file, with locators that map condition positions to file lines. */
export function readRulesFile(path: string): { rules: Rule[]; locators: (ConditionLocator | undefined)[] } {
  const text = read(path);
  const loaded = path.toLowerCase().endsWith('.json') ? loadRulesFromJson(text) : loadRulesFromYaml(text);
  if (!loaded.ok) throw new RulesFileError(path, loaded.problems);
  return { rules: loaded.rules, locators: loaded.locators };
}

/** Reference lists from YAML or JSON files. */
export function readListFiles(paths: readonly string[]): ReferenceList[] {
  return paths.flatMap((path) => {
    const loaded = loadListsFromYaml(read(path));
    if (!loaded.ok) throw new RulesFileError(path, loaded.problems);
    return loaded.lists;
  });
}

/** Commodity lookouts from YAML or JSON files. */
export function readLookoutFiles(paths: readonly string[]): CommodityLookout[] {
  return paths.flatMap((path) => {
    const loaded = loadLookoutsFromYaml(read(path));
    if (!loaded.ok) throw new Error(`${path}:\n  ${loaded.problems.join('\n  ')}`);
    return loaded.lookouts;
  });
}

/** Specifications of lists derived from history. */
export function readHistorySpecs(path: string | undefined): HistoryListSpec[] {
  return path ? loadHistorySpecs(read(path)) : [];
}

/** A scoring policy file (YAML or JSON); `seed` may be left out and given here. */
export function readPolicyFile(path: string, seed?: string): ScoringPolicy {
  const doc = parseYaml(read(path)) as Record<string, unknown> | null;
  return parseScoringPolicy({ ...(doc ?? {}), ...(seed ? { seed } : {}) });
}

/**
 * Empty stand-ins for lists derived from history, with the right name and
 * type, so rules can be checked before any history is at hand.
 */
export function placeholderLists(specs: readonly HistoryListSpec[]): ReferenceList[] {
  return deriveHistoryLists([], specs);
}

/** Compiles rules against lists, throwing every problem with its file position. */
export function compileFile(
  file: string,
  rules: readonly Rule[],
  lists: readonly ReferenceList[],
  locators?: readonly (ConditionLocator | undefined)[],
): CompiledRuleset {
  const r = compileRuleset(rules, { lists, ...(locators ? { locators } : {}) });
  if (!r.ok) throw new RulesFileError(file, r.problems);
  return r.ruleset;
}

/**
 * `kg:5-95` -> per-kg bands at the 5th and 95th percentiles; `unit` -> per
 * unit at the defaults (10th and 90th).
 */
export function parseBandsOption(spec: string): BandOptions {
  const m = /^(unit|kg)(?::(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?))?$/.exec(spec);
  if (!m)
    throw new Error(`--bands expects unit or kg, optionally with percentiles such as kg:5-95, not "${spec}"`);
  return {
    basis: m[1] as 'unit' | 'kg',
    ...(m[2] ? { low: Number(m[2]) } : {}),
    ...(m[3] ? { high: Number(m[3]) } : {}),
  };
}

/**
 * History rows from the store: every declaration in lodgement order with
 * whether an inspection of it found something (one query for the outcomes).
 */
export async function storedHistory(store: Store): Promise<HistoryRow[]> {
  const outcomes = new Map<string, boolean>();
  const rows = await store.sql.query<{ declaration_id: string; finding: boolean }>(
    `SELECT declaration_id, bool_or(outcome = 'finding') AS finding FROM inspection_results GROUP BY declaration_id`,
  );
  for (const r of rows) outcomes.set(r.declaration_id, r.finding);
  const out: HistoryRow[] = [];
  for await (const declaration of store.declarations.inLodgementOrder()) {
    const finding = outcomes.get(declaration.id);
    out.push(finding === undefined ? { declaration } : { declaration, outcome: { finding } });
  }
  return out;
}
