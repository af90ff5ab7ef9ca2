import type { NameToken, NormalisedName } from './text/normalise-name.ts';
import { foldSpelling, skeletonOf } from './text/normalise-name.ts';
import {
  type ComparableToken,
  MIN_TOKEN_SIMILARITY,
  type TokenHow,
  tokenSimilarity,
} from './text/token-similarity.ts';

/** How one query token fared against the listed name. */
export interface TokenExplanation {
  /** Query token(s); null for a listed token nothing in the query matched. */
  readonly query: string | null;
  /** Listed token(s); null for a query token that matched nothing. */
  readonly listed: string | null;
  readonly similarity: number;
  readonly how: TokenHow | 'unmatched' | 'missing';
}

/** The score of one name against another, token by token. */
export interface NameComparison {
  /** 0 to 1. */
  readonly score: number;
  readonly tokens: readonly TokenExplanation[];
}

export interface CompareOptions {
  /**
   * How much an unmatched token on the longer side counts, 0 to 1. Persons are
   * often given without their middle names, so 0.5 suits them; 1 for companies
   * and vessels, where an extra word usually means another entity.
   */
  readonly extraTokenWeight?: number;
  /** False skips the token-by-token explanation (for ranking many candidates; explain the winners after). */
  readonly explain?: boolean;
}

export interface Span {
  /** A run that starts like an Arabic compound name or contains the article ("abd al rahman", "nasr al lah"). */
  readonly compound: boolean;
  readonly start: number;
  readonly end: number; // exclusive
  readonly token: ComparableToken;
  readonly weight: number;
}

interface Pairing {
  readonly q: Span;
  readonly c: Span;
  readonly score: number;
  readonly how: TokenHow;
}

/**
 * Compare two normalised names, independent of token order, tolerant of
 * typos, phonetic variants, initials, transliteration and tokens written
 * together or apart ("Abdul Hai" and "Abdulhai", "Xi Jin Ping" and "Xi Jinping").
 * The score is the weighted share of both names' tokens that found a partner,
 * times how alike the partners are.
 *
 * @example compareNames(normaliseName('SALEK, Abdulhai'), normaliseName('Abdul Hai Salek')).score // ~0.95
 */
export function compareNames(
  query: NormalisedName | PreparedName,
  listed: NormalisedName | PreparedName,
  options: CompareOptions = {},
): NameComparison {
  const qp = 'spans' in query ? query : prepareName(query);
  const cp = 'spans' in listed ? listed : prepareName(listed);
  const q = qp.tokens;
  const c = cp.tokens;
  if (q.length === 0 || c.length === 0) return { score: 0, tokens: [] };
  const pairings = align(qp.spans, cp.spans, q.length, c.length);
  const usedQ = new Array<boolean>(q.length).fill(false);
  const usedC = new Array<boolean>(c.length).fill(false);
  let matched = 0;
  for (const p of pairings) {
    for (let i = p.q.start; i < p.q.end; i++) usedQ[i] = true;
    for (let i = p.c.start; i < p.c.end; i++) usedC[i] = true;
    matched += p.score * (p.q.weight + p.c.weight);
  }
  const extra = options.extraTokenWeight ?? 1;
  const qLonger = q.length > c.length;
  let total = 0;
  for (let i = 0; i < q.length; i++) total += unmatchedWeight(q[i]!, usedQ[i]!, qLonger ? extra : 1);
  for (let i = 0; i < c.length; i++) total += unmatchedWeight(c[i]!, usedC[i]!, qLonger ? 1 : extra);
  const score = total > 0 ? Math.min(1, matched / total) : 0;
  return { score, tokens: options.explain === false ? [] : explain(q, c, pairings, usedQ, usedC) };
}

/**
 * What a token weighs in the denominator. A number that found no partner
 * counts double: "Kum Un San 3" is another ship than "Kum Un San".
 */
function unmatchedWeight(t: NameToken, used: boolean, extra: number): number {
  if (used) return t.weight;
  return t.role === 'number' ? 2 * t.weight : t.weight * extra;
}

/** A normalised name with its joinable runs worked out once, for names compared many times. */
export interface PreparedName extends NormalisedName {
  readonly spans: readonly Span[];
}

/**
 * Prepare a normalised name for repeated comparison.
 *
 * @example const listed = prepareName(normaliseName('Abdul Hai Salek', 'person'))
 */
export function prepareName(name: NormalisedName): PreparedName {
  // Spans are worked out on first use: most screened names meet no candidate and never need them.
  let spans: Span[] | undefined;
  return {
    tokens: name.tokens,
    removed: name.removed,
    get spans() {
      spans ??= spansOf(name.tokens);
      return spans;
    },
  };
}

