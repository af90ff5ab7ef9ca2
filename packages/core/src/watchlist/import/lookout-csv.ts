import { parse } from 'csv-parse/sync';
import {
  ENTRY_KINDS,
  type EntryIdentifier,
  type EntryKind,
  type Watchlist,
  type WatchlistEntry,
  watchlistEntrySchema,
} from '../model.ts';
import { countryCodeOf } from '../text/country-names.ts';
import { describeProblem, WatchlistError, type WatchlistProblem } from '../watchlist-error.ts';
import { parseIdentifier } from './identifier-schemes.ts';

/**
 * Columns of an administration's own lookout list. Only `id`, `kind` and
 * `name` are required; the header may name them in any order and case.
 * Multi-valued cells separate values with `|` or `;`; an alias starting with
 * `~` is weak; identifiers are `scheme:value`, where the scheme is the
 * model's (passport, national-id, tax, imo, mmsi, call-sign, registration,
 * other), a country and one of those (`RU-passport`), or a national scheme
 * (`KR-BRN`, `EORI`, `VAT`, `TIN`...: see {@link NATIONAL_SCHEMES}). `list`
 * names the list when every row gives the same one.
 *
 * ```csv
 * id,kind,name,aliases,birth_date,nationality,country,identifiers,reason,listed_on,valid_until
 * L-1,person,Ivan Petrov,Ivan Petroff|~Vanya,1970-05-12,RU,,passport:712345678,cigarette smuggling,2026-01-10,2027-01-10
 * L-2,vessel,Sea Star,,,,PA,imo:9321483,repeated concealment,2025-11-02,
 * L-3,entity,"SAMIL FOODS CO., LTD.",(주)삼일식품,,,KR,KR-BRN:150-38-48767,front company,,
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
  'list',
] as const;
type LookoutColumn = (typeof LOOKOUT_COLUMNS)[number];

/** Other names of columns, as other lists and the synthetic generator write them. */
const COLUMN_SPELLINGS: Readonly<Record<string, LookoutColumn>> = {
  dob: 'birth_date',
  date_of_birth: 'birth_date',
  birthdate: 'birth_date',
  nationalities: 'nationality',
  countries: 'country',
  alias: 'aliases',
  identifier: 'identifiers',
};

const REQUIRED: readonly LookoutColumn[] = ['id', 'kind', 'name'];

const KIND_ALIASES: ReadonlyMap<string, EntryKind> = new Map(
  Object.entries({
    individual: 'person',
    organization: 'organisation',
    entity: 'company',
    legalentity: 'company',
    ship: 'vessel',
  }) as [string, EntryKind][],
);

/** Where each field of an entry comes from, to name the column of a schema problem. */
const FIELD_COLUMNS: Readonly<Record<string, LookoutColumn>> = {
  id: 'id',
  names: 'aliases',
  birthDates: 'birth_date',
  nationalities: 'nationality',
  countries: 'country',
  identifiers: 'identifiers',
  reason: 'reason',
  listedOn: 'listed_on',
  validUntil: 'valid_until',
};

type Row = Partial<Record<LookoutColumn, string>>;

/**
 * Parse a lookout CSV (see {@link LOOKOUT_COLUMNS}). Every problem is
 * reported at once, each with its line, column, the value found and what was
 * expected (in the message and in `WatchlistError.problems`).
 *
 * @example parseLookoutCsv(text, { listId: 'kr-lookouts', version: '2026-03-01' })
 */
export function parseLookoutCsv(
  text: string,
  meta: { listId: string; version: string; name?: string },
): Watchlist {
  const { header, records } = readCsv(text);
  const columns = header.map(columnOf);
  const problems: WatchlistProblem[] = headerProblems(header, columns);
  const entries: WatchlistEntry[] = [];
  const listNames = new Set<string>();
  // An id names one entry of the list: a second row with it is a mistake to show, not a key clash to store.
  const lineOfId = new Map<string, number>();
  if (problems.length === 0) {
    for (const { cells, line } of records) {
      const row: Row = {};
      columns.forEach((c, i) => {
        if (c) row[c] = cells[i] ?? '';
      });
      listNames.add(row.list ?? '');
      const result = toEntry(row, meta.listId);
      if (!('entry' in result)) {
        problems.push(...result.problems.map((p) => ({ line, ...p })));
        continue;
      }
      const earlier = lineOfId.get(result.entry.id);
      if (earlier !== undefined) {
        problems.push({
          line,
          column: 'id',
          value: row.id ?? '',
          expected: `an id not already used (line ${earlier})`,
        });
        continue;
      }
      lineOfId.set(result.entry.id, line);
      entries.push(result.entry);
    }
  }
  if (problems.length > 0) {
    const rows = new Set(problems.map((p) => p.line)).size;
    throw new WatchlistError(
      'SIEVE_ERR_WATCHLIST_ENTRY',
      `lookout CSV has ${problems.length} problem${problems.length > 1 ? 's' : ''} in ${rows} row${rows > 1 ? 's' : ''}:\n${problems.map(describeProblem).join('\n')}`,
      problems,
    );
  }
  const [onlyName] = listNames.size === 1 ? listNames : [];
  return {
    id: meta.listId,
    name: meta.name ?? (onlyName || meta.listId),
    version: meta.version,
    source: 'lookout CSV',
    entries,
  };
}

