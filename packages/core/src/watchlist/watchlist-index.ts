import { attributeFactors, canonicalIdentifier } from './attribute-match.ts';
import type { EntryKind, EntryName, ScreeningQuery, Watchlist, WatchlistEntry } from './model.ts';
import { compareNames, type PreparedName, prepareName } from './name-match.ts';
import type { ScreeningHit } from './screening-hit.ts';
import {
  foldSpelling,
  type NameKind,
  type NameToken,
  normaliseName,
  skeletonOf,
} from './text/normalise-name.ts';
import { type ComparableToken, MIN_TOKEN_SIMILARITY, tokenSimilarity } from './text/token-similarity.ts';

/** Default match threshold (0 to 1) for a list that sets none; tuned on the evaluation sets in BENCHMARKS.md. */
export const DEFAULT_THRESHOLD = 0.8;

/** Options of one screening. */
export interface ScreenOptions {
  /** A number for every list, or a threshold per list id (lists not named use {@link DEFAULT_THRESHOLD}). */
  readonly threshold?: number | Readonly<Record<string, number>>;
  /** At most this many hits, best first (default 10). */
  readonly limit?: number;
  /** Only these lists. */
  readonly lists?: readonly string[];
  /** The day of the screening (YYYY-MM-DD): lookouts that expired before it are skipped. */
  readonly on?: string;
}

interface IndexedName {
  readonly entry: number;
  readonly name: EntryName;
  readonly prepared: PreparedName;
  /** Sum of token weights: with the query's, bounds the score before precise comparison. */
  readonly weight: number;
}

/** Score cost of matching only a weak alias (nicknames, short forms the publisher rates low). */
const WEAK_ALIAS_FACTOR = 0.9;
/** Candidates scored precisely per screening, best estimates first. */
const MAX_CANDIDATES = 15;
/**
 * Per-name scratch slots while collecting candidates: accumulator stamp,
 * accumulator, term stamp, term's best credit, the word that gave it, the
 * word an earlier term took.
 */
const STRIDE = 6;
/** Query tokens remembered with their similar vocabulary; cleared when full, so memory stays bounded. */
const SIMILAR_CACHE_SIZE = 100_000;

/**
 * Watchlists made searchable. Building normalises every name and alias once
 * and indexes their tokens under typo-tolerant keys (the token and its
 * one-letter deletions), phonetic keys and consonant skeletons, so a
 * screening looks up a few keys per query token instead of scanning the list,
 * then scores the few candidates precisely.
 *
 * @example
 * const index = WatchlistIndex.build([un, ofac]);
 * index.screen({ name: 'Ayman al Zawahiri', birthDate: '1951-06-19' }); // [{ entryId: 'un:QDi.006', score: 1, ... }]
 */
export class WatchlistIndex {
  readonly lists: readonly { id: string; name: string; version: string; entries: number }[];
  private readonly entries: WatchlistEntry[] = [];
  private readonly listVersion: string[] = [];
  private readonly entryIndex = new Map<string, number>();
  private readonly names: IndexedName[] = [];
  private readonly vocab: ComparableToken[] = [];
  private readonly vocabIds = new Map<string, number>();
  private postingLists: number[][] = [];
  private readonly keys = new Map<string, number[]>();
  private readonly byIdentifier = new Map<string, number[]>();
  // Scratch space reused by every screening (an index is used by one thread at a time).
  private readonly vocabStamp: Int32Array;
  private readonly scratch: Float64Array;
  private readonly nameWeight: Float64Array;
  private stamp = 0;
  private readonly similarCache = new Map<string, number[]>();
  private round = 0;

  private constructor(lists: readonly Watchlist[]) {
    this.lists = lists.map((l) => ({
      id: l.id,
      name: l.name,
      version: l.version,
      entries: l.entries.length,
    }));
    for (const list of lists) {
      for (const e of list.entries) this.add(e, list.version);
    }
    this.vocabStamp = new Int32Array(this.vocab.length);
    this.scratch = new Float64Array(this.names.length * STRIDE);
    this.nameWeight = Float64Array.from(this.names, (n) => n.weight);
  }

  /** Index these lists (each one version); the index is immutable afterwards. */
  static build(lists: readonly Watchlist[]): WatchlistIndex {
    return new WatchlistIndex(lists);
  }

  /** Number of names and aliases indexed. */
  get nameCount(): number {
    return this.names.length;
  }

  /** Number of entries indexed. */
  get entryCount(): number {
    return this.entries.length;
  }

