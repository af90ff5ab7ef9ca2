import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';
import {
  GENERIC_ORG_WORDS,
  HONORIFICS,
  LEADING_LEGAL_FORMS,
  LEGAL_FORM_PHRASES,
  LEGAL_FORMS,
  PARTICLES,
} from './name-vocabulary.ts';

/** How much a token says about identity; sets its weight in a name's score. */
export type TokenRole = 'name' | 'particle' | 'generic' | 'initial';

/** One word of a normalised name, with the keys matching compares. */
export interface NameToken {
  /** ASCII, lower case, no punctuation: "baghdadi". */
  readonly text: string;
  /** Written in a script that omits short vowels (Arabic, Hebrew...), so compare by consonants. */
  readonly abjad: boolean;
  readonly role: TokenRole;
  readonly weight: number;
  /** Consonant skeleton ("mohammed" and "محمد" both give "mhmd"). */
  readonly skeleton: string;
  /** Double Metaphone primary key ("" for digits and one-letter tokens). */
  readonly phonetic: string;
}

/** A name made comparable: tokens in order, and what was set aside and why. */
export interface NormalisedName {
  readonly tokens: readonly NameToken[];
  /** Legal forms and honorifics removed ("ltd", "gmbh", "dr"), for the explanation. */
  readonly removed: readonly string[];
}

/** Whose name it is, as far as known; decides whether legal forms or honorifics are dropped. */
export type NameKind = 'person' | 'organisation' | 'vessel' | 'any';

const ROLE_WEIGHT: Record<TokenRole, number> = { name: 1, particle: 0.25, generic: 0.35, initial: 0.5 };
/** Long input is cut: no real name is longer, and screening must stay fast on garbage. */
const MAX_CHARS = 300;

const ABJAD = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
/** Scripts whose characters are syllables: transliterated one by one so syllables become tokens. */
const SYLLABIC = /[\p{Script=Han}\p{Script=Hangul}]/u;
const SYMBOLS = /[\p{Extended_Pictographic}\p{S}\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/gu;
const SPECIAL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Han}\p{Script=Hangul}]/u;
const PLAIN = /^[\x20-\x7e]*$/;
const APOSTROPHES = /['`´ʻʼʾʿ’‘]/g;

/**
 * Normalise a name for matching: transliterate every script to ASCII, fold
 * case and diacritics, drop punctuation, honorifics and (for organisations)
 * legal forms, and classify each remaining token. Never throws.
 *
 * @example normaliseName('Dr. Ayman AL-ZAWAHIRI').tokens.map((t) => t.text) // ['ayman', 'al', 'zawahiri']
 */
export function normaliseName(raw: string, kind: NameKind = 'any'): NormalisedName {
  const words = transliterate(typeof raw === 'string' ? raw : '');
  const removed: string[] = [];
  let kept = words;
  if (kind !== 'person') kept = dropLegalForms(kept, removed);
  if (kind === 'person' || kind === 'any') kept = dropHonorifics(kept, removed);
  // A name that is nothing but a legal form or a title is still a name.
  if (kept.length === 0) kept = words;
  return { tokens: kept.map((w) => makeToken(w.text, w.abjad, kind)), removed };
}

interface Word {
  text: string;
  abjad: boolean;
}

function transliterate(raw: string): Word[] {
  const clipped = raw.length > MAX_CHARS ? Array.from(raw).slice(0, MAX_CHARS).join('') : raw;
  const words: Word[] = [];
  // Fast path: most names are plain ASCII and need no script handling.
  if (PLAIN.test(clipped)) {
    pushWords(words, clipped, false);
    return words;
  }
  const text = clipped.normalize('NFC').replace(SYMBOLS, ' ');
  if (!SPECIAL_SCRIPT.test(text)) {
    pushWords(words, anyAscii(text), false);
    return words;
  }
  let run = '';
  let runAbjad = false;
  const flush = () => {
    if (run) pushWords(words, anyAscii(run), runAbjad);
    run = '';
  };
  for (const ch of text) {
    if (SYLLABIC.test(ch)) {
      flush();
      pushWords(words, anyAscii(ch), false);
      continue;
    }
    const abjad = ABJAD.test(ch);
    if (abjad !== runAbjad && /\p{L}/u.test(ch)) {
      flush();
      runAbjad = abjad;
    }
    run += ch;
  }
  flush();
  return words;
}

function pushWords(out: Word[], ascii: string, abjad: boolean): void {
  const cleaned = ascii
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(/[^a-z0-9]+/g, ' ');
  for (const w of cleaned.split(' ')) if (w) out.push({ text: w, abjad });
}

function dropHonorifics(words: Word[], removed: string[]): Word[] {
  if (words.length < 2) return words;
  return words.filter((w) => {
    if (!HONORIFICS.has(w.text)) return true;
    removed.push(w.text);
    return false;
  });
}

/** Removes legal forms, including dotted ones split into letters ("s a de c v"). */
function dropLegalForms(words: Word[], removed: string[]): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < words.length) {
    const span = legalSpanAt(words, i);
    if (span > 0) {
      removed.push(
        words
          .slice(i, i + span)
          .map((w) => w.text)
          .join(' '),
      );
      i += span;
    } else {
      out.push(words[i]!);
      i++;
    }
  }
  return out;
}

function legalSpanAt(words: Word[], i: number): number {
  for (const phrase of LEGAL_FORM_PHRASES) {
    if (i + phrase.length > words.length) continue;
    if (phrase.every((p, k) => words[i + k]!.text === p)) return phrase.length;
  }
  // Single letters in a row ("s a", "l l c") joined: "sa", "llc".
  let j = i;
  let joined = '';
  while (j < words.length && words[j]!.text.length === 1) joined += words[j++]!.text;
  if (j - i >= 2 && LEGAL_FORMS.has(joined)) return j - i;
  const w = words[i]!.text;
  // Most legal forms trail the name; at the start only those that lead by custom count ("OOO Romashka").
  return LEGAL_FORMS.has(w) && (i > 0 || LEADING_LEGAL_FORMS.has(w)) ? 1 : 0;
}

function makeToken(text: string, abjad: boolean, kind: NameKind): NameToken {
  const role = roleOf(text, kind);
  return {
    text,
    abjad,
    role,
    weight: ROLE_WEIGHT[role],
    skeleton: skeletonOf(text),
    phonetic: text.length > 1 && /^[a-z]+$/.test(text) ? doubleMetaphone(text)[0] : '',
  };
}

function roleOf(text: string, kind: NameKind): TokenRole {
  if (text.length === 1 && /[a-z]/.test(text)) return 'initial';
  if (PARTICLES.has(text)) return 'particle';
  if (kind !== 'person' && GENERIC_ORG_WORDS.has(text)) return 'generic';
  return 'name';
}

/**
 * Consonant skeleton: what survives when a script writes no short vowels.
 * Arabic transliterates to consonants plus w/y for long vowels, so those go
 * too; a final h (ta marbuta) is optional in romanisation, so it goes.
 *
 * @example skeletonOf('mohammed') // 'mhmd'
 */
export function skeletonOf(text: string): string {
  // Only letters doubled in writing collapse ("mm" in "mohammed"); "abubakr" keeps both b's.
  let out = '';
  let prev = '';
  for (const ch of text.replace(/q/g, 'k')) {
    const doubled = ch === prev;
    prev = ch;
    if (doubled || 'aeiouyw'.includes(ch)) continue;
    out += ch;
  }
  return out.length > 1 && out.endsWith('h') ? out.slice(0, -1) : out;
}
