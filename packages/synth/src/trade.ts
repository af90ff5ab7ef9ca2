import { COMMODITIES, type Commodity } from './data/commodities.ts';
import { COUNTRIES, type Region } from './data/countries.ts';
import { OFFICES, type Office } from './data/transport.ts';
import { Weighted } from './random.ts';

/**
 * Trade flows derived once from the commodity table: which commodities each
 * origin ships by sea and by air, how much each region and country weighs,
 * and the share of sellers per country. Everything is a weighted table so a
 * draw is a binary search.
 */
export interface TradeTables {
  readonly offices: Weighted<Office>;
  readonly seaRegions: Weighted<Region>;
  readonly seaCountries: ReadonlyMap<Region, Weighted<string>>;
  readonly airCountries: Weighted<string>;
  readonly seaGoods: ReadonlyMap<string, Weighted<Commodity>>;
  readonly airGoods: ReadonlyMap<string, Weighted<Commodity>>;
  /** Commodities under anti-dumping duty on Chinese origin. */
  readonly antiDumping: Weighted<Commodity>;
  /** Share of all declarations by origin country (sizes the seller pools). */
  readonly sellerShares: ReadonlyMap<string, number>;
}

function build(): TradeTables {
  const sea = new Map<string, [Commodity, number][]>();
  const air = new Map<string, [Commodity, number][]>();
  const add = (m: Map<string, [Commodity, number][]>, cc: string, c: Commodity, w: number) => {
    if (w <= 0) return;
    const list = m.get(cc) ?? [];
    list.push([c, w]);
    m.set(cc, list);
  };
  const byCode = new Map(COUNTRIES.map((x) => [x.code, x]));
  for (const c of COMMODITIES) {
    const sum = c.origins.reduce((s, [, w]) => s + w, 0);
    for (const [cc, w] of c.origins) {
      const share = (c.weight * w) / sum;
      const flies = byCode.get(cc)?.air !== undefined && c.container !== 'none';
      const airShare = flies ? c.air : 0;
      add(sea, cc, c, share * (1 - airShare));
      add(air, cc, c, share * airShare);
    }
  }
  const total = (list: readonly [Commodity, number][]) => list.reduce((s, [, w]) => s + w, 0);
  const regionCountries = new Map<Region, [string, number][]>();
  for (const [cc, list] of sea) {
    const region = byCode.get(cc)?.region;
    if (!region) throw new Error(`synth: origin ${cc} of the commodity table is not in data/countries.ts`);
    const entries = regionCountries.get(region) ?? [];
    entries.push([cc, total(list)]);
    regionCountries.set(region, entries);
  }
  const shares = new Map<string, number>();
  let all = 0;
  for (const m of [sea, air]) for (const list of m.values()) all += total(list);
  for (const m of [sea, air])
    for (const [cc, list] of m) shares.set(cc, (shares.get(cc) ?? 0) + total(list) / all);
  return {
    offices: new Weighted(OFFICES.map((o) => [o, o.weight] as const)),
    seaRegions: new Weighted(
      [...regionCountries].map(([r, list]) => [r, list.reduce((s, [, w]) => s + w, 0)] as const),
    ),
    seaCountries: new Map([...regionCountries].map(([r, list]) => [r, new Weighted(list)])),
    airCountries: new Weighted([...air].map(([cc, list]) => [cc, total(list)] as const)),
    seaGoods: new Map([...sea].map(([cc, list]) => [cc, new Weighted(list)])),
    airGoods: new Map([...air].map(([cc, list]) => [cc, new Weighted(list)])),
    antiDumping: new Weighted(COMMODITIES.filter((c) => c.antiDumpingCN).map((c) => [c, c.weight] as const)),
    sellerShares: shares,
  };
}

/** The trade tables (built once; they depend only on the built-in data). */
export const TRADE: TradeTables = build();
