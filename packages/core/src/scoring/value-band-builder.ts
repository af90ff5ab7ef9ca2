import { z } from 'zod';
import { type ValueBand, valueBandSchema } from '../rules/value-bands.ts';
import { ScoringError } from './scoring-error.ts';

/**
 * What a band's unit values are per: `unit` is value / quantity (what
 * `unitValueBelowBand(item)` and `item.unitValue` use), `kg` is value / net
 * mass (`item.valuePerKg`), for data without quantities such as KCS.
 */
export type BandBasis = 'unit' | 'kg';

/**
 * A versioned set of value-control bands with how it was computed. Rules
 * must compare with the matching value: `item.unitValue < band(item).low`
 * for `unit` bands, `item.valuePerKg < band(item).low` for `kg` bands.
 */
export interface ValueBandSet {
  readonly basis: BandBasis;
  /** Percentiles of past unit values that `low`, `median` and `high` are. */
  readonly percentiles: { readonly low: number; readonly high: number };
  readonly minObservations: number;
  /** Where the history came from, e.g. `../shared/data/kcs/train.csv`. */
  readonly source?: string;
  readonly bands: readonly ValueBand[];
}

export const valueBandSetSchema = z
  .object({
    basis: z.enum(['unit', 'kg']),
    percentiles: z.object({ low: z.number().min(0).max(100), high: z.number().min(0).max(100) }),
    minObservations: z.number().int().positive(),
    source: z.string().optional(),
    bands: z.array(valueBandSchema),
  })
  .strict();

/**
 * Validates a band set read from a file or the database.
 *
 * @example parseValueBandSet(YAML.parse(readFileSync('bands.yaml', 'utf8')))
 */
export function parseValueBandSet(input: unknown): ValueBandSet {
  const r = valueBandSetSchema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || '(bands)'}: ${i.message}`);
  throw new ScoringError('SIEVE_ERR_BANDS_INVALID', `invalid value bands: ${problems.join('; ')}`);
}

export interface BandOptions {
  readonly basis?: BandBasis;
  /** Percentile for `low` (default 10) and `high` (default 90). */
  readonly low?: number;
  readonly high?: number;
  /** HS code lengths to band at, most precise first (default 6 and 4 digits). */
  readonly hsDigits?: readonly number[];
  /** Also band per origin at each length (default true). */
  readonly byOrigin?: boolean;
  /** Fewest past items a band is drawn from (default 20). */
  readonly minObservations?: number;
  readonly source?: string;
}

/** One past goods item, as far as bands are concerned. */
export interface BandObservation {
  readonly hsCode: string;
  readonly origin?: string | undefined;
  readonly value: number;
  readonly quantity?: number | undefined;
  readonly netMassKg?: number | undefined;
}

/**
 * Computes value-control bands from past items: for each HS prefix (6 and 4
 * digits by default), and each prefix and origin, the chosen percentiles of
 * unit values, when at least `minObservations` items back it. Items without
 * a quantity (or mass, for `kg`) or with a zero one are left out. The band
 * lookup picks the most precise band for an item (`createValueBandTable`).
 * Percentiles interpolate linearly between order statistics.
 *
 * @example
 * const set = computeValueBands(items, { basis: 'kg', low: 5, high: 95 });
 * createValueBandTable(set.bands).find('440890', 'BE')
 */
export function computeValueBands(items: Iterable<BandObservation>, o: BandOptions = {}): ValueBandSet {
  const basis = o.basis ?? 'unit';
  const low = o.low ?? 10;
  const high = o.high ?? 90;
  const digits = o.hsDigits ?? [6, 4];
  const byOrigin = o.byOrigin ?? true;
  const minObservations = o.minObservations ?? 20;
  if (!(low >= 0 && low < high && high <= 100)) {
    throw new ScoringError(
      'SIEVE_ERR_BANDS_INVALID',
      `expected 0 <= low < high <= 100, not ${low} and ${high}`,
    );
  }
  const values = new Map<string, number[]>();
  const add = (key: string, v: number) => {
    const xs = values.get(key);
    if (xs) xs.push(v);
    else values.set(key, [v]);
  };
  for (const item of items) {
    const divisor = basis === 'unit' ? item.quantity : item.netMassKg;
    if (divisor === undefined || !(divisor > 0) || !Number.isFinite(item.value)) continue;
    const v = item.value / divisor;
    for (const n of digits) {
      if (item.hsCode.length < n) continue;
      const prefix = item.hsCode.slice(0, n);
      add(prefix, v);
      if (byOrigin && item.origin) add(`${prefix}|${item.origin}`, v);
    }
  }
  const bands: ValueBand[] = [];
  // Sorted by HS code, then origin (the band without origin first): stable, readable files.
  const byKey = (k: string) => k.replace('|', ' ');
  for (const [key, xs] of [...values].sort(([a], [b]) =>
    byKey(a) < byKey(b) ? -1 : byKey(a) > byKey(b) ? 1 : 0,
  )) {
    if (xs.length < minObservations) continue;
    xs.sort((a, b) => a - b);
    const [hsCode, origin] = key.split('|') as [string, string | undefined];
    bands.push({
      hsCode,
      ...(origin ? { origin } : {}),
      low: round(percentile(xs, low)),
      median: round(percentile(xs, 50)),
      high: round(percentile(xs, high)),
      observations: xs.length,
    });
  }
  return {
    basis,
    percentiles: { low, high },
    minObservations,
    ...(o.source ? { source: o.source } : {}),
    bands,
  };
}

/**
 * The p-th percentile of sorted values, interpolated linearly (the "type 7"
 * definition of R and NumPy).
 *
 * @example percentile([1, 2, 3, 4], 50) // 2.5
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (b - a) * (h - lo);
}

// Six significant digits keep band files readable and stable across platforms.
function round(x: number): number {
  return Number(x.toPrecision(6));
}
