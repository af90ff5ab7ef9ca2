import { compareNames, type TokenExplanation } from './name-match.ts';
import { type NameKind, normaliseName } from './text/normalise-name.ts';
import { DEFAULT_THRESHOLD } from './watchlist-index.ts';

/** FollowTheMoney schemata that labelled pair files use, and what Sieve compares them as. */
const SCHEMA_KIND: ReadonlyMap<string, NameKind> = new Map(
  Object.entries({
    person: 'person',
    company: 'organisation',
    organization: 'organisation',
    organisation: 'organisation',
    legalentity: 'organisation',
    vessel: 'vessel',
  }) as [string, NameKind][],
);

export interface NamePairScore {
  /** 0 to 1. */
  readonly score: number;
  /** Score at or above the threshold. */
  readonly match: boolean;
  readonly tokens: readonly TokenExplanation[];
}

/**
 * Score two names the way screening scores a query against a listed name
 * (without other attributes), for measuring matching quality on labelled pairs.
 * `schema` is Person, Company, Organization, LegalEntity or Vessel; unknown or
 * absent means the kind is not known.
 *
 * @example scoreNamePair('Vladimir Putin', 'Владимир Путин', 'Person') // { score: 1, match: true, ... }
 */
export function scoreNamePair(
  name1: string,
  name2: string,
  schema?: string,
  threshold: number = DEFAULT_THRESHOLD,
): NamePairScore {
  const kind = SCHEMA_KIND.get((schema ?? '').trim().toLowerCase()) ?? 'any';
  const cmp = compareNames(normaliseName(name1, kind), normaliseName(name2, kind), {
    extraTokenWeight: kind === 'person' ? 0.5 : 1,
  });
  const score = Math.round(cmp.score * 1000) / 1000;
  return { score, match: score >= threshold, tokens: cmp.tokens };
}
