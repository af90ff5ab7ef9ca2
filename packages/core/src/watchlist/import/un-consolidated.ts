import { XMLParser } from 'fast-xml-parser';
import type { EntryIdentifier, EntryName, Watchlist, WatchlistEntry } from '../model.ts';
import { countryCodeOf } from '../text/country-names.ts';
import { WatchlistError } from '../watchlist-error.ts';
import { parseListDates } from './dates.ts';

type Node = Record<string, unknown>;

const REPEATED = new Set([
  'INDIVIDUAL',
  'ENTITY',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_DOCUMENT',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'VALUE',
  'NATIONALITY',
]);

/**
 * Parse the UN Security Council consolidated sanctions list (XML). Names are
 * assembled from the name parts; aliases of quality "Low" are weak; the
 * name in original script is kept as a name of its own.
 *
 * @example parseUnConsolidated(xml).entries.length // 1,003
 */
export function parseUnConsolidated(xml: string, meta: { listId?: string } = {}): Watchlist {
  const list = meta.listId ?? 'un';
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => REPEATED.has(name),
  });
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw format(`not readable XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const root = doc.CONSOLIDATED_LIST as Node | undefined;
  if (!root) throw format('expected a <CONSOLIDATED_LIST> root element (UN consolidated list XML)');
  const people = arr((root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL);
  const bodies = arr((root.ENTITIES as Node | undefined)?.ENTITY);
  const entries = [
    ...people.map((n) => entry(n, list, 'person')),
    ...bodies.map((n) => entry(n, list, 'organisation')),
  ];
  const generated = str(root['@dateGenerated']);
  return {
    id: list,
    name: 'UN Security Council consolidated sanctions list',
    version: generated ? generated.slice(0, 10) : 'unknown',
    source: 'United Nations Security Council, consolidated list XML',
    entries,
  };
}

function entry(n: Node, list: string, kind: 'person' | 'organisation'): WatchlistEntry {
  const ref = str(n.REFERENCE_NUMBER) || str(n.DATAID);
  const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
    .map((k) => str(n[k]))
    .filter(Boolean)
    .join(' ');
  if (!ref || !primary)
    throw format(`an entry (DATAID ${str(n.DATAID) || '?'}) has no reference number or no name`);
  const names: EntryName[] = [{ name: primary, strength: 'strong', type: 'primary' }];
  const original = str(n.NAME_ORIGINAL_SCRIPT);
  if (original) names.push({ name: original, strength: 'strong', type: 'original' });
  for (const a of arr(n[kind === 'person' ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS'])) {
    const name = str(a.ALIAS_NAME);
    if (!name) continue;
    const quality = str(a.QUALITY).toLowerCase();
    names.push({
      name,
      strength: quality === 'low' ? 'weak' : 'strong',
      type: quality === 'f.k.a.' ? 'fka' : 'aka',
    });
  }
  const countries = new Set<string>();
  for (const a of arr(n[kind === 'person' ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS']))
    addCountry(countries, str(a.COUNTRY));
  const nationalities = new Set<string>();
  for (const nat of arr(n.NATIONALITY)) for (const v of arr(nat.VALUE)) addCountry(nationalities, str(v));
  return {
    id: `${list}:${ref}`,
    list,
    kind,
    names,
    birthDates: arr(n.INDIVIDUAL_DATE_OF_BIRTH).flatMap(birthDates),
    nationalities: [...nationalities],
    countries: [...countries],
    identifiers: arr(n.INDIVIDUAL_DOCUMENT).flatMap(document),
    ...(str(n.UN_LIST_TYPE) ? { program: str(n.UN_LIST_TYPE) } : {}),
    ...(str(n.COMMENTS1) ? { reason: str(n.COMMENTS1).slice(0, 1000) } : {}),
    ...(str(n.LISTED_ON) ? { listedOn: str(n.LISTED_ON).slice(0, 10) } : {}),
  };
}

function birthDates(d: Node): string[] {
  const date = str(d.DATE);
  if (date) return parseListDates(date);
  const from = str(d.FROM_YEAR);
  const to = str(d.TO_YEAR);
  if (from && to) return parseListDates(`${from} to ${to}`);
  const year = str(d.YEAR);
  return year ? parseListDates(year) : [];
}

function document(d: Node): EntryIdentifier[] {
  const value = str(d.NUMBER).replace(/\s+/g, '');
  if (!value) return [];
  const type = `${str(d.TYPE_OF_DOCUMENT)} ${str(d.TYPE_OF_DOCUMENT2)}`.toLowerCase();
  const scheme: EntryIdentifier['scheme'] = /pass|pasaporte|passeport/.test(type)
    ? 'passport'
    : /national|identi/.test(type)
      ? 'national-id'
      : 'other';
  const country = countryCodeOf(str(d.ISSUING_COUNTRY) || str(d.COUNTRY_OF_ISSUE));
  return [{ scheme, value, ...(country ? { country } : {}) }];
}

function addCountry(into: Set<string>, name: string): void {
  const code = name ? countryCodeOf(name) : undefined;
  if (code) into.add(code);
}

function arr(v: unknown): Node[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v])
    .filter((x): x is Node => (typeof x === 'object' && x !== null) || typeof x === 'string')
    .map((x) => (typeof x === 'string' ? { '#text': x } : x));
}

function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return str((v as Node)['#text']);
  return '';
}

function format(message: string): WatchlistError {
  return new WatchlistError('SIEVE_ERR_WATCHLIST_FORMAT', `UN consolidated list: ${message}`);
}
