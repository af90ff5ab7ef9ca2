import { z } from 'zod';
import { countryCode, nonNegative } from '../domain/codes.ts';

/**
 * The plausible range of unit values (value / quantity, in the declaration
 * currency) for an HS code or prefix, optionally for one origin. Sieve's
 * band command draws `low` and `high` from percentiles of past declarations
 * (e.g. 10th and 90th); rules test `unitValueBelowBand(item)` or
 * `item.unitValue < band(item).low`.
 */
export const valueBandSchema = z.object({
  hsCode: z
    .string()
    .transform((s) => s.replace(/[.\s]/g, ''))
    .refine((s) => /^\d{2,10}$/.test(s), { message: 'expected an HS code or prefix of 2 to 10 digits' }),
  origin: countryCode.optional(),
  low: nonNegative,
  median: nonNegative.optional(),
  high: nonNegative,
  observations: z.number().int().nonnegative().optional(),
});
export type ValueBand = z.infer<typeof valueBandSchema>;

/** Finds the band for an item; handed to evaluations in the context. */
export interface ValueBandLookup {
  find(hsCode: string, origin: string | undefined): ValueBand | undefined;
}

/**
 * A lookup over a set of bands. The most precise band wins: the longest HS
 * prefix first and, at the same prefix, the band for the item's origin before
 * the band for any origin.
 *
 * @example createValueBandTable([{ hsCode: '0901', low: 4.1, high: 9.5 }]).find('090121', 'CO')?.low // 4.1
 */
export function createValueBandTable(bands: readonly ValueBand[]): ValueBandLookup {
  const byKey = new Map<string, ValueBand>();
  for (const b of bands) byKey.set(bandKey(b.hsCode, b.origin), b);
  const lengths = [...new Set(bands.map((b) => b.hsCode.length))].sort((a, b) => b - a);
  return {
    find(hsCode, origin) {
      for (const n of lengths) {
        if (hsCode.length < n) continue;
        const prefix = hsCode.slice(0, n);
        const band = (origin && byKey.get(bandKey(prefix, origin))) || byKey.get(prefix);
        if (band) return band;
      }
      return undefined;
    },
  };
}

function bandKey(hs: string, origin: string | undefined): string {
  return origin ? `${hs}|${origin}` : hs;
}
