import type { Address, DeclarationItem } from '@sieve/core';
import { type Commodity, commodity } from './data/commodities.ts';
import { COUNTRIES, country, type Region, SOURCE_COUNTRIES, WEAK_HUBS } from './data/countries.ts';
import type { Mode, Office } from './data/transport.ts';
import type { Lookouts } from './lookouts.ts';
import { castParties, chooseRevenue, type Scenario } from './lot-cast.ts';
import { type Line, priceItems } from './lot-items.ts';
import type { PartyBook, PartyRecord } from './parties.ts';
import { poBoxAddress } from './party-names.ts';
import type { PatternId, Rates } from './patterns.ts';
import { round2 } from './pricing.ts';
import type { Random, Weighted } from './random.ts';
import { TRADE } from './trade.ts';
import type { TruthDetails } from './types.ts';

/** What a lot builder needs from the run. */
export interface LotContext {
  readonly seed: number | string;
  readonly rates: Rates;
  readonly book: PartyBook;
  readonly lookouts: Lookouts;
}

/** The voyage a lot travels on. */
export interface LotPlan {
  readonly mode: Mode;
  readonly office: Office;
  /** Sea: the region the vessel comes from. */
  readonly region?: Region;
  /** Air: the country the flight comes from. */
  readonly origin?: string;
}

/**
 * One consignment: the goods, the parties, the route, what is declared and
 * what is true. A voyage turns lots into bills (the manifest) and
 * declarations; the truth fields never leave the generator except as truth records.
 */
export interface Lot {
  /** Country the goods are dispatched from (the lane), which is also the declared origin. */
  readonly dispatch: string;
  readonly load: string;
  readonly via?: string;
  readonly receipt?: string;
  readonly main: Commodity;
  readonly netKg: number;
  readonly grossKg: number;
  readonly packages: { readonly count: number; readonly type: string };
  /** Full containers of `main.container` type; 0 for groupage (LCL), air and ro-ro. */
  readonly fcl: number;
  readonly importer: PartyRecord;
  readonly declarant: PartyRecord;
  readonly seller: PartyRecord;
  readonly consignee: PartyRecord;
  readonly shipper: PartyRecord;
  readonly notify: PartyRecord;
  readonly deliveryAddress?: Address;
  readonly items: DeclarationItem[];
  readonly customsValue: number;
  readonly dutiesDeclared: number;
  readonly preferenceClaimed?: string;
  readonly patterns: PatternId[];
  /** A findable pattern is planted (what a perfect control would find). */
  readonly fraud: boolean;
  readonly details: TruthDetails;
  readonly revenueAtRisk: number;
  /** How suspicious the lot looks to a targeting officer (drives risk-biased selection). */
  readonly suspicion: number;
  /** A cover load from a source country by sea: what concealment targeting looks at. */
  readonly coverRoute: boolean;
  readonly seizureKg?: number;
}

const SOURCES = new Set(SOURCE_COUNTRIES);

/** Share of other Vietnamese and Malaysian sea lots that are honest re-exports of Chinese goods. */
const REEXPORT_SHARE = 0.01;
const CHINESE_RECEIPTS = ['CNSHA', 'CNNGB', 'CNXMN', 'CNSHK', 'CNTAO'];

interface Lane {
  readonly load: string;
  readonly via?: string;
}

/** Sea lanes by origin, parsed once from "COCTG>PAMIT" (load, then transshipment port). */
const LANES = new Map(
  COUNTRIES.map((c) => [
    c.code,
    c.sea.map((lane): Lane => {
      const [load, via] = lane.split('>') as [string, string | undefined];
      return via ? { load, via } : { load };
    }),
  ]),
);

/**
 * Draws one lot for a voyage, planting at most one revenue pattern
 * (undervaluation or misclassification), or an origin or concealment scheme,
 * plus the party patterns (repeat offender, lookout). Rules: docs/synthetic-data.md.
 */
