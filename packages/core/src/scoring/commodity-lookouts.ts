import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { CargoReport } from '../domain/cargo-report.ts';
import type { Declaration } from '../domain/declaration.ts';
import type { Lane } from '../ensemble/ensemble.ts';
import {
  type ListMatcher,
  listMatcher,
  type ReferenceList,
  referenceListSchema,
} from '../rules/reference-list.ts';
import { RULE_CATEGORIES, type RuleCategory } from '../rules/rule.ts';

/**
 * A commodity lookout: an HS-based list of goods that deserve attention
 * whatever else the declaration says (chemical weapons precursors, CITES
 * species, dual-use goods), with the reason for each entry. A match is
 * flagged in the assessment with the list, the entry and its reason; it adds
 * `points` to its category and raises the lane to at least `lane`.
 *
 * The entries are an `hs_prefix` reference list, so rules can also test
 * `item.hsCode in list("cwc_precursors")`.
 */
export interface CommodityLookout {
  readonly list: ReferenceList;
  readonly title: string;
  readonly category: RuleCategory;
  readonly points: number;
  readonly lane?: Exclude<Lane, 'green'>;
}

/** One lookout entry matched by an item of the declaration or a bill of its cargo report. */
export interface LookoutMatch {
  readonly lookout: string;
  readonly version: number;
  readonly title: string;
  readonly category: RuleCategory;
  readonly points: number;
  readonly lane?: Exclude<Lane, 'green'>;
  /** The HS code declared, and the lookout entry (a prefix of it) it matched. */
  readonly hsCode: string;
  readonly entry: string;
  readonly reason?: string;
  /** Where the code was read: `item 1`, `bill OCLU-77120`. */
  readonly where: string;
}

const lookoutSchema = z
  .object({
    name: z.string(),
    version: z.number().int().positive().default(1),
    title: z.string().min(1).max(200),
    description: z.string().max(1024).optional(),
    category: z.enum(RULE_CATEGORIES, { message: `expected one of ${RULE_CATEGORIES.join(', ')}` }),
    points: z.number().finite().default(0),
    lane: z.enum(['red', 'yellow', 'blue']).optional(),
    entries: z.array(z.unknown()).min(1, { message: 'expected at least one HS code or prefix' }),
  })
  .strict();

export type LoadedLookouts = { ok: true; lookouts: CommodityLookout[] } | { ok: false; problems: string[] };

/**
 * Reads commodity lookouts from YAML or JSON text: a list, or `{ lookouts: [...] }`.
 * Entries are HS codes or prefixes, plain or `{ value, reason }`.
 *
 * @example loadLookoutsFromYaml(readFileSync('rules/examples/lookouts/cwc-precursors.yaml', 'utf8'))
 */
export function loadLookoutsFromYaml(text: string): LoadedLookouts {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { ok: false, problems: [`not valid YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
  const items = Array.isArray(doc) ? doc : (doc as { lookouts?: unknown } | null)?.lookouts;
  if (!Array.isArray(items)) return { ok: false, problems: ['expected a list of lookouts, or "lookouts:"'] };
  const lookouts: CommodityLookout[] = [];
  const problems: string[] = [];
  items.forEach((raw, i) => {
    const r = parseLookout(raw);
    if (r.ok) lookouts.push(r.lookout);
    else problems.push(...r.problems.map((p) => `lookout #${i + 1}: ${p}`));
  });
  return problems.length ? { ok: false, problems } : { ok: true, lookouts };
}

/**
 * Validates one lookout (a file entry or a database row).
 *
 * @example parseLookout({ name: 'cwc_precursors', title: 'CWC precursors', category: 'strategic', entries: ['281219'] })
 */
export function parseLookout(
  raw: unknown,
): { ok: true; lookout: CommodityLookout } | { ok: false; problems: string[] } {
  const head = lookoutSchema.safeParse(raw);
  if (!head.success) return { ok: false, problems: head.error.issues.map(issueText) };
  const h = head.data;
  const list = referenceListSchema.safeParse({
    name: h.name,
    type: 'hs_prefix',
    version: h.version,
    description: h.description ?? h.title,
    entries: h.entries,
  });
  if (!list.success) return { ok: false, problems: list.error.issues.map(issueText) };
  const lookout: CommodityLookout = {
    list: list.data,
    title: h.title,
    category: h.category,
    points: h.points,
  };
  return { ok: true, lookout: h.lane ? { ...lookout, lane: h.lane } : lookout };
}

/** A lookout as a plain object, for files and database rows (inverse of {@link parseLookout}). */
export function lookoutToJson(l: CommodityLookout): Record<string, unknown> {
  return {
    name: l.list.name,
    version: l.list.version,
    title: l.title,
    ...(l.list.description ? { description: l.list.description } : {}),
    category: l.category,
    points: l.points,
    ...(l.lane ? { lane: l.lane } : {}),
    entries: l.list.entries,
  };
}

function issueText(i: z.core.$ZodIssue): string {
  return `${i.path.join('.') || '(lookout)'}: ${i.message}`;
}

/** Matches declarations against a set of lookouts. */
export interface LookoutScreen {
  readonly versions: Readonly<Record<string, number>>;
  match(declaration: Declaration, cargo?: CargoReport): LookoutMatch[];
}

/**
 * Prepares lookouts for matching: one longest-prefix lookup per HS code and
 * lookout. Every item of the declaration is matched, and every bill of the
 * cargo report when one is given.
 *
 * @example lookoutScreen(lookouts).match(declaration)[0]?.reason // 'arsenic trichloride: CWC schedule 2'
 */
export function lookoutScreen(lookouts: readonly CommodityLookout[]): LookoutScreen {
  const matchers: { lookout: CommodityLookout; matcher: ListMatcher }[] = lookouts.map((lookout) => ({
    lookout,
    matcher: listMatcher(lookout.list),
  }));
  const versions = Object.freeze(Object.fromEntries(lookouts.map((l) => [l.list.name, l.list.version])));
  const test = (hsCode: string, where: string, out: LookoutMatch[]) => {
    for (const { lookout, matcher } of matchers) {
      const e = matcher.match(hsCode);
      if (!e) continue;
      out.push({
        lookout: lookout.list.name,
        version: lookout.list.version,
        title: lookout.title,
        category: lookout.category,
        points: lookout.points,
        hsCode,
        entry: e.value,
        where,
        ...(e.reason ? { reason: e.reason } : {}),
        ...(lookout.lane ? { lane: lookout.lane } : {}),
      });
    }
  };
  return {
    versions,
    match(declaration, cargo) {
      if (matchers.length === 0) return [];
      const out: LookoutMatch[] = [];
      for (const item of declaration.items) test(item.hsCode, `item ${item.sequence}`, out);
      for (const bill of cargo?.bills ?? []) if (bill.hsCode) test(bill.hsCode, `bill ${bill.number}`, out);
      return out;
    },
  };
}
