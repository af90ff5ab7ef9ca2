import { distance } from 'fastest-levenshtein';

/** Why two tokens were taken as the same word. */
export type TokenHow =
  | 'exact'
  | 'spelling'
  | 'typo'
  | 'phonetic'
  | 'consonants'
  | 'initial'
  | 'joined'
  | 'abbreviation';

/** The comparable parts of a token (or of several tokens joined). */
export interface ComparableToken {
  readonly text: string;
  readonly abjad: boolean;
  readonly skeleton: string;
  readonly phonetic: string;
  /** Spelling folded over transliteration habits ("sergey" and "sergei" both give "sergei"). */
  readonly folded: string;
  /** May be matched as an abbreviation (organisation and vessel names only). */
  readonly abbreviable?: boolean;
}

export interface TokenSimilarity {
  /** 0 (unrelated) to 1 (same). Anything under {@link MIN_TOKEN_SIMILARITY} is treated as 0. */
  readonly score: number;
  readonly how: TokenHow;
}

/** Below this two tokens are not the same word, however alike. */
export const MIN_TOKEN_SIMILARITY = 0.6;
const NONE: TokenSimilarity = { score: 0, how: 'typo' };

/**
 * Typos tolerated for a token of `length` characters: none up to 3 (short
 * tokens that differ by a letter are usually different names), then one per
 * four or so characters.
 */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

/**
 * Similarity of two name tokens, tolerant of typos, spelling variants that
 * sound alike, initials, and transliteration from scripts without vowels.
 *
 * @example tokenSimilarity(tok('salek'), tok('salik')) // { score: 0.8, how: 'typo' }
 */
export function tokenSimilarity(a: ComparableToken, b: ComparableToken): TokenSimilarity {
  if (a.text === b.text) return { score: 1, how: 'exact' };
  const la = a.text.length;
  const lb = b.text.length;
  if (la === 1 || lb === 1) {
    return a.text[0] === b.text[0] && !hasDigit(a.text) && !hasDigit(b.text) ? INITIAL : NONE;
  }
  if (a.folded === b.folded) return SPELLING;
  const longest = Math.max(la, lb);
  const allowed = allowedEdits(longest);
  const phonetic = a.phonetic !== '' && a.phonetic === b.phonetic && a.text[0] === b.text[0];
  const abjad = a.abjad || b.abjad;
  if (a.abbreviable && b.abbreviable && isAbbreviation(a.text, b.text)) return ABBREVIATION;
  // Cheap rejection first: most pairs differ in length by more than the typos allowed.
  if (Math.abs(la - lb) > allowed && !phonetic) {
    // Consonant skeletons differing by two letters or more cannot match either.
    if (!abjad || Math.abs(a.skeleton.length - b.skeleton.length) > 1) return NONE;
  }
  if (hasDigit(a.text) || hasDigit(b.text)) return NONE; // numbers in names (vessels, units) must agree
  let best = NONE;
  const edits = boundedDistance(a.text, b.text, Math.max(allowed, 3));
  // Each typo costs a quarter more than its share of the token: one typo in "salek" leaves 0.75.
  const typo = 1 - (1.25 * edits) / longest;
  if (edits <= allowed) best = { score: typo, how: 'typo' };
  // Sounding alike rescues spelling variants one edit beyond typos ("mohammed", "muhammad").
  if (phonetic && edits <= allowed + 1) {
    const score = Math.max(0.75, typo);
    if (score > best.score) best = { score, how: 'phonetic' };
  }
  if (abjad && best.score < 0.9) {
    const c = consonantSimilarity(a.skeleton, b.skeleton);
    if (c > best.score) best = { score: c, how: 'consonants' };
  }
  return best.score >= MIN_TOKEN_SIMILARITY ? best : NONE;
}

// An initial agrees with many names: good evidence only next to other tokens that match.
const INITIAL: TokenSimilarity = { score: 0.75, how: 'initial' };
const SPELLING: TokenSimilarity = { score: 0.92, how: 'spelling' };
const ABBREVIATION: TokenSimilarity = { score: 0.8, how: 'abbreviation' };

/**
 * "tech" for "technologies", "air" for "airlines": one word starts the other,
 * three letters at least, and cut well short (so "Pegas" is not "Pegasus").
 */
function isAbbreviation(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 3 && short.length <= 0.6 * long.length && long.startsWith(short) && !hasDigit(long);
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Short skeletons say little ("rd" fits Rida, Reda, Rashad's initials): they score lower. */
function consonantSimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  const longest = Math.max(a.length, b.length);
  if (a === b) return longest >= 4 ? 0.9 : longest === 3 ? 0.85 : 0.8;
  if (longest < 4) return 0;
  return boundedDistance(a, b, 2) <= 1 ? 0.75 : 0;
}

/** Levenshtein distance, or `limit + 1` as soon as the lengths alone rule out `limit`. */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  return distance(a, b);
}
