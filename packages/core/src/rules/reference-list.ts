import { z } from 'zod';
import { identifier, text } from '../domain/codes.ts';
import { isCountryCode } from '../reference/countries.ts';

/** What a reference list holds; the type checker matches it against the tested field. */
export const LIST_TYPES = ['country', 'hs_prefix', 'party', 'port', 'route', 'text'] as const;
export type ListType = (typeof LIST_TYPES)[number];

/** One value of a list, with the reason it is there (quoted in explanations). */
export interface ListEntry {
  readonly value: string;
  readonly reason?: string;
}

/**
 * A named, typed, versioned reference list, kept apart from the rules that
 * use it (like ASYCUDA's InList tables). A new version replaces the values;
 * the versions a ruleset was compiled with are recorded with each assessment.
 *
 * Values by type: `country` ISO 3166 codes ("CO"); `hs_prefix` 2 to 10 HS
 * digits, matching every code that starts with them ("2812" matches
 * "2812100000"); `party` party ids; `port` UN/LOCODEs ("PAPTY"); `route`
 * "FROM>TO" where each side is a country, a UN/LOCODE or `*`, matched by
 * prefix ("CO>KR" matches COCTG to KRPUS); `text` any text, matched exactly.
 */
export interface ReferenceList {
  readonly name: string;
  readonly type: ListType;
  readonly version: number;
  readonly description?: string;
  readonly entries: readonly ListEntry[];
}

const entryInput = z.union([z.string(), z.object({ value: z.string(), reason: text(256).optional() })]);

/**
 * Validates a reference list as received (YAML, JSON, database row): names in
 * snake_case, values checked and normalised for the list's type. Entries may
 * be plain strings or `{ value, reason }`.
 *
 * @example referenceListSchema.parse({ name: 'narcotics_source_countries', type: 'country', version: 3, entries: ['CO', 'PE', 'BO'] })
 */
export const referenceListSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, {
      message: 'expected a list name in lower case with underscores, such as "narcotics_source_countries"',
    }),
    type: z.enum(LIST_TYPES, { message: `expected one of ${LIST_TYPES.join(', ')}` }),
    version: z.number().int().positive().default(1),
    description: text(1024).optional(),
    entries: z.array(entryInput),
  })
  .transform((l, ctx): ReferenceList => {
    const entries: ListEntry[] = [];
    l.entries.forEach((raw, i) => {
      const e = typeof raw === 'string' ? { value: raw } : raw;
      const value = normaliseListValue(l.type, e.value);
      if (value === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i],
          message: `"${e.value}" is not ${VALUE_WORDS[l.type]}`,
        });
        return;
      }
      entries.push(e.reason === undefined ? { value } : { value, reason: e.reason });
    });
    const list: ReferenceList = { name: l.name, type: l.type, version: l.version, entries };
    return l.description === undefined ? list : { ...list, description: l.description };
  });
export type ReferenceListInput = z.input<typeof referenceListSchema>;

const VALUE_WORDS: Record<ListType, string> = {
  country: 'an ISO 3166 country code such as "CO"',
  hs_prefix: 'an HS code or prefix of 2 to 10 digits such as "0901"',
  party: 'a party id',
  port: 'a UN/LOCODE such as "PAPTY"',
  route: 'a route "FROM>TO" with a country, UN/LOCODE or * on each side, such as "CO>KR"',
  text: 'a non-empty text',
};

const LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;
const partyId = identifier(35);

function normaliseListValue(type: ListType, raw: string): string | undefined {
  switch (type) {
    case 'country': {
      const v = raw.trim().toUpperCase();
      return isCountryCode(v) ? v : undefined;
    }
    case 'hs_prefix': {
      const v = raw.replace(/[.\s]/g, '');
      return /^\d{2,10}$/.test(v) ? v : undefined;
    }
    case 'port': {
      const v = raw.replace(/\s+/g, '').toUpperCase();
      return LOCODE.test(v) && isCountryCode(v.slice(0, 2)) ? v : undefined;
    }
    case 'route': {
      const sides = raw.replace(/\s+/g, '').toUpperCase().split('>');
      if (sides.length !== 2 || !sides.every(isRouteSide)) return undefined;
      return sides.join('>');
    }
    case 'party':
      return partyId.safeParse(raw).success ? raw.trim() : undefined;
    case 'text':
      return raw.length > 0 ? raw : undefined;
  }
}

function isRouteSide(s: string): boolean {
  return (
    s === '*' || (s.length === 2 && isCountryCode(s)) || (LOCODE.test(s) && isCountryCode(s.slice(0, 2)))
  );
}

/** A list made ready for fast lookups. */
export interface ListMatcher {
  readonly list: ReferenceList;
  /** The entry `value` belongs to, or `undefined`. */
  match(value: string): ListEntry | undefined;
  /** True when values are matched by prefix (HS prefix lists). */
  readonly byPrefix: boolean;
}

/**
 * Builds the matcher for a list: a hash lookup for exact lists, one lookup per
 * prefix length for HS prefix lists (longest prefix wins, so the most precise
 * reason is quoted), a scan for the few entries of a route list.
 *
 * @example listMatcher(list).match('2812100000') // { value: '2812', reason: 'CWC schedule 3 precursors' }
 */
export function listMatcher(list: ReferenceList): ListMatcher {
  if (list.type === 'route') return routeMatcher(list);
  const byValue = new Map<string, ListEntry>();
  for (const e of list.entries) if (!byValue.has(e.value)) byValue.set(e.value, e);
  if (list.type !== 'hs_prefix') {
    return { list, byPrefix: false, match: (v) => byValue.get(v) };
  }
  const lengths = [...new Set(list.entries.map((e) => e.value.length))].sort((a, b) => b - a);
  return {
    list,
    byPrefix: true,
    match(v) {
      for (const n of lengths) {
        if (v.length < n) continue;
        const e = byValue.get(v.length === n ? v : v.slice(0, n));
        if (e) return e;
      }
      return undefined;
    },
  };
}

function routeMatcher(list: ReferenceList): ListMatcher {
  const routes = list.entries.map((e) => {
    const [from = '*', to = '*'] = e.value.split('>');
    return { from: from === '*' ? '' : from, to: to === '*' ? '' : to, entry: e };
  });
  return {
    list,
    byPrefix: false,
    match(v) {
      const cut = v.indexOf('>');
      if (cut < 0) return undefined;
      const from = v.slice(0, cut);
      const to = v.slice(cut + 1);
      return routes.find((r) => from.startsWith(r.from) && to.startsWith(r.to))?.entry;
    },
  };
}

/** Builds the route value `route(a, b)` produces, e.g. "COCTG>KRPUS". */
export function routeValue(from: string, to: string): string {
  return `${from}>${to}`;
}
