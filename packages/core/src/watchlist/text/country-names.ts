import anyAscii from 'any-ascii';
import { COUNTRY_CODES } from '../../reference/countries.ts';

/**
 * Names lists use for countries that differ from the short English name
 * (UN and OFAC use formal names; test data uses colloquial ones).
 */
const ALIASES: Record<string, string> = {
  'iran islamic republic of': 'IR',
  'islamic republic of iran': 'IR',
  'russian federation': 'RU',
  'syrian arab republic': 'SY',
  'democratic peoples republic of korea': 'KP',
  'korea democratic peoples republic of': 'KP',
  'korea north': 'KP',
  'republic of korea': 'KR',
  'korea republic of': 'KR',
  'korea south': 'KR',
  'democratic republic of the congo': 'CD',
  'congo democratic republic of the': 'CD',
  'republic of the congo': 'CG',
  congo: 'CG',
  'united states of america': 'US',
  usa: 'US',
  uk: 'GB',
  'great britain': 'GB',
  'united kingdom of great britain and northern ireland': 'GB',
  'united republic of tanzania': 'TZ',
  'viet nam': 'VN',
  'lao peoples democratic republic': 'LA',
  'republic of moldova': 'MD',
  'state of palestine': 'PS',
  palestine: 'PS',
  'palestinian territory occupied': 'PS',
  gaza: 'PS',
  'west bank': 'PS',
  'ivory coast': 'CI',
  'cote divoire': 'CI',
  turkey: 'TR',
  'czech republic': 'CZ',
  swaziland: 'SZ',
  burma: 'MM',
  myanmar: 'MM',
  'bolivia plurinational state of': 'BO',
  'venezuela bolivarian republic of': 'VE',
  macedonia: 'MK',
  'the former yugoslav republic of macedonia': 'MK',
  'brunei darussalam': 'BN',
  'cape verde': 'CV',
  'micronesia federated states of': 'FM',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  taiwan: 'TW',
  kosovo: 'XK',
  'the gambia': 'GM',
  'the bahamas': 'BS',
  'sudan south': 'SS',
  'region crimea': 'UA',
  crimea: 'UA',
  'timor leste': 'TL',
  'east timor': 'TL',
  'holy see': 'VA',
  'vatican city': 'VA',
  'saint kitts and nevis': 'KN',
  'bosnia and herzegovina': 'BA',
  bosnia: 'BA',
  'antigua and barbuda': 'AG',
  'trinidad and tobago': 'TT',
  'sao tome and principe': 'ST',
  'united arab emirates': 'AE',
  uae: 'AE',
};

let byName: Map<string, string> | undefined;

function key(name: string): string {
  return anyAscii(name)
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function table(): Map<string, string> {
  if (byName) return byName;
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  byName = new Map();
  for (const code of COUNTRY_CODES) {
    if (code.length !== 2) continue;
    const name = names.of(code);
    if (name && name !== code) {
      byName.set(key(name), code);
      // "Congo - Kinshasa", "Myanmar (Burma)": index the part before the qualifier too only when unambiguous.
      const bare = key(name.replace(/\s*\(.*\)$/, ''));
      if (!byName.has(bare)) byName.set(bare, code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) byName.set(key(alias), code);
  return byName;
}

/**
 * ISO 3166-1 alpha-2 code for a country name or code as lists and people
 * write it ("Iran (Islamic Republic of)", "Russian Federation", "af"), or
 * undefined when it is not a country Sieve knows.
 *
 * @example countryCodeOf('Syrian Arab Republic') // 'SY'
 */
export function countryCodeOf(name: string): string | undefined {
  const trimmed = name.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase();
    return COUNTRY_CODES.has(code) ? code : undefined;
  }
  const k = key(trimmed);
  const t = table();
  return t.get(k) ?? t.get(k.replace(/^the /, '')) ?? t.get(k.replace(/\s*\b(of|the)\b.*$/, ''));
}
