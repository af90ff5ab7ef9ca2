import { basename } from 'node:path';
import type { ListFormat, Watchlist } from '@sieve/core/watchlist';
import type { WatchlistRepository } from '@sieve/store';
import { loadListFile } from './load-list-file.ts';

/** What `sieve watchlist import` did with a file. */
export interface ListFileImport {
  list: Watchlist;
  outcome: 'imported' | 'exists';
  /**
   * True when a lookout file given no list id went into the list named after
   * the file (the CLI's old default) because that list is already stored.
   */
  keptFileName: boolean;
}

/**
 * Reads a list file and stores it as the new active version of its list, as
 * `sieve watchlist import` does. A lookout file given no list id goes into
 * `lookouts`, as over HTTP (`POST /api/watchlists/import`) and in the demo,
 * so one list policy applies whichever way the file came in. The CLI used to
 * name a lookout list after its file: when a list of that name is stored, the
 * file keeps going into it, so an existing list keeps its versions and policy
 * rather than a second copy of it becoming active beside it.
 *
 * @example await importListFile(new WatchlistRepository(store.sql), 'lookouts', 'kr.csv', { actor: 'ana' })
 */
export async function importListFile(
  repo: WatchlistRepository,
  format: ListFormat,
  path: string,
  opts: { listId?: string; version?: string; name?: string; actor: string },
): Promise<ListFileImport> {
  const fileName = basename(path).replace(/\.[^.]+$/, '');
  const keptFileName = format === 'lookouts' && opts.listId === undefined && (await repo.hasList(fileName));
  const list = loadListFile(format, path, { ...opts, ...(keptFileName ? { listId: fileName } : {}) });
  return { list, outcome: await repo.importVersion(list, opts.actor), keptFileName };
}
