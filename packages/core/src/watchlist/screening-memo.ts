import type { ScreeningQuery } from './model.ts';
import type { ScreeningHit } from './screening-hit.ts';
import type { ScreenOptions, WatchlistIndex } from './watchlist-index.ts';

/** What screening a record needs of an index: {@link WatchlistIndex} itself, or a {@link ScreeningMemo} in front of it. */
export type Screener = Pick<WatchlistIndex, 'screen' | 'lists'>;

/**
 * Remembers the screenings made against one index. Declarations name the
 * same importers, declarants, carriers and vessels over and over (activity is
 * long-tailed), and an index never changes once built, so the same query on
 * the same day gets the same hits: the memo answers repeats without scoring
 * the candidates again. Bounded: the least recently used screening is
 * forgotten beyond `max`. The hits it returns are frozen and shared.
 *
 * @example
 * const screener = new ScreeningMemo(WatchlistIndex.build(lists));
 * screenParties(subjectsOfDeclaration(d), screener, policies);
 */
export class ScreeningMemo implements Screener {
  private readonly memo = new Map<string, ScreeningHit[]>();

  constructor(
    readonly index: WatchlistIndex,
    private readonly max = 50_000,
  ) {}

  get lists(): WatchlistIndex['lists'] {
    return this.index.lists;
  }

  screen(query: ScreeningQuery, options: ScreenOptions = {}): ScreeningHit[] {
    const key = JSON.stringify([
      query.name,
      query.kinds,
      query.birthDate,
      query.countries,
      query.identifiers,
      options.threshold,
      options.limit,
      options.lists,
      options.on,
    ]);
    const known = this.memo.get(key);
    if (known) {
      // Most recently used last: Map keeps insertion order.
      this.memo.delete(key);
      this.memo.set(key, known);
      return known;
    }
    const hits = Object.freeze(this.index.screen(query, options)) as ScreeningHit[];
    this.memo.set(key, hits);
    if (this.memo.size > this.max) this.memo.delete(this.memo.keys().next().value as string);
    return hits;
  }
}