/** First words of Arabic compound names, in Latin and in transliterated Arabic script (عبد -> bd, أبو -> bw). */
const COMPOUND_HEADS: ReadonlySet<string> = new Set(
  'abd abdul abdel abdal abdol abu abou bu al el ul ud ad ar as at an az bd bw b abdu'.split(' '),
);

/** Single tokens, plus runs of two or three written together on the other side. */
function spansOf(tokens: readonly NameToken[]): Span[] {
  const spans: Span[] = tokens.map((t, i) => ({
    compound: false,
    start: i,
    end: i + 1,
    token: t,
    weight: t.weight,
  }));
  for (let len = 2; len <= 3; len++) {
    for (let i = 0; i + len <= tokens.length; i++) {
      const part = tokens.slice(i, i + len);
      if (part.some((t) => t.role === 'initial')) continue;
      const text = part.map((t) => t.text).join('');
      spans.push({
        compound: COMPOUND_HEADS.has(part[0]!.text) || part.some((t) => t.text === 'al' || t.text === 'el'),
        start: i,
        end: i + len,
        token: {
          text,
          abjad: part.some((t) => t.abjad),
          skeleton: skeletonOf(text),
          phonetic: '',
          folded: foldSpelling(text),
        },
        weight: part.reduce((s, t) => s + t.weight, 0),
      });
    }
  }
  return spans;
}

/** Greedy one-to-one alignment, best pairs first; a joined run must beat its parts. */
function align(qs: readonly Span[], cs: readonly Span[], nq: number, nc: number): Pairing[] {
  const candidates: Pairing[] = [];
  for (let ai = 0; ai < qs.length; ai++) {
    const a = qs[ai]!;
    const aJoined = a.end - a.start > 1;
    for (const b of cs) {
      const bJoined = b.end - b.start > 1;
      if (aJoined && bJoined) continue;
      const joined = aJoined || bJoined;
      // An initial stands for one word, never for several written together.
      if (joined && (a.token.text.length === 1 || b.token.text.length === 1)) continue;
      const sim = tokenSimilarity(a.token, b.token);
      if (sim.score < MIN_TOKEN_SIMILARITY) continue;
      // Joining by consonants alone is too loose ("Ava Alijani" is not "Walijan"), except
      // after the heads of Arabic compound names: "Abd al-Rahman", "Abu Bakr".
      if (joined && sim.how === 'consonants' && !(aJoined ? a : b).compound) continue;
      candidates.push({
        q: a,
        c: b,
        score: sim.score,
        how: joined && sim.how === 'exact' ? 'joined' : sim.how,
      });
    }
  }
  candidates.sort((x, y) => y.score - x.score || covered(y) - covered(x));
  const usedQ = new Uint8Array(nq);
  const usedC = new Uint8Array(nc);
  const chosen: Pairing[] = [];
  for (const p of candidates) {
    if (isUsed(usedQ, p.q) || isUsed(usedC, p.c)) continue;
    markUsed(usedQ, p.q);
    markUsed(usedC, p.c);
    chosen.push(p);
  }
  return chosen;
}

function covered(p: Pairing): number {
  return p.q.end - p.q.start + p.c.end - p.c.start;
}

function isUsed(used: Uint8Array, s: Span): boolean {
  for (let i = s.start; i < s.end; i++) if (used[i]) return true;
  return false;
}

function markUsed(used: Uint8Array, s: Span): void {
  for (let i = s.start; i < s.end; i++) used[i] = 1;
}

function explain(
  q: readonly NameToken[],
  c: readonly NameToken[],
  pairings: readonly Pairing[],
  usedQ: readonly boolean[],
  usedC: readonly boolean[],
): TokenExplanation[] {
  const out: { at: number; e: TokenExplanation }[] = [];
  const words = (ts: readonly NameToken[], s: Span) =>
    ts
      .slice(s.start, s.end)
      .map((t) => t.text)
      .join(' ');
  for (const p of pairings) {
    out.push({
      at: p.q.start,
      e: { query: words(q, p.q), listed: words(c, p.c), similarity: round(p.score), how: p.how },
    });
  }
  q.forEach((t, i) => {
    if (!usedQ[i]) out.push({ at: i, e: { query: t.text, listed: null, similarity: 0, how: 'unmatched' } });
  });
  out.sort((a, b) => a.at - b.at);
  c.forEach((t, i) => {
    if (!usedC[i])
      out.push({ at: q.length + i, e: { query: null, listed: t.text, similarity: 0, how: 'missing' } });
  });
  return out.map((o) => o.e);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
