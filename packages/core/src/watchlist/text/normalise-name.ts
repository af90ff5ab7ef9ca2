import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';
import { COUNTRY_CODES } from '../../reference/countries.ts';
import {
  GENERIC_ORG_WORDS,
  HONORIFICS,
  LEADING_LEGAL_FORMS,
  LEADING_ONLY_LEGAL_FORMS,
  LEGAL_FORM_PHRASES,
  LEGAL_FORMS,
  NUMBER_WORDS,
  ORG_WORD_SYNONYMS,
  PARTICLES,
  VESSEL_PREFIXES,
} from './name-vocabulary.ts';

/** How much a token says about identity; sets its weight in a name's score. */
/** Numbers weigh most: "Grace 1" and "Grace 2" are sister ships, not the same one. */
export type TokenRole = 'name' | 'particle' | 'generic' | 'initial' | 'number';

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
  /** Spelling folded over transliteration habits (see {@link foldSpelling}). */
  readonly folded: string;
  /** Part of an organisation or vessel name, where a word may be cut short ("Tech", "Intl"). */
  readonly abbreviable: boolean;
}

/** A name made comparable: tokens in order, and what was set aside and why. */
export interface NormalisedName {
  readonly tokens: readonly NameToken[];
  /** Legal forms and honorifics removed ("ltd", "gmbh", "dr"), for the explanation. */
  readonly removed: readonly string[];
}

/** Whose name it is, as far as known; decides whether legal forms or honorifics are dropped. */
export type NameKind = 'person' | 'organisation' | 'vessel' | 'any';

const ROLE_WEIGHT: Record<TokenRole, number> = {
  name: 1,
  particle: 0.25,
  generic: 0.35,
  initial: 0.5,
  number: 1.5,
};
/** Long input is cut: no real name is longer, and screening must stay fast on garbage. */
const MAX_CHARS = 300;

const LEGAL_FORM_PHRASES_BY_FIRST = new Map<string, (readonly string[])[]>();
for (const p of LEGAL_FORM_PHRASES) {
  const list = LEGAL_FORM_PHRASES_BY_FIRST.get(p[0]!) ?? [];
  list.push(p);
  LEGAL_FORM_PHRASES_BY_FIRST.set(p[0]!, list);
}

/**
 * Korean surnames as they are written in Latin ("Kim", "Lee", "Park"), not in
 * Revised Romanisation ("Gim", "I", "Bak"), which lists rarely use.
 */
const KOREAN_SURNAMES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    김: 'kim',
    이: 'lee',
    리: 'ri',
    박: 'park',
    최: 'choi',
    정: 'jong',
    강: 'kang',
    조: 'cho',
    윤: 'yun',
    장: 'jang',
    임: 'lim',
    한: 'han',
    오: 'oh',
    서: 'so',
    신: 'shin',
    권: 'kwon',
    황: 'hwang',
    안: 'ahn',
    송: 'song',
    류: 'ryu',
    홍: 'hong',
    전: 'jon',
    고: 'ko',
    문: 'mun',
    양: 'yang',
    손: 'son',
    배: 'bae',
    백: 'paek',
    허: 'ho',
    노: 'no',
  }),
);

/**
 * One Hangul syllable in the romanisation lists use: common surnames from a
 * table, else Revised Romanisation with "eo" and "eu" written "o" and "u"
 * (as in McCune-Reischauer without its breves: "Jeong Eun" -> "Jong Un").
 */
function hangulSyllable(ch: string): string {
  return KOREAN_SURNAMES.get(ch) ?? anyAscii(ch).toLowerCase().replace(/eo/g, 'o').replace(/eu/g, 'u');
}

/** Arabic, Hebrew, Syriac, Thaana and Arabic presentation forms: scripts that omit short vowels. */
function isAbjad(c: number): boolean {
  return (
    (c >= 0x0590 && c <= 0x07bf) ||
    (c >= 0x08a0 && c <= 0x08ff) ||
    (c >= 0xfb1d && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfeff)
  );
}

/** Han and Hangul: each character is a syllable, transliterated on its own so syllables become tokens. */
function isSyllabic(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x323af) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3130 && c <= 0x318f)
  );
}
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
  if (kind === 'person' || kind === 'any') kept = dropTitles(kept, HONORIFICS, removed);
  if (kind === 'vessel' || kind === 'any') kept = dropTitles(kept, VESSEL_PREFIXES, removed);
  // A name that is nothing but a legal form or a title is still a name.
  if (kept.length === 0) kept = words;
  return { tokens: kept.map((w) => makeToken(w, kind)), removed };
}

interface Word {
  text: string;
  abjad: boolean;
  /** Transliteration with ayn and hamza marks, for the consonant skeleton. */
  raw?: string;
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
    if (run) pushWords(words, anyAscii(runAbjad ? splitArticle(run) : run), runAbjad);
    run = '';
  };
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (isSyllabic(code)) {
      flush();
      pushWords(words, code >= 0xac00 && code <= 0xd7af ? hangulSyllable(ch) : anyAscii(ch), false);
      continue;
    }
    const abjad = isAbjad(code);
    // Spaces, digits and punctuation (all below "A") do not end a run of one script.
    if (abjad !== runAbjad && code >= 0x41) {
      flush();
      runAbjad = abjad;
    }
    run += ch;
  }
  flush();
  return words;
}

/** The Arabic article is written joined ("البغدادي"); Latin lists write it apart ("al-Baghdadi"). */
function splitArticle(run: string): string {
  return run.replace(/(^|[\s\u200c])\u0627\u0644(?=[\u0621-\u064a]{2})/gu, '$1al ');
}