export function makeLot(ctx: LotContext, rng: Random, plan: LotPlan): Lot {
  const sea = plan.mode === '1';
  const dispatch = sea
    ? (TRADE.seaCountries.get(plan.region as Region)?.draw(rng) as string)
    : (plan.origin as string);
  const goods = (sea ? TRADE.seaGoods : TRADE.airGoods).get(dispatch);
  if (!goods) throw new Error(`synth: no ${sea ? 'sea' : 'air'} trade from ${dispatch}`);
  let main = goods.draw(rng);
  let scenario: Scenario = 'normal';
  if (sea && main.cover && SOURCES.has(dispatch) && rng.chance(ctx.rates.concealment)) {
    scenario = 'concealment';
  } else if (sea && (dispatch === 'VN' || dispatch === 'MY')) {
    if (rng.chance(ctx.rates.originTransshipment)) {
      scenario = 'origin';
      main = TRADE.antiDumping.draw(rng);
    } else if (rng.chance(REEXPORT_SHARE)) {
      // Honest re-exports make "received in China" alone a weak signal.
      scenario = 'reexport';
      main = (TRADE.seaGoods.get('CN') as Weighted<Commodity>).draw(rng);
    }
  }
  const route = routeFor(rng, dispatch, plan, scenario);
  const cast = castParties(ctx, rng, dispatch, main, scenario, sea);
  const offender = cast.importer.offender || cast.declarant.offender;
  const revenue =
    scenario === 'normal' ? chooseRevenue(ctx.rates, rng, main, offender, cast.hits.length > 0) : undefined;
  const size = sizeLot(rng, main, sea, scenario);
  const trueOrigin = scenario === 'origin' || scenario === 'reexport' ? 'CN' : dispatch;
  const lines: Line[] = [{ c: main, netKg: size.netKg }];
  if (scenario === 'normal') {
    const extra = rng.count(1.4, 6) - 1;
    for (let i = 0; i < extra; i++) {
      const c = goods.draw(rng);
      if (c.hs !== main.hs && c.container !== 'none')
        lines.push({ c, netKg: size.netKg * rng.range(0.05, 0.4) });
    }
  }
  const undervalue = revenue === 'undervaluation' ? rng.range(0.3, 0.65) : 1;
  const priced = priceItems(rng, lines, {
    dispatch,
    trueOrigin,
    declaredOrigin: scenario === 'reexport' ? 'CN' : dispatch,
    scenario,
    misclassify: revenue === 'misclassification',
    undervalue,
    claims: rng.chance(0.7),
    priceLevel: cast.seller.priceLevel,
  });
  const patterns: PatternId[] = [];
  const details: TruthDetails = {};
  if (revenue === 'undervaluation') {
    patterns.push('undervaluation');
    details.undervaluation = {
      declaredValue: priced.declaredValue,
      trueValue: priced.trueValue,
      factor: round2(undervalue),
    };
  }
  if (revenue === 'misclassification') {
    patterns.push('misclassification');
    const to = commodity(main.misdeclareAs as string);
    details.misclassification = {
      sequence: 1,
      declaredHs: to.hs,
      trueHs: main.hs,
      declaredRate: to.duty,
      trueRate: main.duty,
    };
  }
  if (revenue && offender) {
    patterns.push('repeat-offender');
    const who: { importer?: string; declarant?: string } = {};
    if (cast.importer.offender) who.importer = cast.importer.party.id;
    if (cast.declarant.offender) who.declarant = cast.declarant.party.id;
    details['repeat-offender'] = who;
  }
  if (scenario === 'origin') {
    patterns.push('origin-transshipment');
    details['origin-transshipment'] = {
      declaredOrigin: dispatch,
      trueOrigin: 'CN',
      placeOfReceipt: route.receipt as string,
      antiDumpingRate: main.antiDumpingCN ?? 0,
    };
  }
  let seizureKg: number | undefined;
  let deliveryAddress = cast.consignee.party.address;
  if (scenario === 'concealment') {
    patterns.push('concealment');
    seizureKg = Math.round(20 + 40 * rng.spread(0.9));
    const signals = ['weak-hub', ...cast.signals];
    if (size.light) signals.push('light-container');
    if (rng.chance(0.5)) {
      signals.push('po-box');
      deliveryAddress = poBoxAddress(rng, 'KR');
    }
    details.concealment = { substance: 'cocaine hydrochloride', quantityKg: seizureKg, signals };
  } else if (rng.chance(0.003)) {
    deliveryAddress = poBoxAddress(rng, 'KR'); // innocent P.O. boxes exist, so the signal alone is not proof
  }
  if (cast.hits.length > 0) {
    patterns.push('lookout-party');
    details['lookout-party'] = cast.hits;
  }
  const fraud = revenue !== undefined || scenario === 'origin' || scenario === 'concealment';
  const coverRoute = sea && main.cover === true && SOURCES.has(dispatch);
  let suspicion = 1;
  if (offender) suspicion *= 3;
  if (cast.hits.length > 0) suspicion *= 8;
  if (main.duty > 20) suspicion *= 2;
  if (coverRoute) suspicion *= 3;
  if (fraud) suspicion *= 2.5;
  return {
    dispatch,
    load: route.load,
    via: route.via,
    receipt: route.receipt,
    main,
    netKg: priced.netKg,
    grossKg: priced.grossKg,
    packages: { count: priced.packages, type: main.pack[0] },
    fcl: size.fcl,
    importer: cast.importer,
    declarant: cast.declarant,
    seller: cast.seller,
    consignee: cast.consignee,
    shipper: cast.shipper,
    notify: cast.notify,
    deliveryAddress,
    items: priced.items,
    customsValue: priced.declaredValue,
    dutiesDeclared: priced.declaredTaxes,
    preferenceClaimed: priced.claimed,
    patterns,
    fraud,
    details,
    revenueAtRisk: Math.max(0, round2(priced.trueTaxes - priced.declaredTaxes)),
    suspicion,
    coverRoute,
    seizureKg,
  };
}