function readCsv(text: string): { header: string[]; records: { cells: string[]; line: number }[] } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with its position; the typings do not follow the option.
    rows = parse(text, {
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      relax_column_count: true,
    }) as unknown as typeof rows;
  } catch (err) {
    throw new WatchlistError(
      'SIEVE_ERR_WATCHLIST_FORMAT',
      `lookout CSV: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const [head, ...rest] = rows;
  if (!head)
    throw new WatchlistError(
      'SIEVE_ERR_WATCHLIST_FORMAT',
      'lookout CSV: empty; expected a header line and rows',
      [{ column: '(header)', expected: `a header line with ${REQUIRED.join(', ')}` }],
    );
  return {
    header: head.record,
    // csv-parse counts lines to the end of a record: a quoted cell with line breaks starts earlier.
    records: rest.map((r) => ({
      cells: r.record,
      line: r.info.lines - r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0),
    })),
  };
}

function columnOf(header: string): LookoutColumn | undefined {
  const name = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (LOOKOUT_COLUMNS as readonly string[]).includes(name)
    ? (name as LookoutColumn)
    : COLUMN_SPELLINGS[name];
}

function headerProblems(header: readonly string[], columns: readonly (LookoutColumn | undefined)[]) {
  const problems: WatchlistProblem[] = [];
  header.forEach((h, i) => {
    if (!columns[i])
      problems.push({
        line: 1,
        column: h || `#${i + 1}`,
        expected: `a column among ${LOOKOUT_COLUMNS.join(', ')}`,
      });
  });
  for (const c of REQUIRED)
    if (!columns.includes(c))
      problems.push({ line: 1, column: c, expected: `a column "${c}" in the header` });
  return problems;
}

function toEntry(
  r: Row,
  list: string,
): { entry: WatchlistEntry } | { problems: Omit<WatchlistProblem, 'line'>[] } {
  const problems: Omit<WatchlistProblem, 'line'>[] = [];
  const kindText = (r.kind ?? '').toLowerCase().replace(/[\s_-]/g, '');
  const kind = (ENTRY_KINDS as readonly string[]).includes(kindText)
    ? (kindText as EntryKind)
    : KIND_ALIASES.get(kindText);
  if (!r.id) problems.push({ column: 'id', expected: 'a non-empty id' });
  if (!kind)
    problems.push({
      column: 'kind',
      value: r.kind ?? '',
      expected: `one of ${[...ENTRY_KINDS, ...KIND_ALIASES.keys()].join(', ')}`,
    });
  if (!r.name) problems.push({ column: 'name', expected: 'a non-empty name' });
  const countries = (col: 'nationality' | 'country') =>
    many(r[col]).flatMap((v) => {
      const code = countryCodeOf(v);
      if (!code) problems.push({ column: col, value: v, expected: 'a country name or ISO 3166 code' });
      return code ? [code] : [];
    });
  const nationalities = countries('nationality');
  const places = countries('country');
  const identifiers: EntryIdentifier[] = [];
  for (const v of many(r.identifiers)) {
    const id = parseIdentifier(v);
    if ('expected' in id) problems.push({ column: 'identifiers', value: v, expected: id.expected });
    else identifiers.push(id);
  }
  if (problems.length > 0 || !kind) return { problems };
  const parsed = watchlistEntrySchema.safeParse({
    id: `${list}:${r.id}`,
    list,
    kind,
    names: [
      { name: r.name, strength: 'strong', type: 'primary' },
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
  if (parsed.success) return { entry: parsed.data };
  return {
    problems: parsed.error.issues.map((i) => {
      const column = FIELD_COLUMNS[String(i.path[0])] ?? String(i.path[0]);
      const value = r[column as LookoutColumn];
      return {
        column,
        ...(value ? { value } : {}),
        expected: i.message.replace(/^Invalid (input|option): /, ''),
      };
    }),
  };
}

function many(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(/[|;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