  /**
   * The entries that match `query` at or above their list's threshold, best
   * first. Never throws on any text.
   */
  screen(query: ScreeningQuery, options: ScreenOptions = {}): ScreeningHit[] {
    const t = options.threshold;
    // Own properties only: a list called "constructor" must not find Object's.
    const thresholdOf = (list: string) =>
      typeof t === 'number'
        ? t
        : t && Object.hasOwn(t, list)
          ? (t[list] ?? DEFAULT_THRESHOLD)
          : DEFAULT_THRESHOLD;
    const floor = Math.min(DEFAULT_THRESHOLD, ...this.lists.map((l) => thresholdOf(l.id)));
    return this.run(query, options, floor, thresholdOf);
  }

  /**
   * The `limit` closest entries whatever their score (for an officer's search
   * and for measuring ranking), best first; `threshold` in each hit says
   * whether screening would have flagged it.
   */
  search(
    query: ScreeningQuery,
    options: Omit<ScreenOptions, 'threshold'> & { threshold?: number } = {},
  ): ScreeningHit[] {
    const t = options.threshold ?? DEFAULT_THRESHOLD;
    return this.run(query, { ...options, threshold: t }, 0, () => t);
  }

  private run(
    query: ScreeningQuery,
    options: ScreenOptions,
    floor: number,
    thresholdOf: (list: string) => number,
  ): ScreeningHit[] {
    const prepared = prepareName(
      normaliseName(typeof query.name === 'string' ? query.name : '', queryKind(query)),
    );
    const candidates = this.candidates(prepared, floor);
    for (const e of this.identifierEntries(query)) candidates.push(...this.namesOf(e));
    const bestByEntry = new Map<number, { n: IndexedName; score: number }>();
    for (const n of candidates) {
      const entry = this.entries[n.entry]!;
      if (!this.admits(entry, query, options)) continue;
      const cmp = compareNames(prepared, n.prepared, {
        extraTokenWeight: extraWeightOf(entry),
        explain: false,
      });
      const score = cmp.score * (n.name.strength === 'weak' ? WEAK_ALIAS_FACTOR : 1);
      const prev = bestByEntry.get(n.entry);
      if (!prev || score > prev.score) bestByEntry.set(n.entry, { n, score });
    }
    const hits: ScreeningHit[] = [];
    for (const [i, best] of bestByEntry) {
      const entry = this.entries[i]!;
      const { factors, settled } = attributeFactors(query, entry);
      const raw = settled ? 1 : best.score + factors.reduce((s, f) => s + f.effect, 0);
      const score = Math.round(Math.max(0, Math.min(1, raw)) * 1000) / 1000;
      const threshold = thresholdOf(entry.list);
      if (floor > 0 && score < threshold) continue;
      hits.push({
        entryId: entry.id,
        list: entry.list,
        listVersion: this.listVersion[i]!,
        kind: entry.kind,
        name: entry.names[0]!.name,
        matchedName: best.n.name,
        score,
        nameScore: Math.round(best.score * 1000) / 1000,
        threshold,
        tokens: [],
        ignored: [...prepared.removed, ...best.n.prepared.removed],
        factors,
        ...(entry.program ? { program: entry.program } : {}),
        ...(entry.reason ? { reason: entry.reason } : {}),
      });
    }
    hits.sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId));
    // Explain only what is returned: the explanation allocates, ranking does not need it.
    return hits.slice(0, options.limit ?? 10).map((h) => {
      const best = bestByEntry.get(this.entryIndex.get(h.entryId)!)!;
      const entry = this.entries[best.n.entry]!;
      const cmp = compareNames(prepared, best.n.prepared, { extraTokenWeight: extraWeightOf(entry) });
      return { ...h, tokens: cmp.tokens };
    });
  }

  private admits(entry: WatchlistEntry, query: ScreeningQuery, options: ScreenOptions): boolean {
    if (query.kinds && query.kinds.length > 0 && !query.kinds.includes(entry.kind)) return false;
    if (options.lists && !options.lists.includes(entry.list)) return false;
    if (options.on && entry.validUntil && entry.validUntil < options.on) return false;
    return true;
  }

  /**
   * Names worth precise scoring: every query token (and every pair of
   * adjacent tokens, for names written together) looks up its keys, keeps
   * the vocabulary tokens that are really alike, and credits the names that
   * contain them. Names whose estimated score cannot reach `floor` are dropped.
   */
  private candidates(query: PreparedName, floor: number): IndexedName[] {
    const terms = searchTerms(query.tokens);
    if (terms.length === 0) return [];
    const round = ++this.round;
    const touched: number[] = [];
    // One interleaved array (see STRIDE) and locals, not fields: a name's values share a cache
    // line, which matters when the postings are scattered.
    const scratch = this.scratch;
    const postingLists = this.postingLists;
    for (const term of terms) {
      const stamp = ++this.stamp;
      const similar = this.similarVocabulary(term);
      for (let k = 0; k < similar.length; k += 2) {
        const v = similar[k]!;
        const postings = postingLists[v]!;
        const credit = similar[k + 1]! * term.weight;
        for (let i = 0; i < postings.length; i++) {
          const at = postings[i]! * STRIDE;
          if (scratch[at] !== round) {
            scratch[at] = round;
            scratch[at + 1] = 0;
            scratch[at + 3] = 0;
            scratch[at + 5] = -1;
            touched.push(postings[i]!);
          }
          if (scratch[at + 2] !== stamp) {
            // A new term: the word the previous term matched best is taken (one-to-one, as the
            // precise alignment will be), so "Muhammad Muhammadi" does not count "Muhammad" twice.
            if (scratch[at + 3]! > 0) scratch[at + 5] = scratch[at + 4]!;
            scratch[at + 2] = stamp;
            scratch[at + 3] = 0;
          }
          if (v === scratch[at + 5]) continue;
          const best = scratch[at + 3]!;
          if (credit > best) {
            scratch[at + 1] = scratch[at + 1]! + credit - best;
            scratch[at + 3] = credit;
            scratch[at + 4] = v;
          }
        }
      }
    }
    const qWeight = query.tokens.reduce((s, t) => s + t.weight, 0);
    const weights = this.nameWeight;
    // Room for what the estimate cannot see: date of birth and country (+0.11 at most), and
    // tokens written together on one side only.
    const cut = floor - 0.2;
    // The best MAX_CANDIDATES by estimate, kept without sorting everything: a common name
    // ("Muhammad") touches thousands of names.
    const top = new TopK(MAX_CANDIDATES);
    for (const n of touched) {
      const matched = Math.min(scratch[n * STRIDE + 1]!, qWeight);
      // Both sides matched about as much weight as the query did; the listed name's other tokens count
      // at the lenient half that a person's missing middle names get, so this errs high.
      const unmatched = Math.max(0, weights[n]! - matched);
      const est = (2 * matched) / (qWeight + matched + 0.5 * unmatched);
      if (est >= cut) top.offer(n, est);
    }
    return top.best().map((n) => this.names[n]!);
  }

  /**
   * Vocabulary tokens alike enough to `term`, as pairs (id, similarity).
   * Memoised: names are Zipfian ("muhammad", "ali", "wang"), so most query
   * tokens were seen before and cost one map lookup.
   */
  private similarVocabulary(term: Term): number[] {
    const key = `${term.joined ? '+' : ''}${term.token.abjad ? '*' : ''}${term.token.text}`;
    const cached = this.similarCache.get(key);
    if (cached) return cached;
    const out: number[] = [];
    for (const v of this.lookup(term.token, term.joined)) {
      const sim = tokenSimilarity(term.token, this.vocab[v]!).score;
      if (sim >= MIN_TOKEN_SIMILARITY) out.push(v, sim);
    }
    if (this.similarCache.size >= SIMILAR_CACHE_SIZE) this.similarCache.clear();
    this.similarCache.set(key, out);
    return out;
  }

  private lookup(token: ComparableToken, joined: boolean): number[] {
    const found: number[] = [];
    const take = (key: string) => {
      const ids = this.keys.get(key);
      if (!ids) return;
      for (const v of ids) {
        if (this.vocabStamp[v] === this.stamp) continue;
        this.vocabStamp[v] = this.stamp;
        found.push(v);
      }
    };
    if (!joined) {
      for (const k of typoKeys(token.text)) take(k);
      if (token.phonetic.length >= 3) take(`p:${token.phonetic}`);
    } else take(`d:${token.text}`);
    if (token.abjad && token.skeleton.length >= 2) take(`s:${token.skeleton}`);
    return found;
  }

  private identifierEntries(query: ScreeningQuery): number[] {
    const out: number[] = [];
    for (const id of query.identifiers ?? []) {
      for (const e of this.byIdentifier.get(canonicalIdentifier(id.value)) ?? [])
        if (!out.includes(e)) out.push(e);
    }
    return out;
  }

  private namesOf(entry: number): IndexedName[] {
    return this.names.filter((n) => n.entry === entry);
  }

  private add(entry: WatchlistEntry, version: string): void {
    const e = this.entries.length;
    this.entries.push(entry);
    this.entryIndex.set(entry.id, e);
    this.listVersion.push(version);
    const kind = nameKindOf(entry.kind);
    for (const name of entry.names) {
      const prepared = prepareName(normaliseName(name.name, kind));
      if (prepared.tokens.length === 0) continue;
      const n = this.names.length;
      this.names.push({
        entry: e,
        name,
        prepared,
        weight: prepared.tokens.reduce((s, t) => s + t.weight, 0),
      });
      for (const term of searchTerms(prepared.tokens)) this.post(term.token, n, term.joined);
    }
    for (const id of entry.identifiers) {
      const key = canonicalIdentifier(id.value);
      if (key.length < 4) continue;
      const list = this.byIdentifier.get(key) ?? [];
      list.push(e);
      this.byIdentifier.set(key, list);
    }
  }

  private post(token: ComparableToken, name: number, joined: boolean): void {
    const vkey = `${joined ? '+' : ''}${token.abjad ? '*' : ''}${token.text}`;
    let v = this.vocabIds.get(vkey);
    if (v === undefined) {
      v = this.vocab.length;
      this.vocab.push(token);
      this.vocabIds.set(vkey, v);
      this.postingLists.push([]);
      const keys = joined ? [`d:${token.text}`] : typoKeys(token.text);
      if (!joined && token.phonetic.length >= 3) keys.push(`p:${token.phonetic}`);
      if (token.skeleton.length >= 2) keys.push(`s:${token.skeleton}`);
      for (const k of keys) {
        const ids = this.keys.get(k);
        if (!ids) this.keys.set(k, [v]);
        else if (ids[ids.length - 1] !== v) ids.push(v);
      }
    }
    const postings = this.postingLists[v]!;
    if (postings[postings.length - 1] !== name) postings.push(name);
  }
}

