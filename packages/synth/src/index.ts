/**
 * @sieve/synth: a seeded generator of synthetic customs data (declarations,
 * cargo reports, inspections, parties, a lookout list) with planted,
 * documented fraud patterns and the truth to measure detection against.
 * Pure: no I/O, no clock; see `@sieve/synth/write-dataset` to write files.
 * What is planted and how: docs/synthetic-data.md.
 *
 * @example
 * import { generate } from '@sieve/synth';
 * for (const r of generate({ seed: 42, count: 10_000, start: '2026-01-01', days: 30 })) { ... }
 */
export { COMMODITIES, type Commodity } from './data/commodities.ts';
export { COUNTRIES, SOURCE_COUNTRIES, WEAK_HUBS } from './data/countries.ts';
export { OFFICES } from './data/transport.ts';
export { generate, type ResolvedOptions, resolveOptions } from './generate.ts';
export { LOOKOUT_LIST } from './lookouts.ts';
export { NAME_VARIANTS, type NameVariant } from './name-variants.ts';
export { DEFAULT_RATES, DETECTION, FINDABLE, PATTERN_IDS, type PatternId, type Rates } from './patterns.ts';
export { hash32, Random } from './random.ts';
export { type DatasetSummary, Tally } from './tally.ts';
export type * from './types.ts';
