import { z } from 'zod';

/** What a watchlist entry designates. */
export const ENTRY_KINDS = ['person', 'company', 'organisation', 'vessel', 'document', 'address'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * A name an entry is known by. `weak` marks aliases the publisher itself calls
 * low quality (OFAC "weak a.k.a.", UN quality "Low"): they still match, but count
 * for a little less, because they are short or common.
 */
export const entryNameSchema = z.object({
  name: z.string().min(1),
  strength: z.enum(['strong', 'weak']).default('strong'),
  /** primary name, also-known-as, formerly-known-as, or the name in its original script. */
  type: z.enum(['primary', 'aka', 'fka', 'original']).default('primary'),
});
export type EntryName = z.infer<typeof entryNameSchema>;

/** Identifier schemes that settle a match when they agree. */
export const IDENTIFIER_SCHEMES = [
  'passport',
  'national-id',
  'tax',
  'imo',
  'mmsi',
  'call-sign',
  'registration',
  'other',
] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

export const entryIdentifierSchema = z.object({
  scheme: z.enum(IDENTIFIER_SCHEMES),
  value: z.string().min(1),
  /** Issuing country (ISO 3166-1 alpha-2). */
  country: z.string().length(2).optional(),
  /** The scheme as the publisher wrote it when it says more than `scheme`, e.g. `KR-BRN` or `EORI`. */
  label: z.string().min(1).optional(),
});
export type EntryIdentifier = z.infer<typeof entryIdentifierSchema>;

/**
 * A full or partial date: "1965", "1965-06" or "1965-06-29". Lists often know
 * only the year, so partial dates are first-class.
 */
export const partialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, {
  message: 'expected a date such as "1965", "1965-06" or "1965-06-29"',
});

/**
 * One designated person, company, organisation, vessel, document or address.
 *
 * @example { id: 'un:QDi.001', list: 'un', kind: 'person', names: [{ name: 'Osama bin Laden', strength: 'strong', type: 'primary' }] }
 */
export const watchlistEntrySchema = z.object({
  /** Unique across all lists: `<list>:<the list's own reference>`. */
  id: z.string().min(1),
  list: z.string().min(1),
  kind: z.enum(ENTRY_KINDS),
  names: z.array(entryNameSchema).min(1, { message: 'expected at least one name' }),
  birthDates: z.array(partialDate).default([]),
  /** ISO 3166-1 alpha-2 codes. */
  nationalities: z.array(z.string().length(2)).default([]),
  /** Countries of address, registration or flag (ISO 3166-1 alpha-2). */
  countries: z.array(z.string().length(2)).default([]),
  identifiers: z.array(entryIdentifierSchema).default([]),
  /** Programme or regime the listing belongs to, e.g. "SDGT" or "Al-Qaida". */
  program: z.string().optional(),
  /** Why the entry is listed, as the publisher says it. */
  reason: z.string().optional(),
  listedOn: partialDate.optional(),
  /** Last day the listing applies (lookouts often expire); absent means open-ended. */
  validUntil: partialDate.optional(),
});
export type WatchlistEntry = z.infer<typeof watchlistEntrySchema>;
export type WatchlistEntryInput = z.input<typeof watchlistEntrySchema>;

/**
 * One version of one list. Versions are immutable: a new publication is a new
 * version, so an assessment can record exactly which list it screened against.
 *
 * @example { id: 'un', name: 'UN Security Council consolidated list', version: '2026-02-27', entries: [...] }
 */
export interface Watchlist {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly source?: string;
  readonly entries: readonly WatchlistEntry[];
}

/** A thing to screen: a name, and whatever else is known about it. */
export interface ScreeningQuery {
  name: string;
  /** Restrict to entries of these kinds; absent means all kinds. */
  kinds?: readonly EntryKind[];
  /** Full or partial date of birth ("1965", "1965-06-29"). */
  birthDate?: string;
  /** Nationalities or countries (ISO 3166-1 alpha-2). */
  countries?: readonly string[];
  identifiers?: readonly { scheme?: IdentifierScheme; value: string }[];
}
