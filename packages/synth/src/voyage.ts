import type {
  BillOfLading,
  CargoReport,
  Container,
  HouseConsignment,
  ManifestContainer,
  SupportingDocument,
  Transport,
} from '@sieve/core';
import { iso } from './clock.ts';
import { COMMODITIES } from './data/commodities.ts';
import {
  AIRCRAFT_PREFIX,
  AIRLINES,
  type Carrier,
  CONTAINER_PAYLOAD,
  type Office,
  SEA_CARRIERS,
  VESSEL_SUFFIXES,
} from './data/transport.ts';
import { airWaybill, code7, containerNumber, imoNumber, pad } from './ids.ts';
import { type Lot, type LotContext, type LotPlan, makeLot } from './lot.ts';
import type { PartyRecord } from './parties.ts';
import { hash32, type Random, Weighted } from './random.ts';
import { TRADE } from './trade.ts';

/** A declaration waiting to be lodged: everything but its number and time. */
export interface Draft {
  readonly lot: Lot;
  readonly office: Office;
  readonly mode: '1' | '4';
  readonly carrier: PartyRecord;
  readonly transport: Transport;
  readonly documents: SupportingDocument[];
  readonly incoterm: string;
  readonly invoiceAmount: number;
}

/** A voyage (or flight): its cargo report and the declarations of its consignments. */
export interface Voyage {
  readonly report: CargoReport;
  readonly drafts: readonly Draft[];
}

const SEA_WEIGHTED = new Weighted(SEA_CARRIERS.map((c) => [c, c.weight] as const));
const AIR_WEIGHTED = new Weighted(AIRLINES.map((c) => [c, c.weight] as const));
const LESSORS = ['TGH', 'TCL', 'SEG', 'CAI', 'FSC', 'TRH'];
const SEA_TERMS = new Weighted([
  ['FOB', 45],
  ['CIF', 25],
  ['CFR', 15],
  ['EXW', 10],
  ['DAP', 5],
] as const);
const AIR_TERMS = new Weighted([
  ['FCA', 40],
  ['EXW', 20],
  ['CPT', 20],
  ['DAP', 20],
] as const);

/** Counters that keep document numbers unique across a run. */
export interface DocCounters {
  voyage: number;
  document: number;
  /** Salt of the run's document numbers (a hash of the seed). */
  readonly salt: number;
}

/** Incoterms under which the invoice excludes freight and insurance (customs value is CIF). */
const FREIGHT_EXCLUDED = new Set(['FOB', 'FCA', 'EXW']);

/**
 * Opens a voyage at `atMs` carrying `n` consignments: draws the office,
 * conveyance and lots, groups groupage and air lots under master bills with
 * house consignments, and returns the cargo report with the drafts of the
 * declarations (which share the bills' numbers and containers).
 */
export function openVoyage(
  ctx: LotContext,
  rng: Random,
  n: number,
  atMs: number,
  windowMs: number,
  counters: DocCounters,
): Voyage {
  const office = TRADE.offices.draw(rng);
  const sea = office.mode === '1';
  const plan: LotPlan = sea
    ? { mode: '1', office, region: TRADE.seaRegions.draw(rng) }
    : { mode: '4', office, origin: TRADE.airCountries.draw(rng) };
  const builder = new VoyageBuilder(ctx, rng, plan, atMs, counters);
  const lots = Array.from({ length: n }, () => makeLot(ctx, rng, plan));
  const groupage: Lot[] = [];
  for (const lot of lots) {
    if (sea ? lot.fcl === 0 && lot.main.container !== 'none' : rng.chance(0.7)) groupage.push(lot);
    else builder.direct(lot);
  }
  for (const group of groups(groupage, sea)) builder.consolidated(group);
  return { report: builder.report(windowMs), drafts: builder.drafts };
}

/** Builds the bills and drafts of one voyage; one instance per voyage. */
class VoyageBuilder {
  readonly drafts: Draft[] = [];
  private readonly bills: BillOfLading[] = [];
  private readonly sea: boolean;
  private readonly office: Office;
  private readonly carrierInfo: Carrier;
  private readonly carrier: PartyRecord;
  private readonly conveyance: { id: string; name: string; nationality: string };
  private readonly voyageRef: string;
  private readonly yy: number;

  constructor(
    private readonly ctx: LotContext,
    private readonly rng: Random,
    private readonly plan: LotPlan,
    private readonly atMs: number,
    private readonly counters: DocCounters,
  ) {
    this.sea = plan.mode === '1';
    this.office = plan.office;
    this.carrierInfo = (this.sea ? SEA_WEIGHTED : AIR_WEIGHTED).draw(rng);
    this.carrier = ctx.book.carrier(this.carrierInfo);
    this.conveyance = this.sea ? vessel(rng, this.carrierInfo) : aircraft(rng, this.carrierInfo);
    this.voyageRef = this.sea
      ? `${pad(rng.between(1, 999), 3)}${rng.pick(['E', 'W', 'N', 'S'])}`
      : `${this.carrierInfo.fleet}${pad(rng.between(100, 999), 3)}`;
    this.yy = new Date(atMs).getUTCFullYear() % 100;
  }

