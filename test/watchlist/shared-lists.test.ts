import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  countryCodeOf,
  parseOfacSdn,
  parseUnConsolidated,
  type ScreeningQuery,
  WatchlistIndex,
} from '@sieve/core/watchlist';
import { parse } from 'csv-parse/sync';

// Real lists and the yente screening fixtures from ../shared/data. A sample keeps this fast;
// the full evaluation is `npm run bench:watchlist-eval` (figures in BENCHMARKS.md).
const data = new URL('../../../shared/data/', import.meta.url).pathname;
const needed = [
  'watchlists/UN_consolidated.xml',
  'watchlists/sdn.csv',
  'names/positives_un_treated.csv',
  'names/negatives_global.csv',
];
const missing = needed.filter((f) => !existsSync(join(data, f)));
const skip =
  missing.length > 0 && !process.env.CI ? `missing ../shared/data files: ${missing.join(', ')}` : false;

const rows = (f: string): Record<string, string>[] =>
  parse(readFileSync(join(data, 'names', f), 'utf8'), { columns: true });
const query = (r: Record<string, string>): ScreeningQuery => {
  const c = r.nationality ? countryCodeOf(r.nationality) : undefined;
  return {
    name: r.full_name ?? '',
    kinds: ['person'],
    ...(r.date_of_birth ? { birthDate: r.date_of_birth } : {}),
    ...(c ? { countries: [c] } : {}),
  };
};

test('treated UN positives find their entry in the top 3 (sample of 200)', { skip }, () => {
  assert.deepEqual(missing, [], `missing ../shared/data files: ${missing.join(', ')}`);
  const index = WatchlistIndex.build([
    parseUnConsolidated(readFileSync(join(data, 'watchlists/UN_consolidated.xml'), 'utf8')),
  ]);
  const treated = rows('positives_un_treated.csv');
  const untreated = rows('positives_un_untreated.csv');
  let found = 0;
  const sample = treated
    .map((_, i) => i)
    .filter((i) => i % 3 === 0)
    .slice(0, 200);
  for (const i of sample) {
    const truth = index.search(query(untreated[i]!), { limit: 1 })[0]?.entryId;
    if (index.search(query(treated[i]!), { limit: 3 }).some((h) => h.entryId === truth)) found++;
  }
  assert.ok(found / sample.length >= 0.97, `top-3 ${found}/${sample.length}`);
});

test('negatives are rarely flagged against UN and OFAC at the default threshold (sample of 2,000)', {
  skip,
}, () => {
  assert.deepEqual(missing, [], `missing ../shared/data files: ${missing.join(', ')}`);
  const read = (f: string) => readFileSync(join(data, 'watchlists', f), 'utf8');
  const index = WatchlistIndex.build([
    parseUnConsolidated(read('UN_consolidated.xml')),
    parseOfacSdn({ sdn: read('sdn.csv'), alt: read('alt.csv'), add: read('add.csv') }, { version: 'shared' }),
  ]);
  const negatives = rows('negatives_global.csv').slice(0, 2000);
  const flagged = negatives.filter((r) => index.screen(query(r)).length > 0).length;
  assert.ok(flagged / negatives.length <= 0.01, `${flagged} of ${negatives.length} flagged`);
});