interface Term {
  readonly token: ComparableToken;
  readonly weight: number;
  /** Two adjacent tokens written together: looked up exactly, not with typo keys. */
  readonly joined: boolean;
}

/** Tokens that identify (not particles or initials), plus adjacent pairs written together. */
function searchTerms(tokens: readonly NameToken[]): Term[] {
  const terms: Term[] = [];
  for (const t of tokens)
    if (t.role === 'name' || t.role === 'generic') terms.push({ token: t, weight: t.weight, joined: false });
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.role === 'initial' || b.role === 'initial') continue;
    const text = a.text + b.text;
    terms.push({
      token: {
        text,
        abjad: a.abjad || b.abjad,
        skeleton: skeletonOf(text),
        phonetic: '',
        folded: foldSpelling(text),
      },
      weight: a.weight + b.weight,
      joined: true,
    });
  }
  return terms;
}

/** The token and, from four letters on, each one-letter deletion: two tokens one edit apart share a key. */
function typoKeys(text: string): string[] {
  const keys = [`d:${text}`];
  if (text.length < 4) return keys;
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && text[i] === text[i - 1]) continue;
    keys.push(`d:${text.slice(0, i)}${text.slice(i + 1)}`);
  }
  return keys;
}

/** Persons are often named without their middle names: the longer side's extra tokens count half. */
function extraWeightOf(entry: WatchlistEntry): number {
  return entry.kind === 'person' ? 0.5 : 1;
}