  /** A consignment on its own bill of lading (full containers, ro-ro) or air waybill. */
  direct(lot: Lot): void {
    const { rng, sea } = this;
    const number = sea ? this.nextNumber(this.carrierInfo.code) : this.airWaybill();
    const containers =
      lot.fcl > 0
        ? Array.from({ length: lot.fcl }, () => box(rng, this.carrierInfo, lot.main.container))
        : [];
    this.bills.push(consignment(rng, lot, number, containers, this.office));
    this.draft(lot, declared(containers), [{ type: sea ? 'N705' : 'N740', reference: number }]);
  }

  /** House consignments of one port under a forwarder's master bill, sharing one container at sea. */
  consolidated(group: readonly Lot[]): void {
    const { rng, sea, ctx } = this;
    const first = group[0] as Lot;
    const forwarderKr = ctx.book.forwarder(rng, 'KR');
    const forwarderAbroad = ctx.book.forwarder(rng, first.dispatch);
    const master = sea ? this.nextNumber(this.carrierInfo.code) : this.airWaybill();
    const grossKg = group.reduce((s, l) => s + l.grossKg, 0);
    const type = group.some((l) => l.main.container === '45R1') ? '45R1' : grossKg < 10_000 ? '22G1' : '45G1';
    const containers = sea ? [box(rng, this.carrierInfo, type)] : [];
    const prefix = houseCode(forwarderKr);
    const shared = declared(containers);
    const houses: HouseConsignment[] = group.map((lot) => {
      const number = this.nextNumber(prefix);
      this.draft(lot, shared, [
        { type: sea ? 'N714' : 'N703', reference: number },
        { type: sea ? 'N704' : 'N741', reference: master },
      ]);
      return consignment(rng, lot, number, containers, this.office);
    });
    const bill: BillOfLading = {
      number: master,
      shipper: forwarderAbroad.party,
      consignee: forwarderKr.party,
      notifyParty: forwarderKr.party,
      goodsDescription: 'CONSOLIDATED CARGO AS PER ATTACHED LIST',
      packages: { count: group.reduce((s, l) => s + l.packages.count, 0), type: 'PK' },
      grossMassKg: Math.round(grossKg * 10) / 10,
      placeOfLoading: first.load,
      placeOfDischarge: this.office.port,
      houseConsignments: houses,
    };
    if (containers.length > 0) bill.containers = containers;
    this.bills.push(bill);
  }

  /** The cargo report, reported now, arriving within the window of the voyage's declarations. */
  report(windowMs: number): CargoReport {
    const { rng, atMs, office } = this;
    const hours = Math.min(72, Math.max(2, (0.3 * windowMs) / 3_600_000)) * rng.range(0.7, 1.3);
    const arrivalMs = atMs + hours * 3_600_000;
    return {
      id: `CR${this.yy}${office.code}${pad(this.counters.voyage++, 7)}`,
      version: 1,
      reportedAt: iso(atMs),
      office: office.code,
      carrier: this.carrier.party,
      conveyance: { ...this.conveyance, mode: this.plan.mode },
      voyage: this.voyageRef,
      expectedArrival: iso(Math.floor(arrivalMs / 60_000) * 60_000),
      bills: this.bills,
    };
  }

  private draft(lot: Lot, containers: Container[] | undefined, documents: SupportingDocument[]): void {
    const { rng, sea, yy } = this;
    const terms = (sea ? SEA_TERMS : AIR_TERMS).draw(rng);
    const freight = FREIGHT_EXCLUDED.has(terms) ? rng.range(sea ? 0.04 : 0.08, sea ? 0.12 : 0.25) : 0;
    documents.unshift({ type: 'N380', reference: `INV${yy}-${pad(rng.int(1_000_000), 6)}` });
    if (lot.preferenceClaimed) {
      documents.push({ type: 'N861', reference: `CO${yy}${lot.dispatch}${pad(rng.int(10_000_000), 7)}` });
    }
    this.drafts.push({
      lot,
      office: this.office,
      mode: this.plan.mode,
      carrier: this.carrier,
      transport: transportOf(this.conveyance, this.voyageRef, this.office, lot.load, containers),
      documents,
      incoterm: terms,
      invoiceAmount: Math.round((lot.customsValue / (1 + freight)) * 100) / 100,
    });
  }

  private nextNumber(prefix: string): string {
    return `${prefix}${code7(this.counters.document++, this.counters.salt)}`;
  }

  private airWaybill(): string {
    return airWaybill(this.carrierInfo.code, awbSerial(this.counters));
  }
}

// Built field by field: spreading a shared template here cost a tenth of the generator's time.
function transportOf(
  conveyance: { id: string; name: string; nationality: string },
  voyage: string,
  office: Office,
  portOfLoading: string,
  containers: Container[] | undefined,
): Transport {
  const t: Transport = {
    meansId: conveyance.id,
    meansName: conveyance.name,
    nationality: conveyance.nationality,
    voyage,
    portOfLoading,
    portOfDischarge: office.port,
  };
  if (containers) t.containers = containers;
  return t;
}

