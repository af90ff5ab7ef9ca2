import { type EntryIdentifier, IDENTIFIER_SCHEMES, type IdentifierScheme } from '../model.ts';
import { countryCodeOf } from '../text/country-names.ts';

/**
 * How a national identifier scheme maps to the model's: the model scheme, the
 * issuing country (fixed, or read from the value's two-letter prefix as EORI
 * and EU VAT numbers carry it), and what it is, for the docs and errors.
 */
export interface NationalScheme {
  readonly scheme: IdentifierScheme;
  readonly country?: string;
  /** The country is the value's first two letters (EORI `DE123456789012`, VAT `FR12345678901`). */
  readonly countryPrefix?: 'required' | 'when-present';
  readonly meaning: string;
}

/**
 * National and international identifier schemes as administrations write
 * them in lookout files, by upper-case name. A name not here can still be
 * written as a country and a model scheme (`RU-passport`, `KR-tax`).
 */
export const NATIONAL_SCHEMES: Readonly<Record<string, NationalScheme>> = Object.freeze({
  EORI: {
    scheme: 'registration',
    countryPrefix: 'required',
    meaning: 'Economic Operators Registration and Identification number (EU, GB)',
  },
  VAT: { scheme: 'tax', countryPrefix: 'when-present', meaning: 'VAT registration number' },
  TIN: { scheme: 'tax', countryPrefix: 'when-present', meaning: 'taxpayer identification number' },
  LEI: { scheme: 'registration', meaning: 'Legal Entity Identifier (ISO 17442)' },
  DUNS: { scheme: 'registration', meaning: 'D-U-N-S number' },
  IMO: { scheme: 'imo', meaning: 'IMO ship or company number' },
  MMSI: { scheme: 'mmsi', meaning: 'Maritime Mobile Service Identity' },
  CALLSIGN: { scheme: 'call-sign', meaning: 'radio call sign' },
  SCAC: { scheme: 'other', meaning: 'Standard Carrier Alpha Code' },
  'IATA-PREFIX': { scheme: 'other', meaning: 'IATA airline prefix' },
  'KR-BRN': { scheme: 'registration', country: 'KR', meaning: 'Korean business registration number' },
  'KR-CCC': { scheme: 'registration', country: 'KR', meaning: 'Korean customs clearance code' },
  'KR-PCCC': {
    scheme: 'national-id',
    country: 'KR',
    meaning: 'Korean personal customs clearance code',
  },
  'KR-RRN': { scheme: 'national-id', country: 'KR', meaning: 'Korean resident registration number' },
  'KR-BROKER': { scheme: 'registration', country: 'KR', meaning: 'Korean customs broker code' },
  'CN-USCI': { scheme: 'registration', country: 'CN', meaning: 'Chinese unified social credit code' },
  'US-EIN': { scheme: 'tax', country: 'US', meaning: 'US employer identification number' },
  'US-SSN': { scheme: 'national-id', country: 'US', meaning: 'US social security number' },
  'GB-UTR': { scheme: 'tax', country: 'GB', meaning: 'UK unique taxpayer reference' },
  'GB-CRN': { scheme: 'registration', country: 'GB', meaning: 'UK company registration number' },
  'IN-IEC': { scheme: 'registration', country: 'IN', meaning: 'Indian importer-exporter code' },
  'IN-GSTIN': { scheme: 'tax', country: 'IN', meaning: 'Indian GST identification number' },
  'IN-PAN': { scheme: 'tax', country: 'IN', meaning: 'Indian permanent account number' },
  'JP-CN': { scheme: 'registration', country: 'JP', meaning: 'Japanese corporate number' },
  'BR-CNPJ': { scheme: 'tax', country: 'BR', meaning: 'Brazilian company taxpayer number' },
  'BR-CPF': { scheme: 'tax', country: 'BR', meaning: 'Brazilian individual taxpayer number' },
  'MX-RFC': { scheme: 'tax', country: 'MX', meaning: 'Mexican federal taxpayer registry' },
  'CO-NIT': { scheme: 'tax', country: 'CO', meaning: 'Colombian tax identification number' },
  'EC-RUC': { scheme: 'tax', country: 'EC', meaning: 'Ecuadorian single taxpayer registry' },
  'RU-INN': { scheme: 'tax', country: 'RU', meaning: 'Russian taxpayer number' },
  'RU-OGRN': { scheme: 'registration', country: 'RU', meaning: 'Russian state registration number' },
  'AU-ABN': { scheme: 'tax', country: 'AU', meaning: 'Australian business number' },
  'AE-TRN': { scheme: 'tax', country: 'AE', meaning: 'UAE tax registration number' },
});