function routeFor(
  rng: Random,
  dispatch: string,
  plan: LotPlan,
  scenario: Scenario,
): { load: string; via?: string; receipt?: string } {
  const info = country(dispatch);
  if (plan.mode === '4') return { load: info.air as string };
  const lanes = LANES.get(dispatch) as readonly Lane[];
  const { load, via } = rng.chance(0.5) ? (lanes[0] as Lane) : rng.pick(lanes);
  if (scenario === 'reexport' || (scenario === 'origin' && rng.chance(0.75))) {
    // Goods made in China, fed to the port in Viet Nam or Malaysia: the receipt says so.
    return { load, receipt: rng.pick(CHINESE_RECEIPTS) };
  }
  if (scenario === 'origin') return { load, receipt: load }; // re-papered at the port: the manifest is silent
  if (scenario === 'concealment') return { load, via: rng.pick(WEAK_HUBS) };
  return { load, via, receipt: info.receipt };
}

function sizeLot(
  rng: Random,
  main: Commodity,
  sea: boolean,
  scenario: Scenario,
): { netKg: number; fcl: number; light: boolean } {
  if (!sea) return { netKg: Math.min(20_000, Math.max(1, 120 * rng.spread(1.2))), fcl: 0, light: false };
  if (main.container === 'none') return { netKg: rng.count(3, 40) * main.kgPerUnit, fcl: 0, light: false };
  if (scenario !== 'normal' || rng.chance(0.75)) {
    const n = scenario === 'concealment' ? rng.count(1.2, 2) : rng.count(1.8, 10);
    const light = scenario === 'concealment' && rng.chance(0.7);
    // Some honest containers travel part-full too, so a light box alone proves nothing.
    const partial = scenario === 'normal' && rng.chance(0.03);
    const fill = light ? rng.range(0.4, 0.65) : partial ? rng.range(0.35, 0.75) : rng.range(0.8, 1);
    return { netKg: n * main.loadKg * fill, fcl: n, light };
  }
  return { netKg: Math.min(0.45 * main.loadKg, Math.max(30, 1500 * rng.spread(1))), fcl: 0, light: false };
}