function nameKindOf(kind: EntryKind): NameKind {
  if (kind === 'person') return 'person';
  if (kind === 'company' || kind === 'organisation') return 'organisation';
  if (kind === 'vessel') return 'vessel';
  return 'any';
}

function queryKind(query: ScreeningQuery): NameKind {
  const kinds = new Set((query.kinds ?? []).map(nameKindOf));
  return kinds.size === 1 ? [...kinds][0]! : 'any';
}

/** The k items with the highest keys, in one pass; ties keep the first offered (deterministic). */
class TopK {
  private readonly items: number[] = [];
  private readonly keys: number[] = [];
  private min = 0;

  constructor(private readonly k: number) {}

  offer(item: number, key: number): void {
    if (this.items.length < this.k) {
      this.items.push(item);
      this.keys.push(key);
      if (this.items.length === this.k) this.min = this.argMin();
      return;
    }
    if (key <= this.keys[this.min]!) return;
    this.items[this.min] = item;
    this.keys[this.min] = key;
    this.min = this.argMin();
  }

  /** Items, best first. */
  best(): number[] {
    return this.items
      .map((item, i) => ({ item, key: this.keys[i]!, i }))
      .sort((a, b) => b.key - a.key || a.i - b.i)
      .map((x) => x.item);
  }

  private argMin(): number {
    let m = 0;
    for (let i = 1; i < this.keys.length; i++) if (this.keys[i]! < this.keys[m]!) m = i;
    return m;
  }
}