function consignment(
  rng: Random,
  lot: Lot,
  number: string,
  containers: ManifestContainer[],
  office: Office,
): HouseConsignment {
  const c: HouseConsignment = {
    number,
    shipper: lot.shipper.party,
    consignee: lot.consignee.party,
    notifyParty: lot.notify.party,
    goodsDescription: goodsDescription(rng, lot),
    packages: lot.packages,
    grossMassKg: lot.grossKg,
    placeOfReceipt: lot.receipt ?? lot.load,
    placeOfLoading: lot.load,
    placeOfDischarge: office.port,
    placeOfDelivery: rng.chance(0.2) ? 'KRSEL' : office.port,
  };
  // The exporter's papers carry the true heading, whatever the importer declares,
  // though shippers are sloppy: some give only the heading, some a wrong code.
  if (rng.chance(0.6)) {
    const roll = rng.float();
    c.hsCode =
      roll < 0.88 ? lot.main.hs : roll < 0.94 ? `${lot.main.hs.slice(0, 4)}00` : rng.pick(COMMODITIES).hs;
  }
  if (containers.length > 0) c.containers = containers;
  if (lot.via) c.transshipmentPorts = [lot.via];
  if (lot.deliveryAddress) c.deliveryAddress = lot.deliveryAddress;
  return c;
}

const upper = new Map<string, string>();

function goodsDescription(rng: Random, lot: Lot): string {
  if (rng.chance(0.85)) {
    let description = upper.get(lot.main.hs);
    if (description === undefined) {
      description = lot.main.description.toUpperCase();
      upper.set(lot.main.hs, description);
    }
    return `${lot.packages.count} ${lot.packages.type} ${description}`;
  }
  return Number(lot.main.hs.slice(0, 2)) <= 24
    ? 'FOODSTUFF'
    : `S.T.C. ${lot.packages.count} PACKAGES GENERAL CARGO`;
}

/** Groupage lots by port of loading, in groups of at most 6 (sea) or 8 (air) house consignments. */
function groups(lots: readonly Lot[], sea: boolean): Lot[][] {
  const byPort = new Map<string, Lot[]>();
  for (const lot of lots) {
    const key = `${lot.load}:${sea && lot.main.container === '45R1' ? 'R' : 'G'}`;
    const list = byPort.get(key);
    if (list) list.push(lot);
    else byPort.set(key, [lot]);
  }
  const out: Lot[][] = [];
  const size = sea ? 6 : 8;
  for (const list of byPort.values())
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function box(rng: Random, carrier: Carrier, type: string): ManifestContainer {
  const owner = rng.chance(0.75) ? carrier.owner : rng.pick(LESSORS);
  return {
    id: containerNumber(owner, rng.int(1_000_000)),
    type,
    seals: [`${carrier.code.slice(0, 2)}${pad(rng.int(10_000_000), 7)}`],
    maxPayloadKg: CONTAINER_PAYLOAD.get(type) ?? 26_500,
    ...(type === '45R1' ? { refrigerated: true } : {}),
  };
}

/** The containers as a declaration lists them (no payload or reefer flag); one array shared by the consignment's declarations. */
function declared(list: readonly ManifestContainer[]): Container[] | undefined {
  if (list.length === 0) return undefined;
  return list.map((c) => ({ id: c.id, type: c.type, seals: c.seals }));
}

function vessel(rng: Random, c: Carrier): { id: string; name: string; nationality: string } {
  const k = rng.int(12);
  const h = hash32(c.id, k);
  return {
    id: imoNumber(900_000 + (h % 100_000)),
    name: `${c.fleet} ${VESSEL_SUFFIXES[h % VESSEL_SUFFIXES.length]}`,
    nationality: c.flags[h % c.flags.length] as string,
  };
}

function aircraft(rng: Random, c: Carrier): { id: string; name: string; nationality: string } {
  const k = rng.int(10);
  const h = hash32(c.id, 'aircraft', k);
  const prefix = AIRCRAFT_PREFIX[c.country] ?? 'HL';
  const tail = prefix === 'N' ? `${700 + (h % 300)}CK` : `${pad(8000 + (h % 2000), 4)}`;
  return { id: `${prefix}${tail}`, name: `${c.name} ${c.fleet}`, nationality: c.country };
}

/** Serials of air waybills: a stride prime to 10^7 visits every serial once before repeating. */
function awbSerial(counters: DocCounters): number {
  return (counters.document++ * 7919 + 1_234_567) % 10_000_000;
}

const houseCodes = new WeakMap<PartyRecord, string>();

/** Four letters from the forwarder's name that prefix its house bills ("Hanbit Logistics Co., Ltd." -> HLCL). */
function houseCode(forwarder: PartyRecord): string {
  let code = houseCodes.get(forwarder);
  if (code === undefined) {
    code = `${(forwarder.names.latin.match(/[A-Z]/g) ?? ['H']).join('')}XXX`.slice(0, 4);
    houseCodes.set(forwarder, code);
  }
  return code;
}
