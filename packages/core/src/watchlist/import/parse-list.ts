import type { Watchlist } from '../model.ts';
import { parseLookoutCsv } from './lookout-csv.ts';
import { type OfacSdnFiles, parseOfacSdn } from './ofac-sdn.ts';
import { parseUnConsolidated } from './un-consolidated.ts';

/** The list formats Sieve imports. */
export const LIST_FORMATS = ['ofac', 'un', 'lookouts'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/**
 * The text of a list: `content` is the main file (OFAC's sdn.csv, the UN
 * XML, the lookout CSV); OFAC's alt.csv, add.csv and sdn_comments.csv may
 * come beside it.
 */
export interface ListText {
  content: string;
  alt?: string;
  add?: string;
  comments?: string;
}

export interface ListMeta {
  /** Default: `ofac-sdn`, `un`, or `lookouts`. */
  listId?: string;
  /** The version label; the UN list defaults to its own date, the others to `fallbackVersion`. */
  version?: string;
  /** Display name of a lookout list. */
  name?: string;
  /** The version when none is given and the list carries none (the file's date, the day of upload). */
  fallbackVersion: string;
}

/**
 * Reads a list of any supported format from its text, whatever brought it
 * (a file for the CLI, a request body for the server).
 *
 * @example parseList('lookouts', { content: csv }, { listId: 'kr-lookouts', fallbackVersion: '2026-03-01' })
 */
export function parseList(format: ListFormat, text: ListText, meta: ListMeta): Watchlist {
  const version = meta.version ?? meta.fallbackVersion;
  const listId = meta.listId ? { listId: meta.listId } : {};
  if (format === 'ofac') {
    const files: OfacSdnFiles = {
      sdn: text.content,
      ...(text.alt ? { alt: text.alt } : {}),
      ...(text.add ? { add: text.add } : {}),
      ...(text.comments ? { comments: text.comments } : {}),
    };
    return parseOfacSdn(files, { version, ...listId });
  }
  if (format === 'un') {
    const list = parseUnConsolidated(text.content, listId);
    const own = list.version === 'unknown' ? undefined : list.version;
    return { ...list, version: meta.version ?? own ?? meta.fallbackVersion };
  }
  return parseLookoutCsv(text.content, {
    listId: meta.listId ?? 'lookouts',
    version,
    ...(meta.name ? { name: meta.name } : {}),
  });
}
