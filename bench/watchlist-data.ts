import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOfacSdn, parseUnConsolidated, type Watchlist } from '@sieve/core/watchlist';

/** ../shared/data beside the project root (benchmarks and evaluations read public data from there). */
export const SHARED_DATA = new URL('../../shared/data/', import.meta.url).pathname;

/** The public lists in ../shared/data/watchlists, or an error naming what is missing. */
export function loadSharedLists(): { un: Watchlist; ofac: Watchlist } {
  const dir = join(SHARED_DATA, 'watchlists');
  const need = ['UN_consolidated.xml', 'sdn.csv', 'alt.csv', 'add.csv'].map((f) => join(dir, f));
  const missing = need.filter((f) => !existsSync(f));
  if (missing.length > 0)
    throw new Error(`missing watchlist data: ${missing.join(', ')} (expected ../shared/data)`);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const un = parseUnConsolidated(read('UN_consolidated.xml'));
  const ofac = parseOfacSdn(
    { sdn: read('sdn.csv'), alt: read('alt.csv'), add: read('add.csv') },
    { version: 'shared' },
  );
  return { un, ofac };
}
