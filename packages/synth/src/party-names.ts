import type { Address } from '@sieve/core';
import { country } from './data/countries.ts';
import { LEGAL_FORMS, NAMES, type Part } from './data/names.ts';
import type { Random } from './random.ts';

/** A name as written in Latin script and, when the language has one, in its own script. */
export interface PartyName {
  readonly latin: string;
  readonly native?: string;
}

const KR_DISTRICTS = [
  'Gangnam-gu',
  'Jung-gu',
  'Seo-gu',
  'Nam-gu',
  'Danwon-gu',
  'Yeonsu-gu',
  'Haeundae-gu',
  'Guro-gu',
  'Saha-gu',
  'Gangseo-gu',
];

const both = (parts: readonly Part[], join: (xs: readonly string[]) => string, nativeJoin = join) => ({
  latin: join(parts.map((x) => x[0])),
  native: parts.every((x) => x[1]) ? nativeJoin(parts.map((x) => x[1] as string)) : undefined,
});

/**
 * A company name in the style of `countryCode`: "Ningbo Haitian Import & Export
 * Co., Ltd." / "宁波海天进出口有限公司", "Exportadora Andina S.A.S.".
 */
export function companyName(rng: Random, countryCode: string, sectorHint?: string): PartyName {
  const lang = country(countryCode).lang;
  const names = NAMES[lang];
  const root = rng.pick(names.roots);
  const sector = sectorHint
    ? (names.sectors.find((s) => s[0] === sectorHint) ?? rng.pick(names.sectors))
    : rng.pick(names.sectors);
  const [legal, prefix] = rng.pick(LEGAL_FORMS[countryCode] ?? [['Ltd.']]);
  switch (lang) {
    case 'ko':
      return {
        latin: `${root[0]} ${sector[0]} ${legal}`,
        native: `${rng.chance(0.5) ? '주식회사 ' : '(주)'}${root[1]}${sector[1]}`,
      };
    case 'zh': {
      const place = countryCode === 'CN' ? rng.pick(names.places ?? [['']]) : (['', ''] as const);
      const core = both(
        [place, root, sector].filter((x) => x[0]),
        (xs) => xs.join(' '),
        (xs) => xs.join(''),
      );
      return { latin: `${core.latin} ${legal}`, native: core.native ? `${core.native}有限公司` : undefined };
    }
    case 'ja':
      return { latin: `${root[0]} ${sector[0]} ${legal}`, native: `${root[1]}${sector[1]}株式会社` };
    case 'vi':
      return { latin: `${root[0]} ${sector[0]} ${legal}`, native: `Công ty TNHH ${sector[1]} ${root[1]}` };
    case 'ru': {
      const core = rng.chance(0.5) ? [root] : [root, sector];
      const n = both(core, (xs) => xs.join(' '));
      return { latin: `OOO "${n.latin}"`, native: `ООО «${n.native}»` };
    }
    case 'ar':
      return { latin: `${root[0]} ${sector[0]} ${legal}`, native: `شركة ${root[1]} ${sector[1]}` };
    case 'es':
      return { latin: `${sector[0]} ${root[0]} ${legal}` };
    default:
      return { latin: prefix ? `${legal} ${root[0]} ${sector[0]}` : `${root[0]} ${sector[0]} ${legal}` };
  }
}

/** A customs broker (declarant) in Korea: "Hanbit Customs Service Co." / "관세법인 한빛". */
export function brokerName(rng: Random): PartyName {
  const root = rng.pick(NAMES.ko.roots);
  return rng.chance(0.6)
    ? { latin: `${root[0]} Customs Service Corp.`, native: `관세법인 ${root[1]}` }
    : { latin: `${root[0]} Customs Broker Office`, native: `${root[1]}관세사무소` };
}

/** A person's name, family name first where the culture writes it so. */
export function personName(rng: Random, countryCode: string): PartyName {
  const lang = country(countryCode).lang;
  const names = NAMES[lang];
  const given = rng.pick(names.given);
  const family = rng.pick(names.family);
  switch (lang) {
    case 'ko':
    case 'zh':
    case 'ja':
      return both(
        [family, given],
        (xs) => xs.join(' '),
        (xs) => xs.join(''),
      );
    case 'vi':
      return both([family, given], (xs) => xs.join(' '));
    case 'es':
      return { latin: `${given[0]} ${family[0]} ${rng.pick(names.family)[0]}` };
    default:
      return both([given, family], (xs) => xs.join(' '));
  }
}

/** A street address in `countryCode`. */
export function streetAddress(rng: Random, countryCode: string): Address {
  const info = country(countryCode);
  const [city, pattern, subdivision] = rng.pick(info.cities);
  const street = rng.pick(NAMES[info.lang].streets);
  const num = rng.between(1, 480);
  const line =
    countryCode === 'KR'
      ? `${num}, ${street}, ${rng.pick(KR_DISTRICTS)}`
      : ['en', 'zh', 'hi', 'th', 'ms', 'ar'].includes(info.lang)
        ? `${num} ${street}`
        : `${street} ${num}`;
  return withoutEmpty({ line, city, postcode: postcode(rng, pattern), subdivision, country: countryCode });
}

/** A post-office box in `countryCode`: a delivery address that hides who collects the goods. */
export function poBoxAddress(rng: Random, countryCode: string): Address {
  const info = country(countryCode);
  const [city, pattern, subdivision] = rng.pick(info.cities);
  const box = rng.between(10, 9999);
  const line =
    countryCode === 'KR' && rng.chance(0.4) ? `사서함 ${box}호, ${city}우체국` : `P.O. Box ${box}, ${city}`;
  return withoutEmpty({ line, city, postcode: postcode(rng, pattern), subdivision, country: countryCode });
}

function postcode(rng: Random, pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '#') out += String(rng.int(10));
    else if (ch === 'A') out += String.fromCharCode(65 + rng.int(26));
    else out += ch;
  }
  return out;
}

function withoutEmpty(a: Address): Address {
  const out: Address = {};
  if (a.line) out.line = a.line;
  if (a.city) out.city = a.city;
  if (a.postcode) out.postcode = a.postcode;
  if (a.subdivision) out.subdivision = a.subdivision;
  if (a.country) out.country = a.country;
  return out;
}
