import { z } from 'zod';
import { isCountryCode } from '../reference/countries.ts';
import { isCurrencyCode } from '../reference/currencies.ts';

// Each code type names a JSON Schema format (meta): the fast validator
// (fast-validate.ts) checks the canonical form of each with one function.

/** ISO 3166-1 alpha-2 country code, upper case ("CN", "KR"). */
export const countryCode = z
  .string()
  .refine(isCountryCode, { message: 'expected an ISO 3166-1 alpha-2 country code such as "CN"' })
  .meta({ format: 'country' });

/** ISO 4217 currency code ("USD", "KRW"). */
export const currencyCode = z
  .string()
  .refine(isCurrencyCode, { message: 'expected an ISO 4217 currency code such as "USD"' })
  .meta({ format: 'currency' });

/**
 * UN/LOCODE: a country code followed by three letters or digits 2-9
 * ("KRPUS" Busan, "NLRTM" Rotterdam). Spaces ("KR PUS") are accepted and removed.
 */
export const unLocode = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine((s) => /^[A-Z]{2}[A-Z2-9]{3}$/.test(s) && isCountryCode(s.slice(0, 2)), {
    message: 'expected a UN/LOCODE: a country code and three letters or digits, such as "KRPUS"',
  })
  .meta({ format: 'locode' });

/** Harmonized System code: 6 to 10 digits, dots and spaces removed ("0901.21" -> "090121"). */
export const hsCode = z
  .string()
  .transform((s) => s.replace(/[.\s]/g, ''))
  .refine((s) => /^\d{6,10}$/.test(s), { message: 'expected an HS code of 6 to 10 digits' })
  .meta({ format: 'hs-code' });

/** A non-empty identifier of at most `max` characters (WCO format an..max). */
export const identifier = (max = 35) =>
  z
    .string()
    .trim()
    .min(1, { message: 'expected a non-empty identifier' })
    .max(max, { message: `expected at most ${max} characters` })
    .meta({ format: 'identifier' });

/** Free text of at most `max` characters (WCO format an..max). */
export const text = (max = 512) => z.string().max(max, { message: `expected at most ${max} characters` });

/** A finite number that is zero or more. */
export const nonNegative = z
  .number({ message: 'expected a number' })
  .finite({ message: 'expected a finite number' })
  .nonnegative({ message: 'expected a number of zero or more' });

/** A date-time in ISO 8601 ("2026-03-01T10:15:00Z"); a plain date is taken as midnight UTC. */
export const dateTime = z
  .string()
  .transform((s, ctx) => {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s;
    const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(iso);
    const t = ok ? Date.parse(iso) : Number.NaN;
    if (Number.isNaN(t) || !sameCalendarDate(iso, t)) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected an ISO 8601 date or date-time such as "2026-03-01T10:15:00Z"',
      });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  })
  .meta({ format: 'instant' });

// Date.parse rolls "2026-02-30" over to March; a declaration dated on a day
// that does not exist is an error, not a different day.
function sameCalendarDate(iso: string, t: number): boolean {
  if (/[+-]\d{2}:?\d{2}$/.test(iso)) return true; // offset shifts the UTC day; the pattern check suffices
  return new Date(t).toISOString().slice(0, 10) === iso.slice(0, 10);
}