/** Other spellings of the model's own schemes. */
const SCHEME_SPELLINGS: Readonly<Record<string, IdentifierScheme>> = Object.freeze({
  'NATIONAL-ID': 'national-id',
  NATIONALID: 'national-id',
  NID: 'national-id',
  'CALL-SIGN': 'call-sign',
  TAX: 'tax',
  'TAX-ID': 'tax',
  TAXID: 'tax',
  REG: 'registration',
  REGISTRATION: 'registration',
  PASSPORT: 'passport',
  OTHER: 'other',
});

// Greece writes EL in VAT numbers and EORI.
const PREFIX_COUNTRY: Readonly<Record<string, string>> = { EL: 'GR' };

/** The forms an identifier may take, for error messages and the docs. */
export function identifierForms(): string {
  return (
    `scheme:value, where scheme is one of ${IDENTIFIER_SCHEMES.join(', ')}; ` +
    `a country code and one of those (RU-passport:712345678); ` +
    `or a national scheme: ${Object.keys(NATIONAL_SCHEMES).join(', ')}`
  );
}

/**
 * Reads an identifier written `scheme:value` as lookout files write it
 * (`KR-BRN:150-38-48767`, `EORI:DE123456789012`, `RU-passport:712345678`,
 * `imo:9321483`), into the model's scheme with the issuing country. The
 * scheme as written is kept as `label` when it says more than the model's.
 * Returns what was expected when it cannot read it.
 *
 * @example parseIdentifier('KR-BRN:150-38-48767') // { scheme: 'registration', value: '150-38-48767', country: 'KR', label: 'KR-BRN' }
 */
export function parseIdentifier(text: string): EntryIdentifier | { expected: string } {
  const colon = text.indexOf(':');
  const written = colon > 0 ? text.slice(0, colon).trim() : '';
  const value = colon > 0 ? text.slice(colon + 1).trim() : '';
  if (!written || !value) return { expected: identifierForms() };
  const name = written.toUpperCase().replace(/[\s_]+/g, '-');
  const national = NATIONAL_SCHEMES[name] ?? NATIONAL_SCHEMES[name.replace(/-/g, '')];
  if (national) return fromNational(national, name, value);
  const own = ownScheme(name);
  if (own) return { scheme: own, value };
  const country = /^([A-Z]{2})-(.+)$/.exec(name);
  const scheme = country && ownScheme(country[2]!);
  const code = country && countryCodeOf(country[1]!);
  if (scheme && code) return { scheme, value, country: code, label: written };
  return { expected: identifierForms() };
}

function ownScheme(name: string): IdentifierScheme | undefined {
  return (
    SCHEME_SPELLINGS[name] ??
    ((IDENTIFIER_SCHEMES as readonly string[]).find((s) => s.toUpperCase() === name) as
      | IdentifierScheme
      | undefined)
  );
}

function fromNational(
  n: NationalScheme,
  name: string,
  value: string,
): EntryIdentifier | { expected: string } {
  const label = n.scheme.toUpperCase() === name ? {} : { label: name };
  if (n.country) return { scheme: n.scheme, value, country: n.country, ...label };
  if (!n.countryPrefix) return { scheme: n.scheme, value, ...label };
  const prefix = value.slice(0, 2).toUpperCase();
  const country = /^[A-Z]{2}$/.test(prefix) ? countryCodeOf(PREFIX_COUNTRY[prefix] ?? prefix) : undefined;
  if (country) return { scheme: n.scheme, value, country, ...label };
  if (n.countryPrefix === 'required')
    return { expected: `${name} starting with the issuing country's code, e.g. ${name}:DE123456789012` };
  return { scheme: n.scheme, value, ...label };
}