function pushWords(out: Word[], ascii: string, abjad: boolean): void {
  const lower = ascii.toLowerCase();
  if (abjad) {
    // Keep ayn and hamza (transliterated as ` and ') for the skeleton: they separate letters, so
    // "m`mr" (Muammar) keeps both m's.
    for (const w of lower.replace(/[^a-z0-9'`]+/g, ' ').split(' ')) {
      const text = w.replace(/['`]/g, '');
      if (text) out.push({ text, abjad, raw: w });
    }
    return;
  }
  const cleaned = lower.replace(APOSTROPHES, '').replace(/[^a-z0-9]+/g, ' ');
  for (const w of cleaned.split(' ')) if (w) out.push({ text: w, abjad });
}

function dropTitles(words: Word[], titles: ReadonlySet<string>, removed: string[]): Word[] {
  // A title is kept when dropping it would leave a single word: "Sayed Khan" is not just "Khan".
  if (words.filter((w) => !titles.has(w.text)).length < 2) return words;
  return words.filter((w) => {
    if (!titles.has(w.text)) return true;
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
  for (const phrase of LEGAL_FORM_PHRASES_BY_FIRST.get(words[i]!.text) ?? []) {
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
  if (LEADING_ONLY_LEGAL_FORMS.has(w)) return i === 0 && words.length > 1 ? 1 : 0;
  return LEGAL_FORMS.has(w) && (i > 0 || LEADING_LEGAL_FORMS.has(w)) ? 1 : 0;
}

function makeToken(word: Word, kind: NameKind): NameToken {
  const { abjad } = word;
  const text = kind === 'person' ? word.text : (ORG_WORD_SYNONYMS.get(word.text) ?? word.text);
  const role = roleOf(text, kind);
  return {
    text,
    abjad,
    role,
    weight: ROLE_WEIGHT[role],
    skeleton: memo(skeletonMemo, word.raw ?? text, skeletonOf),
    folded: foldSpelling(text),
    phonetic: phoneticOf(text),
    abbreviable: kind === 'organisation' || kind === 'vessel',
  };
}

let countryWords: Set<string> | undefined;

/** One-word country names ("russia", "china") say little inside an organisation's name. */
function isCountryWord(text: string): boolean {
  if (!countryWords) {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    countryWords = new Set();
    for (const code of COUNTRY_CODES) {
      const name = code.length === 2 ? names.of(code) : undefined;
      if (name && /^[A-Za-z]+$/.test(name)) countryWords.add(name.toLowerCase());
    }
  }
  return countryWords.has(text);
}

const phoneticMemo = new Map<string, string>();
const skeletonMemo = new Map<string, string>();

/** Token keys are pure functions of the text and names repeat (Zipf), so remember them, up to a bound. */
function memo(cache: Map<string, string>, text: string, f: (t: string) => string): string {
  let v = cache.get(text);
  if (v === undefined) {
    v = f(text);
    if (cache.size >= 200_000) cache.clear();
    cache.set(text, v);
  }
  return v;
}

/** Double Metaphone primary key, memoised: name tokens repeat a lot and the algorithm is not cheap. */
function phoneticOf(text: string): string {
  let key = phoneticMemo.get(text);
  if (key !== undefined) return key;
  key = text.length > 1 && /^[a-z]+$/.test(text) ? doubleMetaphone(text)[0] : '';
  if (phoneticMemo.size >= 200_000) phoneticMemo.clear();
  phoneticMemo.set(text, key);
  return key;
}

function roleOf(text: string, kind: NameKind): TokenRole {
  if (text.length === 1 && /[a-z]/.test(text)) return 'initial';
  if (/^\d+$/.test(text) || NUMBER_WORDS.has(text)) return 'number';
  if (PARTICLES.has(text)) return 'particle';
  if (kind !== 'person' && (GENERIC_ORG_WORDS.has(text) || isCountryWord(text))) return 'generic';
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
  // ظ and ذ come out of Arabic as "dh" and are written "z" in most romanisations.
  let out = '';
  let prev = '';
  for (const ch of text.replace(/q/g, 'k').replace(/dh(?!$)/g, 'z')) {
    const doubled = ch === prev;
    prev = ch;
    if (doubled || "aeiouyw'`".includes(ch)) continue;
    out += ch;
  }
  return out.length > 1 && out.endsWith('h') ? out.slice(0, -1) : out;
}

const FOLDS: readonly [RegExp, string][] = [
  [/^ye/, 'e'],
  [/ue/g, 'u'],
  [/oe/g, 'o'],
  [/ae/g, 'a'],
  [/ph/g, 'f'],
  [/kh/g, 'h'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/w/g, 'v'],
  [/y/g, 'i'],
  [/ou/g, 'u'],
  [/ee/g, 'i'],
  [/x/g, 'ks'],
  [/(.)\1+/g, '$1'],
];

/**
 * A token's spelling with transliteration habits folded away: German umlauts
 * written out (ue, oe), Russian endings (-ey, -ei, -iy), French "ou", doubled
 * letters. Two spellings of one name usually fold to the same string.
 *
 * @example foldSpelling('sergey') === foldSpelling('sergei') // true
 */
export function foldSpelling(text: string): string {
  let out = foldMemo.get(text);
  if (out !== undefined) return out;
  out = text;
  for (const [re, to] of FOLDS) out = out.replace(re, to);
  if (foldMemo.size >= 200_000) foldMemo.clear();
  foldMemo.set(text, out);
  return out;
}

/** Folding runs fourteen replacements; tokens repeat, so remember them. */
const foldMemo = new Map<string, string>();
