import type { ScreeningQuery, WatchlistEntry } from './model.ts';

/** How another attribute moved the score, and why. */
export interface ScoreFactor {
  readonly factor: 'birth-date' | 'country' | 'identifier';
  /** Added to the name score (negative lowers it). */
  readonly effect: number;
  readonly detail: string;
}

/**
 * Score effects of the attributes beyond the name. Values are deliberately
 * small next to the name score, except a date of birth that is clearly
 * someone else's, and an identifier: an exact identifier settles the match.
 */
export const FACTOR_EFFECTS = {
  birthExact: 0.08,
  birthSwapped: 0.04,
  birthYear: 0.03,
  birthSameYearOtherDay: -0.06,
  birthNear: -0.08,
  birthMismatch: -0.3,
  countryMatch: 0.03,
  countryMismatch: -0.06,
  identifierMismatch: -0.3,
} as const;

/**
 * Compare a query's date of birth, countries and identifiers with an entry.
 * Returns the factors that apply; `settled` is true when an identifier agrees.
 *
 * @example attributeFactors({ name: 'x', birthDate: '1965-06-29' }, entry) // [{ factor: 'birth-date', effect: 0.08, detail: 'same date 1965-06-29' }]
 */
export function attributeFactors(
  query: ScreeningQuery,
  entry: WatchlistEntry,
): { factors: ScoreFactor[]; settled: boolean } {
  const factors: ScoreFactor[] = [];
  const id = identifierFactor(query, entry);
  if (id) factors.push(id);
  const settled = id !== undefined && id.effect > 0;
  if (query.birthDate && entry.birthDates.length > 0 && entry.kind === 'person') {
    factors.push(birthFactor(query.birthDate, entry.birthDates));
  }
  const countries = query.countries?.map((c) => c.toUpperCase()) ?? [];
  const known = entry.nationalities.length > 0 ? entry.nationalities : entry.countries;
  if (countries.length > 0 && known.length > 0) {
    const shared = countries.find((c) => entry.nationalities.includes(c) || entry.countries.includes(c));
    factors.push(
      shared
        ? { factor: 'country', effect: FACTOR_EFFECTS.countryMatch, detail: `country ${shared} is listed` }
        : {
            factor: 'country',
            effect: FACTOR_EFFECTS.countryMismatch,
            detail: `country ${countries.join(', ')} differs from listed ${known.join(', ')}`,
          },
    );
  }
  return { factors, settled };
}

function birthFactor(asked: string, listed: readonly string[]): ScoreFactor {
  let best: ScoreFactor | undefined;
  for (const l of listed) {
    const f = compareDates(asked, l);
    if (!best || f.effect > best.effect) best = f;
  }
  return best!;
}

function compareDates(a: string, b: string): ScoreFactor {
  const [ay, am, ad] = a.split('-');
  const [by, bm, bd] = b.split('-');
  const f = (effect: number, detail: string): ScoreFactor => ({ factor: 'birth-date', effect, detail });
  if (ay === by) {
    if (!am || !bm) return f(FACTOR_EFFECTS.birthYear, `same year ${ay} (listed ${b})`);
    if (am === bm && (!ad || !bd || ad === bd)) return f(FACTOR_EFFECTS.birthExact, `same date ${b}`);
    if (ad && bd && am === bd && ad === bm)
      return f(FACTOR_EFFECTS.birthSwapped, `day and month swapped (listed ${b})`);
    return f(FACTOR_EFFECTS.birthSameYearOtherDay, `same year, other day (listed ${b})`);
  }
  const gap = Math.abs(Number(ay) - Number(by));
  if (gap <= 2)
    return f(FACTOR_EFFECTS.birthNear, `born ${gap} year${gap > 1 ? 's' : ''} apart (listed ${b})`);
  return f(FACTOR_EFFECTS.birthMismatch, `born ${a}, listed ${b}`);
}

function identifierFactor(query: ScreeningQuery, entry: WatchlistEntry): ScoreFactor | undefined {
  if (!query.identifiers?.length || entry.identifiers.length === 0) return undefined;
  for (const q of query.identifiers) {
    const value = canonicalIdentifier(q.value);
    if (value.length < 4) continue;
    const hit = entry.identifiers.find((e) => canonicalIdentifier(e.value) === value);
    if (hit)
      return { factor: 'identifier', effect: 1, detail: `${hit.label ?? hit.scheme} ${hit.value} is listed` };
  }
  // Two vessels with different IMO numbers are different vessels, however alike their names.
  for (const q of query.identifiers) {
    if (q.scheme !== 'imo') continue;
    const listed = entry.identifiers.filter((e) => e.scheme === 'imo');
    if (listed.length > 0) {
      return {
        factor: 'identifier',
        effect: FACTOR_EFFECTS.identifierMismatch,
        detail: `IMO ${q.value} differs from listed ${listed.map((e) => e.value).join(', ')}`,
      };
    }
  }
  return undefined;
}

/**
 * Identifiers compared without spaces, dashes, case or a scheme prefix ("IMO 9321483" = "9321483").
 *
 * @example canonicalIdentifier('imo 9321483') // '9321483'
 */
export function canonicalIdentifier(value: string): string {
  return value
    .toUpperCase()
    .replace(/^(IMO|MMSI)\s*/, '')
    .replace(/[^A-Z0-9]/g, '');
}
