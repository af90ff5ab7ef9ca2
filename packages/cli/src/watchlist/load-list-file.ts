import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseLookoutCsv, parseOfacSdn, parseUnConsolidated, type Watchlist } from '@sieve/core/watchlist';

export const LIST_FORMATS = ['ofac', 'un', 'lookouts'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/**
 * Reads a list from disk: OFAC (a folder holding sdn.csv, alt.csv and
 * add.csv, or sdn.csv itself with the others beside it), the UN consolidated
 * XML, or a lookout CSV. The version defaults to the list's own date (UN) or
 * the file's modification date.
 */
export function loadListFile(
  format: ListFormat,
  path: string,
  opts: { listId?: string; version?: string; name?: string },
): Watchlist {
  if (!existsSync(path)) throw new Error(`no such file or folder: ${path}`);
  const fileDate = statSync(path).mtime.toISOString().slice(0, 10);
  if (format === 'ofac') {
    const dir = statSync(path).isDirectory() ? path : dirname(path);
    const sdnPath = statSync(path).isDirectory() ? join(dir, 'sdn.csv') : path;
    const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined);
    if (!existsSync(sdnPath)) throw new Error(`OFAC list: expected sdn.csv in ${dir}`);
    const alt = read('alt.csv');
    const add = read('add.csv');
    const comments = read('sdn_comments.csv');
    return parseOfacSdn(
      {
        sdn: readFileSync(sdnPath, 'utf8'),
        ...(alt ? { alt } : {}),
        ...(add ? { add } : {}),
        ...(comments ? { comments } : {}),
      },
      {
        version: opts.version ?? statSync(sdnPath).mtime.toISOString().slice(0, 10),
        ...(opts.listId ? { listId: opts.listId } : {}),
      },
    );
  }
  if (format === 'un') {
    const list = parseUnConsolidated(readFileSync(path, 'utf8'), opts.listId ? { listId: opts.listId } : {});
    return opts.version ? { ...list, version: opts.version } : list;
  }
  const listId = opts.listId ?? basename(path).replace(/\.[^.]+$/, '');
  return parseLookoutCsv(readFileSync(path, 'utf8'), {
    listId,
    version: opts.version ?? fileDate,
    ...(opts.name ? { name: opts.name } : {}),
  });
}
