import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countryCodeOf, DEFAULT_THRESHOLD, type ScreeningQuery, WatchlistIndex } from '@sieve/core/watchlist';
import { parse } from 'csv-parse/sync';
import { loadSharedLists, SHARED_DATA } from './watchlist-data.ts';

/**
 * Screening quality on ../shared/data/names: top-3 recall of the 683 treated
 * UN positives against the UN list, and the share of the 50,000 negatives
 * flagged against UN and OFAC at the default threshold.
 * Usage: npm run bench:watchlist-eval [-- --negatives 5000] [-- --no-attributes]
 */
const args = process.argv.slice(2);
const negLimit = Number(args[args.indexOf('--negatives') + 1]) || Number.POSITIVE_INFINITY;
const useAttributes = !args.includes('--no-attributes');
const verbose = args.includes('--verbose');

type Row = Record<string, string>;
const readCsv = (f: string): Row[] =>
  parse(readFileSync(join(SHARED_DATA, 'names', f), 'utf8'), { columns: true });
const toQuery = (r: Row): ScreeningQuery => {
  const q: ScreeningQuery = { name: r.full_name ?? '', kinds: ['person'] };
  if (!useAttributes) return q;
  const country = r.nationality ? countryCodeOf(r.nationality) : undefined;
  return {
    ...q,
    ...(r.date_of_birth ? { birthDate: r.date_of_birth } : {}),
    ...(country ? { countries: [country] } : {}),
  };
};

const { un, ofac } = loadSharedLists();
const unIndex = WatchlistIndex.build([un]);
const bothIndex = WatchlistIndex.build([un, ofac]);

// Positives: the right entry is the one whose untreated (as listed) name is the query's source.
const treated = readCsv('positives_un_treated.csv');
const untreated = readCsv('positives_un_untreated.csv');
let top1 = 0;
let top3 = 0;
let flaggedPositives = 0;
treated.forEach((r, i) => {
  const truth = unIndex.search(toQuery(untreated[i]!), { limit: 1 })[0]?.entryId;
  const hits = unIndex.search(toQuery(r), { limit: 3 });
  const rank = hits.findIndex((h) => h.entryId === truth);
  if (rank === 0) top1++;
  if (rank >= 0) top3++;
  if (hits[0] && hits[0].entryId === truth && hits[0].score >= DEFAULT_THRESHOLD) flaggedPositives++;
  if (verbose && rank < 0)
    console.error(
      `miss: ${r.full_name} (source ${untreated[i]!.full_name}) -> ${hits.map((h) => `${h.name} ${h.score}`).join(' | ')}`,
    );
});

const negatives = readCsv('negatives_global.csv').slice(0, negLimit);
let flagged = 0;
const t0 = performance.now();
for (const r of negatives) {
  const hits = bothIndex.screen(toQuery(r), { limit: 1 });
  if (hits.length > 0) {
    flagged++;
    if (verbose && flagged <= 40)
      console.error(
        `false alarm: ${r.full_name} ${r.date_of_birth} -> ${hits[0]!.matchedName.name} ${hits[0]!.score} ${JSON.stringify(hits[0]!.factors)}`,
      );
  }
}
const secs = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    attributes: useAttributes,
    threshold: DEFAULT_THRESHOLD,
    positives: treated.length,
    top1: +(top1 / treated.length).toFixed(4),
    top3: +(top3 / treated.length).toFixed(4),
    positives_flagged: +(flaggedPositives / treated.length).toFixed(4),
    negatives: negatives.length,
    negatives_flagged: +(flagged / negatives.length).toFixed(4),
    negatives_per_s: Math.round(negatives.length / secs),
  }),
);
