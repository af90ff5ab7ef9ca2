import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Declaration } from '../domain/declaration.ts';
import type { ListEntry, ListType, ReferenceList } from '../rules/reference-list.ts';
import { ScoringError } from './scoring-error.ts';

/** What a list derived from history is keyed by. */
export const HISTORY_KEYS = [
  'importer',
  'declarant',
  'seller',
  'exporter',
  'consignee',
  'carrier',
  'hs2',
  'hs4',
  'hs6',
  'origin',
  'dispatch',
] as const;
export type HistoryKey = (typeof HISTORY_KEYS)[number];

const LIST_TYPE: Record<HistoryKey, ListType> = {
  importer: 'party',
  declarant: 'party',
  seller: 'party',
  exporter: 'party',
  consignee: 'party',
  carrier: 'party',
  hs2: 'hs_prefix',
  hs4: 'hs_prefix',
  hs6: 'hs_prefix',
  origin: 'country',
  dispatch: 'country',
};

/**
 * How to derive one reference list from past declarations and inspection
 * outcomes. Without `minInspections`, the list holds every key seen on at
 * least `minDeclarations` declarations (e.g. known importers, so that a rule
 * can flag newcomers). With it, the list holds the keys whose past
 * inspections found something at least `minFindingRate` of the time, and at
 * least `minLift` times the average (risk profiles: an importer, an HS code).
 */
export const historyListSpecSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, { message: 'expected a list name in lower case with underscores' }),
    description: z.string().max(1024).optional(),
    key: z.enum(HISTORY_KEYS, { message: `expected one of ${HISTORY_KEYS.join(', ')}` }),
    minDeclarations: z.number().int().positive().default(1),
    minInspections: z.number().int().positive().optional(),
    minFindingRate: z.number().min(0).max(1).default(0),
    minLift: z.number().nonnegative().default(0),
  })
  .strict();
export type HistoryListSpec = z.infer<typeof historyListSpecSchema>;

/**
 * Reads list specifications from YAML or JSON text: a list, or `{ history: [...] }`.
 *
 * @example loadHistorySpecs(readFileSync('rules/examples/kcs.history.yaml', 'utf8'))
 */
export function loadHistorySpecs(text: string): HistoryListSpec[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ScoringError(
      'SIEVE_ERR_HISTORY_SPEC_INVALID',
      `not valid YAML: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const items = Array.isArray(doc) ? doc : (doc as { history?: unknown } | null)?.history;
  const r = z.array(historyListSpecSchema).safeParse(items);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || '(history)'}: ${i.message}`);
  throw new ScoringError('SIEVE_ERR_HISTORY_SPEC_INVALID', `invalid history lists: ${problems.join('; ')}`);
}

/** One past declaration and, when it was inspected, whether something was found. */
export interface HistoryRow {
  readonly declaration: Declaration;
  readonly outcome?: { readonly finding: boolean };
}

interface Tally {
  declarations: number;
  inspections: number;
  findings: number;
  first: string;
  last: string;
}

/**
 * Derives reference lists from history: risk profiles (parties, HS codes,
 * countries whose past inspections often found something) and lists of what
 * is known (every importer seen). Each entry's reason quotes the figures, so
 * an officer reading an explanation sees why the importer is on the list.
 * Pure; the lists get `version` (the caller's next version).
 *
 * @example
 * deriveHistoryLists(rows, [{ name: 'risky_hs6', key: 'hs6', minDeclarations: 1, minInspections: 5, minFindingRate: 0.5, minLift: 0 }])
 * // [{ name: 'risky_hs6', type: 'hs_prefix', entries: [{ value: '350400', reason: '11 of 14 past inspections found something (79%; average 22%)' }], ... }]
 */
export function deriveHistoryLists(
  rows: Iterable<HistoryRow>,
  specs: readonly HistoryListSpec[],
  options: { version?: number; source?: string } = {},
): ReferenceList[] {
  const keys = [...new Set(specs.map((s) => s.key))];
  const tallies = new Map<HistoryKey, Map<string, Tally>>(keys.map((k) => [k, new Map()]));
  let inspections = 0;
  let findings = 0;
  for (const row of rows) {
    if (row.outcome) {
      inspections++;
      if (row.outcome.finding) findings++;
    }
    for (const k of keys) {
      const t = tallies.get(k)!;
      for (const value of keyValues(row.declaration, k)) count(t, value, row);
    }
  }
  const average = inspections > 0 ? findings / inspections : 0;
  return specs.map((spec) => {
    const t = tallies.get(spec.key)!;
    const entries: ListEntry[] = [];
    for (const [value, s] of [...t].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (s.declarations < spec.minDeclarations) continue;
      if (spec.minInspections === undefined) {
        entries.push({ value, reason: seenReason(s) });
        continue;
      }
      if (s.inspections < spec.minInspections) continue;
      const rate = s.findings / s.inspections;
      if (rate < spec.minFindingRate || (average > 0 && rate / average < spec.minLift)) continue;
      entries.push({ value, reason: rateReason(s, rate, average) });
    }
    const description =
      spec.description ??
      `Derived from history${options.source ? ` (${options.source})` : ''} by key ${spec.key}.`;
    return {
      name: spec.name,
      type: LIST_TYPE[spec.key],
      version: options.version ?? 1,
      description,
      entries,
    };
  });
}

function count(t: Map<string, Tally>, value: string, row: HistoryRow): void {
  const at = row.declaration.lodgedAt;
  let s = t.get(value);
  if (!s) {
    s = { declarations: 0, inspections: 0, findings: 0, first: at, last: at };
    t.set(value, s);
  }
  s.declarations++;
  if (at < s.first) s.first = at;
  if (at > s.last) s.last = at;
  if (row.outcome) {
    s.inspections++;
    if (row.outcome.finding) s.findings++;
  }
}

/** The values of a key on a declaration: one per party, one per distinct item code or origin. */
function keyValues(d: Declaration, k: HistoryKey): string[] {
  switch (k) {
    case 'importer':
    case 'declarant':
    case 'seller':
    case 'exporter':
    case 'consignee':
    case 'carrier': {
      const id = d[k]?.id;
      return id ? [id] : [];
    }
    case 'hs2':
    case 'hs4':
    case 'hs6': {
      const n = Number(k.slice(2));
      return [...new Set(d.items.map((i) => i.hsCode.slice(0, n)))];
    }
    case 'origin':
      return [...new Set(d.items.flatMap((i) => (i.origin ? [i.origin] : [])))];
    case 'dispatch':
      return d.dispatchCountry ? [d.dispatchCountry] : [];
  }
}

function rateReason(s: Tally, rate: number, average: number): string {
  return `${s.findings} of ${s.inspections} past inspections found something (${pct(rate)}; average ${pct(average)})`;
}

function seenReason(s: Tally): string {
  return `seen on ${s.declarations} declaration${s.declarations > 1 ? 's' : ''}, ${s.first.slice(0, 10)} to ${s.last.slice(0, 10)}`;
}

function pct(x: number): string {
  return `${Math.round(100 * x)}%`;
}
