import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ListFormat, type ListText, parseList, type Watchlist } from '@sieve/core/watchlist';

/**
 * Reads a list from disk: OFAC (a folder holding sdn.csv, alt.csv and
 * add.csv, or sdn.csv itself with the others beside it), the UN consolidated
 * XML, or a lookout CSV. The list id defaults to `ofac-sdn`, `un` or
 * `lookouts`, as over HTTP; the version to the list's own date (UN) or the
 * file's modification date.
 */
export function loadListFile(
  format: ListFormat,
  path: string,
  opts: { listId?: string; version?: string; name?: string },
): Watchlist {
  if (!existsSync(path)) throw new Error(`no such file or folder: ${path}`);
  let main = path;
  const text: Partial<ListText> = {};
  if (format === 'ofac') {
    const dir = statSync(path).isDirectory() ? path : dirname(path);
    main = statSync(path).isDirectory() ? join(dir, 'sdn.csv') : path;
    if (!existsSync(main)) throw new Error(`OFAC list: expected sdn.csv in ${dir}`);
    for (const [part, file] of [
      ['alt', 'alt.csv'],
      ['add', 'add.csv'],
      ['comments', 'sdn_comments.csv'],
    ] as const) {
      if (existsSync(join(dir, file))) text[part] = readFileSync(join(dir, file), 'utf8');
    }
  }
  return parseList(
    format,
    { ...text, content: readFileSync(main, 'utf8') },
    {
      ...(opts.listId ? { listId: opts.listId } : {}),
      ...(opts.version ? { version: opts.version } : {}),
      ...(opts.name ? { name: opts.name } : {}),
      fallbackVersion: statSync(main).mtime.toISOString().slice(0, 10),
    },
  );
}
