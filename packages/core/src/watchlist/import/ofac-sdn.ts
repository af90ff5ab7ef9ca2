import { parse } from 'csv-parse/sync';
import type { EntryIdentifier, EntryKind, EntryName, Watchlist, WatchlistEntry } from '../model.ts';
import { countryCodeOf } from '../text/country-names.ts';
import { WatchlistError } from '../watchlist-error.ts';
import { parseListDates } from './dates.ts';

/** The three files of OFAC's legacy SDN CSV publication, as text. */
export interface OfacSdnFiles {
  sdn: string;
  alt?: string;
  /** sdn_comments.csv: the rest of remarks too long for sdn.csv. */
  comments?: string;
  add?: string;
}

const NULL = '-0-';

/**
 * Parse OFAC's Specially Designated Nationals list in its legacy CSV layout
 * (sdn.csv, with aliases from alt.csv, addresses from add.csv and remark
 * continuations from sdn_comments.csv). Dates of
 * birth, nationalities, passports, IMO and MMSI numbers and weak aliases are
 * read from the remarks, where OFAC puts them.
 *
 * @example parseOfacSdn({ sdn, alt, add }, { version: '2026-02-27' }).entries.length // 7,379
 */
export function parseOfacSdn(files: OfacSdnFiles, meta: { version: string; listId?: string }): Watchlist {
  const list = meta.listId ?? 'ofac-sdn';
  const byNum = new Map<string, WatchlistEntry>();
  for (const [i, row] of rows(files.sdn, 'sdn.csv', 12).entries()) {
    const [num, name, type, program, title, callSign, , , , flag, , remarks] = row.map(clean);
    if (!num || !name) throw format(`sdn.csv record ${i + 1}: expected an entry number and a name`);
    const entry: WatchlistEntry = {
      id: `${list}:${num}`,
      list,
      kind: kindOf(type ?? ''),
      names: [{ name, strength: 'strong', type: 'primary' }],
      birthDates: [],
      nationalities: [],
      countries: [],
      identifiers: [],
      ...(program ? { program: program.replace(/\] \[/g, ', ') } : {}),
      ...(title || remarks ? { reason: [title, remarks].filter(Boolean).join(' · ').slice(0, 1000) } : {}),
    };
    if (callSign) entry.identifiers.push({ scheme: 'call-sign', value: callSign });
    const flagCode = flag ? countryCodeOf(flag) : undefined;
    if (flagCode) entry.countries.push(flagCode);
    if (remarks) readRemarks(remarks, entry);
    byNum.set(num, entry);
  }
  if (files.alt) {
    for (const row of rows(files.alt, 'alt.csv', 5)) {
      const [num, , type, name] = row.map(clean);
      const entry = num ? byNum.get(num) : undefined;
      if (entry && name) entry.names.push({ name, strength: 'strong', type: type === 'fka' ? 'fka' : 'aka' });
    }
  }
  if (files.comments) {
    for (const row of rows(files.comments, 'sdn_comments.csv', 2)) {
      const [num, more] = row.map(clean);
      const entry = num ? byNum.get(num) : undefined;
      if (!entry || !more) continue;
      entry.reason = [entry.reason, more].filter(Boolean).join(' ').slice(0, 1000);
      readRemarks(more, entry);
    }
  }
  if (files.add) {
    for (const row of rows(files.add, 'add.csv', 6)) {
      const [num, , , , country] = row.map(clean);
      const entry = num ? byNum.get(num) : undefined;
      const code = country ? countryCodeOf(country) : undefined;
      if (entry && code && !entry.countries.includes(code)) entry.countries.push(code);
    }
  }
  return {
    id: list,
    name: 'OFAC Specially Designated Nationals and Blocked Persons',
    version: meta.version,
    source: 'US Treasury OFAC, legacy CSV (sdn.csv, alt.csv, add.csv)',
    entries: [...byNum.values()],
  };
}

function rows(text: string, file: string, columns: number): string[][] {
  let records: string[][];
  try {
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
      trim: true,
    });
  } catch (err) {
    throw format(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // OFAC files end with a lone control character (SUB, \x1a) on the last line.
  const real = records.filter((r) => !(r.length === 1 && isControlOnly(r[0] ?? '')));
  for (const [i, r] of real.entries()) {
    if (r.length < columns - 1)
      throw format(`${file} record ${i + 1}: expected ${columns} columns, found ${r.length}`);
  }
  return real;
}

function isControlOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 32) return false;
  return true;
}

function format(message: string): WatchlistError {
  return new WatchlistError('SIEVE_ERR_WATCHLIST_FORMAT', message);
}

function clean(v: string | undefined): string {
  const t = (v ?? '').trim();
  return t === NULL ? '' : t;
}

function kindOf(type: string): EntryKind {
  if (type === 'individual') return 'person';
  // Aircraft are conveyances like vessels: screened against the means of transport.
  if (type === 'vessel' || type === 'aircraft') return 'vessel';
  return 'company';
}

const ID_PATTERNS: readonly [RegExp, EntryIdentifier['scheme']][] = [
  [/^(?:alt\. )?Passport (?:No\. )?([A-Z0-9-]{4,})(?: \(([^)]+)\))?/i, 'passport'],
  [
    /^(?:alt\. )?(?:National ID No\.|Cedula No\.|Identification Number|C\.U\.R\.P\.) ?#?\s*([A-Z0-9-]{4,})(?: \(([^)]+)\))?/i,
    'national-id',
  ],
  [/^(?:alt\. )?(?:Tax ID No\.|NIT #|R\.F\.C\.|RFC|RUC #|CUIT) ?\s*([A-Z0-9-]{4,})(?: \(([^)]+)\))?/i, 'tax'],
  [/IMO (\d{7})/, 'imo'],
  [/MMSI (\d{9})/, 'mmsi'],
  [
    /^(?:alt\. )?(?:Registration (?:ID|Number)|Business Registration (?:Document|Number) #?) ?\s*([A-Z0-9-]{4,})(?: \(([^)]+)\))?/i,
    'registration',
  ],
];

function readRemarks(remarks: string, entry: WatchlistEntry): void {
  for (const part of remarks.replace(/\.$/, '').split(/;\s*/)) {
    const p = part.trim();
    let m = /^(?:alt\. )?DOB (.+)$/i.exec(p);
    if (m) {
      entry.birthDates.push(...parseListDates(m[1]!));
      continue;
    }
    m = /^(?:alt\. )?(?:nationality|citizen) (.+)$/i.exec(p);
    if (m) {
      const code = countryCodeOf(m[1]!);
      if (code && !entry.nationalities.includes(code)) entry.nationalities.push(code);
      continue;
    }
    m = /a\.k\.a\.,? '([^']+)'/.exec(p);
    if (m) {
      for (const aka of p.matchAll(/'([^']+)'/g)) entry.names.push(weak(aka[1]!));
      continue;
    }
    for (const [re, scheme] of ID_PATTERNS) {
      m = re.exec(p);
      if (!m) continue;
      const country = m[2] ? countryCodeOf(m[2]) : undefined;
      entry.identifiers.push({ scheme, value: m[1]!, ...(country ? { country } : {}) });
      break;
    }
  }
}

function weak(name: string): EntryName {
  return { name, strength: 'weak', type: 'aka' };
}
