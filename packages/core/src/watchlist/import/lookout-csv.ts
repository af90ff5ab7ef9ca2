import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  ENTRY_KINDS,
  type EntryKind,
  type Watchlist,
  type WatchlistEntry,
  watchlistEntrySchema,
} from '../model.ts';
import { countryCodeOf } from '../text/country-names.ts';
import { WatchlistError } from '../watchlist-error.ts';

/**
 * Columns of an administration's own lookout list. Only `id`, `kind` and
 * `name` are required. Multi-valued cells separate values with `|`; an alias
 * starting with `~` is weak; identifiers are `scheme:value` (schemes: passport,
 * national-id, tax, imo, mmsi, call-sign, registration, other).
 *
 * ```csv
 * id,kind,name,aliases,birth_date,nationality,country,identifiers,reason,listed_on,valid_until
 * L-1,person,Ivan Petrov,Ivan Petroff|~Vanya,1970-05-12,RU,,passport:712345678,cigarette smuggling,2026-01-10,2027-01-10
 * L-2,vessel,Sea Star,,,,PA,imo:9321483,repeated concealment,2025-11-02,
 * ```
 */
export const LOOKOUT_COLUMNS = [
  'id',
  'kind',
  'name',
  'aliases',
  'birth_date',
  'nationality',
  'country',
  'identifiers',
  'reason',
  'listed_on',
  'valid_until',
] as const;

const KIND_ALIASES: ReadonlyMap<string, EntryKind> = new Map(
  Object.entries({
    individual: 'person',
    organization: 'organisation',
    entity: 'company',
    legalentity: 'company',
    ship: 'vessel',
  }) as [string, EntryKind][],
);

/**
 * Parse a lookout CSV (see {@link LOOKOUT_COLUMNS}). Every problem is
 * reported at once, each with its line and column.
 *
 * @example parseLookoutCsv(text, { listId: 'kr-lookouts', version: '2026-03-01' })
 */
export function parseLookoutCsv(
  text: string,
  meta: { listId: string; version: string; name?: string },
): Watchlist {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (err) {
    throw new WatchlistError(
      'SIEVE_ERR_WATCHLIST_FORMAT',
      `lookout CSV: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const problems: string[] = [];
  const entries: WatchlistEntry[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    const result = toEntry(r, meta.listId);
    if (typeof result === 'string') problems.push(`line ${line}: ${result}`);
    else entries.push(result);
  });
  if (problems.length > 0) {
    throw new WatchlistError(
      'SIEVE_ERR_WATCHLIST_ENTRY',
      `lookout CSV has ${problems.length} bad rows:\n${problems.join('\n')}`,
    );
  }
  return {
    id: meta.listId,
    name: meta.name ?? meta.listId,
    version: meta.version,
    source: 'lookout CSV',
    entries,
  };
}

function toEntry(r: Record<string, string>, list: string): WatchlistEntry | string {
  const kindText = (r.kind ?? '').toLowerCase().replace(/[\s_-]/g, '');
  const kind = (ENTRY_KINDS as readonly string[]).includes(kindText)
    ? (kindText as EntryKind)
    : KIND_ALIASES.get(kindText);
  if (!kind) return `column kind: expected one of ${ENTRY_KINDS.join(', ')}, found "${r.kind ?? ''}"`;
  const countries = (col: string) => {
    const codes: string[] = [];
    for (const v of many(r[col])) {
      const code = countryCodeOf(v);
      if (!code) return `column ${col}: "${v}" is not a country name or ISO 3166 code`;
      codes.push(code);
    }
    return codes;
  };
  const nationalities = countries('nationality');
  if (typeof nationalities === 'string') return nationalities;
  const places = countries('country');
  if (typeof places === 'string') return places;
  const identifiers = many(r.identifiers).map((v) => {
    const [scheme, ...rest] = v.split(':');
    return { scheme: scheme?.trim().toLowerCase(), value: rest.join(':').trim() };
  });
  const parsed = watchlistEntrySchema.safeParse({
    id: `${list}:${r.id ?? ''}`,
    list,
    kind,
    names: [
      { name: r.name ?? '', strength: 'strong', type: 'primary' },
      ...many(r.aliases).map((a) => ({
        name: a.replace(/^~/, ''),
        strength: a.startsWith('~') ? 'weak' : 'strong',
        type: 'aka',
      })),
    ],
    birthDates: many(r.birth_date),
    nationalities,
    countries: places,
    identifiers,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.listed_on ? { listedOn: r.listed_on } : {}),
    ...(r.valid_until ? { validUntil: r.valid_until } : {}),
  });
  if (!r.id) return 'column id: expected a non-empty id';
  if (!r.name) return 'column name: expected a non-empty name';
  if (!parsed.success) return z.prettifyError(parsed.error).replace(/\n/g, '; ');
  return parsed.data;
}

function many(cell: string | undefined): string[] {
  return (cell ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
}
