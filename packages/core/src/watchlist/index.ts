/**
 * Watchlist screening: the deductive layer of risk assessment. Import with
 * `import { WatchlistIndex } from '@sieve/core/watchlist'`.
 */
export * from './attribute-match.ts';
export * from './import/dates.ts';
export * from './import/identifier-schemes.ts';
export * from './import/lookout-csv.ts';
export * from './import/ofac-sdn.ts';
export * from './import/parse-list.ts';
export * from './import/un-consolidated.ts';
export * from './model.ts';
export * from './name-match.ts';
export * from './name-pair.ts';
export * from './screen-parties.ts';
export * from './screening-hit.ts';
export * from './screening-memo.ts';
export * from './text/country-names.ts';
export * from './text/normalise-name.ts';
export * from './text/token-similarity.ts';
export * from './watchlist-error.ts';
export * from './watchlist-index.ts';
