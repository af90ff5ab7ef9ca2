import type { ScoreFactor } from './attribute-match.ts';
import type { EntryKind, EntryName } from './model.ts';
import type { TokenExplanation } from './name-match.ts';

/**
 * One watchlist entry that matched a query, with everything an officer needs
 * to judge it: which entry, which of its names, how each token compared, what
 * the other attributes did to the score, and why the entry is listed.
 *
 * @example
 * { entryId: 'un:QDi.006', list: 'un', listVersion: '2026-02-27', kind: 'person', score: 0.93,
 *   matchedName: { name: 'AYMAN MUHAMMED RABI AL-ZAWAHIRI', strength: 'strong', type: 'primary' }, ... }
 */
export interface ScreeningHit {
  readonly entryId: string;
  readonly list: string;
  readonly listVersion: string;
  readonly kind: EntryKind;
  /** The entry's primary name. */
  readonly name: string;
  /** The name or alias that matched best. */
  readonly matchedName: EntryName;
  /** 0 to 1: the name score plus the attribute factors (1 when an identifier settles it). */
  readonly score: number;
  readonly nameScore: number;
  /** The threshold of the hit's list that the score was held against. */
  readonly threshold: number;
  readonly tokens: readonly TokenExplanation[];
  /** Legal forms and titles set aside on either side ("ltd", "dr"). */
  readonly ignored: readonly string[];
  readonly factors: readonly ScoreFactor[];
  readonly program?: string;
  readonly reason?: string;
}
