import type { DutyTax } from '@sieve/core';
import type { Commodity } from './data/commodities.ts';
import { country } from './data/countries.ts';

/** Korean VAT, charged on customs value plus duties. */
export const VAT_RATE = 10;

/** FTA partners whose preferential rates are closer to MFN (newer or less ambitious agreements). */
const PARTIAL_FTA = new Set(['FCN1', 'FVN1', 'FAS1', 'FIN1', 'FRC1', 'FCA2']);

/**
 * The preferential duty rate an origin may claim for a commodity, or undefined
 * when the origin has no FTA with the importing country. Illustrative: full
 * liberalisation for industrial goods under the comprehensive FTAs, partial
 * for agriculture and under the partial agreements.
 *
 * @example preference(commodity('090421'), 'CN') // { code: 'FCN1', rate: 216 }
 */
export function preference(c: Commodity, origin: string): Preference | undefined {
  let byOrigin = cache.get(c);
  if (!byOrigin) {
    byOrigin = new Map();
    cache.set(c, byOrigin);
  }
  let found = byOrigin.get(origin);
  if (found === undefined) {
    found = computePreference(c, origin) ?? null;
    byOrigin.set(origin, found);
  }
  return found ?? undefined;
}

/** A preferential tariff treatment: the FTA code (also the tax type) and its rate. */
export interface Preference {
  readonly code: string;
  readonly rate: number;
}

// Preferences depend only on the tables; cached because every item asks.
const cache = new Map<Commodity, Map<string, Preference | null>>();

function computePreference(c: Commodity, origin: string): Preference | undefined {
  const code = country(origin).fta;
  if (!code || c.duty === 0) return undefined;
  const agri = Number(c.hs.slice(0, 2)) <= 24;
  const factor = PARTIAL_FTA.has(code) ? (agri ? 0.8 : 0.5) : agri ? 0.5 : 0;
  return Object.freeze({ code, rate: Math.round(c.duty * factor * 10) / 10 });
}

/** What is due on one item: the tax lines and their total. */
export interface Assessment {
  readonly taxes: DutyTax[];
  readonly total: number;
}

/**
 * Duty (type `A` for MFN or the FTA code), anti-dumping duty (`AD`) when
 * `antiDumping` > 0, and VAT on value plus duties.
 *
 * @example assess(1000, 'A', 8, 0) // taxes A 80, VAT 108; total 188
 */
export function assess(value: number, dutyType: string, dutyRate: number, antiDumping: number): Assessment {
  const duty = round2((value * dutyRate) / 100);
  const taxes: DutyTax[] = [{ type: dutyType, rate: dutyRate, amount: duty }];
  let total = duty;
  if (antiDumping > 0) {
    const ad = round2((value * antiDumping) / 100);
    taxes.push({ type: 'AD', rate: antiDumping, amount: ad });
    total += ad;
  }
  const vat = round2(((value + total) * VAT_RATE) / 100);
  taxes.push({ type: 'VAT', rate: VAT_RATE, amount: vat });
  return { taxes, total: round2(total + vat) };
}

/** The total of {@link assess} without building the tax lines (for true, undeclared amounts). */
export function assessTotal(value: number, dutyRate: number, antiDumping: number): number {
  const duty = round2((value * dutyRate) / 100);
  const ad = antiDumping > 0 ? round2((value * antiDumping) / 100) : 0;
  const vat = round2(((value + duty + ad) * VAT_RATE) / 100);
  return round2(duty + ad + vat);
}

/** Rounded to cents, as declared amounts are. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
