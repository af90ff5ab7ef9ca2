import type { Address, DeclarationItem } from '@sieve/core';
import { type Commodity, commodity } from './data/commodities.ts';
import { COUNTRIES, country, type Region, SOURCE_COUNTRIES, WEAK_HUBS } from './data/countries.ts';
import type { Mode, Office } from './data/transport.ts';
import type { Lookouts } from './lookouts.ts';
import type { PartyBook, PartyRecord } from './parties.ts';
import { poBoxAddress } from './party-names.ts';
import type { PatternId, Rates } from './patterns.ts';
import { assess, assessTotal, preference, round2 } from './pricing.ts';
import { hash32, type Random } from './random.ts';
import { TRADE } from './trade.ts';
import type { LookoutHit, TruthDetails } from './types.ts';

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

type Scenario = 'normal' | 'concealment' | 'origin';
type Revenue = 'undervaluation' | 'misclassification' | undefined;

const SOURCES = new Set(SOURCE_COUNTRIES);

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

/** HSK ten-digit national subheadings: a fixed national suffix per HS6 code. */
const HSK_SUFFIXES = ['0000', '1000', '2000', '9000'];

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
  } else if (sea && (dispatch === 'VN' || dispatch === 'MY') && rng.chance(ctx.rates.originTransshipment)) {
    scenario = 'origin';
    main = TRADE.antiDumping.draw(rng);
  }
  const route = routeFor(rng, dispatch, plan, scenario);
  const cast = castParties(ctx, rng, dispatch, main, scenario, sea);
  const offender = cast.importer.offender || cast.declarant.offender;
  const revenue =
    scenario === 'normal' ? chooseRevenue(ctx.rates, rng, main, offender, cast.hits.length > 0) : undefined;
  const size = sizeLot(rng, main, sea, scenario);
  const trueOrigin = scenario === 'origin' ? 'CN' : dispatch;
  const lines = [{ c: main, netKg: size.netKg }];
  if (scenario === 'normal') {
    const extra = rng.count(1.4, 6) - 1;
    for (let i = 0; i < extra; i++) {
      const c = goods.draw(rng);
      if (c.hs !== main.hs && c.container !== 'none')
        lines.push({ c, netKg: size.netKg * rng.range(0.05, 0.4) });
    }
  }
  const undervalue = revenue === 'undervaluation' ? rng.range(0.3, 0.65) : 1;
  const claims = rng.chance(0.7);
  const priceLevel = cast.seller.priceLevel;
  const items: DeclarationItem[] = [];
  let trueTotal = 0;
  let declaredTotal = 0;
  let trueValue = 0;
  let declaredValue = 0;
  let netTotal = 0;
  let grossKg = 0;
  let packages = 0;
  let claimed: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const { c, netKg: rawKg } = lines[i] as { c: Commodity; netKg: number };
    const qty = c.unit === 'KGM' ? round1(rawKg) : Math.max(1, Math.round(rawKg / c.kgPerUnit));
    const netKg = c.unit === 'KGM' ? qty : round1(qty * c.kgPerUnit);
    const value = round2(netKg * c.usdPerKg * priceFactor(c, trueOrigin) * priceLevel * rng.spread(0.25));
    const declaredC = revenue === 'misclassification' && i === 0 ? commodity(c.misdeclareAs as string) : c;
    const declValue = round2(value * undervalue);
    const truePref = scenario === 'origin' || !claims ? undefined : preference(c, dispatch);
    const declPref = scenario === 'origin' || claims ? preference(declaredC, dispatch) : undefined;
    const ad = trueOrigin === 'CN' ? (c.antiDumpingCN ?? 0) : 0;
    const declared = assess(
      declValue,
      declPref?.code ?? 'A',
      declPref?.rate ?? declaredC.duty,
      dispatch === 'CN' ? ad : 0,
    );
    const gross = round1(netKg * rng.range(1.03, 1.12));
    claimed ??= declPref?.code;
    const item: DeclarationItem = {
      sequence: i + 1,
      hsCode: hsk(declaredC.hs),
      description: c.description,
      origin: dispatch,
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
    trueTotal += assessTotal(value, truePref?.rate ?? c.duty, ad);
    declaredTotal += declared.total;
    trueValue += value;
    declaredValue += declValue;
    netTotal += netKg;
    grossKg += gross;
    packages += Math.max(1, Math.ceil(netKg / c.pack[1]));
  }
  const patterns: PatternId[] = [];
  const details: TruthDetails = {};
  if (revenue === 'undervaluation') {
    patterns.push('undervaluation');
    details.undervaluation = {
      declaredValue: round2(declaredValue),
      trueValue: round2(trueValue),
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
  const fraud = revenue !== undefined || scenario !== 'normal';
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
    netKg: round1(netTotal),
    grossKg: round1(grossKg),
    packages: { count: packages, type: main.pack[0] },
    fcl: size.fcl,
    importer: cast.importer,
    declarant: cast.declarant,
    seller: cast.seller,
    consignee: cast.consignee,
    shipper: cast.shipper,
    notify: cast.notify,
    deliveryAddress,
    items,
    customsValue: round2(declaredValue),
    dutiesDeclared: round2(declaredTotal),
    preferenceClaimed: claimed,
    patterns,
    fraud,
    details,
    revenueAtRisk: Math.max(0, round2(trueTotal - declaredTotal)),
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
  if (scenario === 'origin') {
    // Goods made in China, trucked or fed to the port in Viet Nam or Malaysia: the receipt says so.
    return { load, receipt: rng.pick(['CNSHA', 'CNNGB', 'CNXMN', 'CNSHK', 'CNTAO']) };
  }
  if (scenario === 'concealment') return { load, via: rng.pick(WEAK_HUBS) };
  return { load, via, receipt: info.receipt };
}

interface Cast {
  importer: PartyRecord;
  declarant: PartyRecord;
  seller: PartyRecord;
  consignee: PartyRecord;
  shipper: PartyRecord;
  notify: PartyRecord;
  hits: LookoutHit[];
  signals: string[];
}

function castParties(
  ctx: LotContext,
  rng: Random,
  dispatch: string,
  main: Commodity,
  scenario: Scenario,
  sea: boolean,
): Cast {
  const { book } = ctx;
  const hits: LookoutHit[] = [];
  const signals: string[] = [];
  let importer: PartyRecord;
  let seller: PartyRecord;
  let consignee: PartyRecord;
  if (scenario === 'concealment') {
    // A consignee with no history, paired with a shipper with no history: one-to-one.
    if (rng.chance(0.25)) {
      const pick = ctx.lookouts.pickRole(rng, 'consignee');
      book.announce(pick.record);
      importer = pick.record;
      hits.push({ ...pick.hit, partyId: pick.record.party.id, name: pick.record.party.name ?? '' });
      signals.push('lookout-consignee');
    } else {
      importer = book.oneOff(rng.chance(0.5) ? 'PER' : 'IMP', 'KR');
      signals.push('new-consignee', 'one-to-one');
    }
    consignee = importer;
    seller = book.oneOff('SEL', dispatch);
  } else {
    // Personal imports by air: individuals are not only smugglers and listed persons.
    const personal = scenario === 'normal' && !sea && rng.chance(0.08);
    importer = personal ? book.person(rng) : book.importer(rng, main.hs);
    seller =
      scenario === 'origin' ? book.front(rng, dispatch) : book.seller(rng, dispatch, main.hs, importer);
    consignee = !personal && rng.chance(0.15) ? book.logistics(rng) : importer;
    if (scenario === 'normal' && rng.chance(ctx.rates.lookout)) {
      const pick = ctx.lookouts.pick(rng);
      book.announce(pick.record);
      if (pick.role === 'seller') seller = pick.record;
      else {
        importer = pick.record;
        consignee = pick.record;
      }
      hits.push({ ...pick.hit, partyId: pick.record.party.id, name: pick.record.party.name ?? '' });
    }
  }
  const declarant = book.declarantFor(rng, importer);
  // In half the origin cases the bill names the Chinese maker as shipper: a second tell.
  const shipper =
    scenario === 'origin' && rng.chance(0.5) ? book.seller(rng, 'CN', main.hs, importer) : seller;
  const roll = rng.float();
  const notify = roll < 0.6 ? importer : roll < 0.85 ? declarant : book.forwarder(rng, 'KR');
  return { importer, declarant, seller, consignee, shipper, notify, hits, signals };
}

function chooseRevenue(
  rates: Rates,
  rng: Random,
  main: Commodity,
  offender: boolean,
  listed: boolean,
): Revenue {
  if (offender && rng.chance(rates.offenderFraud)) {
    return main.misdeclareAs && rng.chance(0.4) ? 'misclassification' : 'undervaluation';
  }
  if (listed && rng.chance(rates.lookoutFraud)) return 'undervaluation';
  if (main.misdeclareAs && rng.chance(rates.misclassification)) return 'misclassification';
  const weight = main.duty === 0 ? 0.4 : main.duty <= 10 ? 1 : 2;
  return rng.chance(rates.undervaluation * weight) ? 'undervaluation' : undefined;
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
    const fill = light ? rng.range(0.4, 0.65) : rng.range(0.8, 1);
    return { netKg: n * main.loadKg * fill, fcl: n, light };
  }
  return { netKg: Math.min(0.45 * main.loadKg, Math.max(30, 1500 * rng.spread(1))), fcl: 0, light: false };
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

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
