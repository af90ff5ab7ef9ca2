import type { DeclarationItem } from '@sieve/core';
import { type Commodity, commodity } from './data/commodities.ts';
import type { Scenario } from './lot-cast.ts';
import { assess, assessTotal, preference, round2 } from './pricing.ts';
import { hash32, type Random } from './random.ts';

/** A line of goods before pricing: the commodity and its net mass. */
export interface Line {
  readonly c: Commodity;
  readonly netKg: number;
}

/** The declared items of a lot with the true and declared totals (USD). */
export interface PricedItems {
  readonly items: DeclarationItem[];
  readonly trueValue: number;
  readonly declaredValue: number;
  readonly trueTaxes: number;
  readonly declaredTaxes: number;
  readonly netKg: number;
  readonly grossKg: number;
  readonly packages: number;
  /** FTA code claimed on the first item that claims one. */
  readonly claimed?: string;
}

export interface PricingTerms {
  readonly dispatch: string;
  readonly trueOrigin: string;
  /** Origin written on the items: the dispatch country, or China for honest re-exports. */
  readonly declaredOrigin: string;
  readonly scenario: Scenario;
  /** Declare the first line under its lower-duty look-alike heading. */
  readonly misclassify: boolean;
  /** Declared value / true value (1 unless undervalued). */
  readonly undervalue: number;
  /** Whether the importer claims FTA preferences where the origin has one. */
  readonly claims: boolean;
  readonly priceLevel: number;
}

/** HSK ten-digit national subheadings: a fixed national suffix per HS6 code. */
const HSK_SUFFIXES = ['0000', '1000', '2000', '9000'];

/**
 * Prices the lines of a lot and writes them as declared items: quantity in
 * the commodity's unit, true value (typical price x origin factor x seller
 * level x noise), then what is declared (value x `undervalue`, the look-alike
 * heading when misclassifying, the preference when claimed) and the taxes on
 * it. The true taxes are kept only as a total, for the truth.
 */
export function priceItems(rng: Random, lines: readonly Line[], t: PricingTerms): PricedItems {
  const items: DeclarationItem[] = [];
  let trueTaxes = 0;
  let declaredTaxes = 0;
  let trueValue = 0;
  let declaredValue = 0;
  let netTotal = 0;
  let grossKg = 0;
  let packages = 0;
  let claimed: string | undefined;
  // A false origin claims the preference of the country it pretends; re-exports claim none.
  const forged = t.scenario === 'origin';
  const claiming = t.claims && t.scenario !== 'origin' && t.scenario !== 'reexport';
  for (let i = 0; i < lines.length; i++) {
    const { c, netKg: rawKg } = lines[i] as Line;
    const qty = c.unit === 'KGM' ? round1(rawKg) : Math.max(1, Math.round(rawKg / c.kgPerUnit));
    const netKg = c.unit === 'KGM' ? qty : round1(qty * c.kgPerUnit);
    const value = round2(netKg * c.usdPerKg * priceFactor(c, t.trueOrigin) * t.priceLevel * rng.spread(0.25));
    const declaredC = t.misclassify && i === 0 ? commodity(c.misdeclareAs as string) : c;
    const declValue = round2(value * t.undervalue);
    const truePref = claiming ? preference(c, t.dispatch) : undefined;
    const declPref = forged || claiming ? preference(declaredC, t.dispatch) : undefined;
    const ad = t.trueOrigin === 'CN' ? (c.antiDumpingCN ?? 0) : 0;
    const declAd = t.declaredOrigin === 'CN' ? ad : 0;
    const declared = assess(declValue, declPref?.code ?? 'A', declPref?.rate ?? declaredC.duty, declAd);
    const gross = round1(netKg * rng.range(1.03, 1.12));
    claimed ??= declPref?.code;
    const item: DeclarationItem = {
      sequence: i + 1,
      hsCode: hsk(declaredC.hs),
      description: describe(rng, c),
      origin: t.declaredOrigin,
      originIndicator: declPref ? '1' : rng.chance(0.6) ? '3' : '9',
      quantity: qty,
      unit: c.unit,
      netMassKg: netKg,
      grossMassKg: gross,
      value: declValue,
      taxes: declared.taxes,
    };
    if (declPref) item.preference = declPref.code;
    items.push(item);
    trueTaxes += assessTotal(value, truePref?.rate ?? c.duty, ad);
    declaredTaxes += declared.total;
    trueValue += value;
    declaredValue += declValue;
    netTotal += netKg;
    grossKg += gross;
    packages += Math.max(1, Math.ceil(netKg / c.pack[1]));
  }
  return {
    items,
    trueValue: round2(trueValue),
    declaredValue: round2(declaredValue),
    trueTaxes,
    declaredTaxes: round2(declaredTaxes),
    netKg: round1(netTotal),
    grossKg: round1(grossKg),
    packages,
    claimed,
  };
}

const hskCache = new Map<string, string>();

function hsk(hs6: string): string {
  let code = hskCache.get(hs6);
  if (code === undefined) {
    code = `${hs6}${HSK_SUFFIXES[hash32('hsk', hs6) % HSK_SUFFIXES.length]}`;
    hskCache.set(hs6, code);
  }
  return code;
}

/** Price of an origin relative to the commodity's usual price (Italian shoes cost more than Chinese ones). */
function priceFactor(c: Commodity, origin: string): number {
  for (const [cc, , factor] of c.origins) if (cc === origin) return factor ?? 1;
  return 1;
}

/** Commercial details by kind of goods: food, wearing apparel, machines, other. */
const DETAILS: readonly (readonly string[])[] = [
  [', grade A', ', for food processing', ', in cartons', ', in bags', ', premium quality', ', bulk'],
  [', assorted sizes', ', assorted colours', ', for men', ', for women', ', style no. '],
  [', model ', ', new', ', spare parts', ', for industrial use'],
  [', assorted', ', new', ', batch ', ', for retail sale'],
];

/**
 * The goods description as a trader writes it: the heading's text, often
 * shortened, with commercial details or in capitals. Never the exact heading
 * text every time, or comparing it with the tariff would find every
 * misclassification for free; the meaning stays that of the true goods.
 */
function describe(rng: Random, c: Commodity): string {
  const chapter = Number(c.hs.slice(0, 2));
  const roll = rng.float();
  let text = c.description;
  if (roll < 0.15) text = text.slice(0, text.indexOf(',') > 0 ? text.indexOf(',') : text.length);
  else if (roll < 0.6) {
    const group =
      chapter <= 24 ? 0 : chapter >= 50 && chapter <= 67 ? 1 : chapter >= 84 && chapter <= 85 ? 2 : 3;
    const detail = rng.pick(DETAILS[group] as readonly string[]);
    text += detail.endsWith(' ')
      ? `${detail}${String.fromCharCode(65 + rng.int(26))}${rng.between(100, 9999)}`
      : detail;
  }
  return rng.chance(0.2) ? text.toUpperCase() : text;
}

/** Rounded to one decimal, as masses are declared. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
