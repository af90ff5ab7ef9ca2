import type {
  BillOfLading,
  CargoReport,
  HouseConsignment,
  ManifestContainer,
} from '../domain/cargo-report.ts';
import type { Container, Declaration, DeclarationItem, DutyTax } from '../domain/declaration.ts';
import type { Address, Party, PartyIdentifier } from '../domain/party.ts';
import {
  arrayOf,
  BOOL,
  type Field,
  type Getter,
  NUMBER,
  type RecordType,
  type RuleType,
  TEXT,
  tagged,
} from './rule-types.ts';
import type { ValueBand } from './value-bands.ts';

// Every getter is its own function literal, so each property read in a
// compiled rule has its own inline cache and stays fast.
function f<T>(type: RuleType, get: (o: T) => unknown, doc: string, extra: Partial<Field> = {}): Field {
  return { type, get: get as Getter, doc, ...extra };
}

function record(name: string, doc: string, fields: Record<string, Field>): RecordType {
  return Object.freeze({ name, doc, fields: new Map(Object.entries(fields)) });
}

const recordType = (r: RecordType): RuleType => ({ kind: 'record', record: r });

/** Division that yields "unknown" (undefined) rather than Infinity when the divisor is zero or missing. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

function sum<T>(xs: readonly T[] | undefined, get: (x: T) => number | undefined): number | undefined {
  if (!xs || xs.length === 0) return undefined;
  let s = 0;
  for (const x of xs) {
    const v = get(x);
    if (v === undefined) return undefined;
    s += v;
  }
  return s;
}

/** ISO 6346 size-and-type codes put the type group third: R for reefers ("45R1"). */
export function isReefer(c: {
  type?: string | undefined;
  refrigerated?: boolean | undefined;
}): boolean | undefined {
  if (c.refrigerated !== undefined) return c.refrigerated;
  const group = c.type?.[2];
  return group === undefined ? undefined : group === 'R';
}

const ADDRESS = record('address', 'A postal address.', {
  line: f<Address>(TEXT, (a) => a.line, 'Street, building, P.O. box'),
  city: f<Address>(TEXT, (a) => a.city, 'City'),
  postcode: f<Address>(TEXT, (a) => a.postcode, 'Postcode'),
  subdivision: f<Address>(TEXT, (a) => a.subdivision, 'State, province'),
  country: f<Address>(tagged('country'), (a) => a.country, 'Country (ISO 3166 code)', { selectivity: 0.05 }),
});

const PARTY_IDENTIFIER = record('identifier', 'An identifier of a party: tax number, EORI, AEO.', {
  scheme: f<PartyIdentifier>(TEXT, (i) => i.scheme, 'Scheme, e.g. EORI, TIN, AEO'),
  value: f<PartyIdentifier>(TEXT, (i) => i.value, 'The identifier', { selectivity: 0.001 }),
});

const PARTY = record('party', 'A trader, carrier or person.', {
  id: f<Party>(tagged('party'), (p) => p.id, 'Party id, the same across declarations', {
    selectivity: 0.001,
  }),
  name: f<Party>(TEXT, (p) => p.name, 'Name'),
  country: f<Party>(tagged('country'), (p) => p.country, 'Country (ISO 3166 code)', { selectivity: 0.05 }),
  address: f<Party>(recordType(ADDRESS), (p) => p.address, 'Address'),
  identifiers: f<Party>(arrayOf(recordType(PARTY_IDENTIFIER)), (p) => p.identifiers, 'Identifiers'),
});

const TAX = record('tax', 'A duty or tax declared for an item.', {
  type: f<DutyTax>(TEXT, (t) => t.type, 'Tax type code', { selectivity: 0.2 }),
  rate: f<DutyTax>(NUMBER, (t) => t.rate, 'Rate'),
  amount: f<DutyTax>(NUMBER, (t) => t.amount, 'Amount'),
});

const ITEM = record('item', 'A goods item of the declaration.', {
  sequence: f<DeclarationItem>(NUMBER, (i) => i.sequence, 'Item number, from 1'),
  hsCode: f<DeclarationItem>(tagged('hs'), (i) => i.hsCode, 'HS code, 6 to 10 digits'),
  hsChapter: f<DeclarationItem>(tagged('hs'), (i) => i.hsCode.slice(0, 2), 'First 2 digits of the HS code', {
    derived: true,
  }),
  hsHeading: f<DeclarationItem>(tagged('hs'), (i) => i.hsCode.slice(0, 4), 'First 4 digits of the HS code', {
    derived: true,
  }),
  hsSubheading: f<DeclarationItem>(
    tagged('hs'),
    (i) => i.hsCode.slice(0, 6),
    'First 6 digits of the HS code',
    {
      derived: true,
    },
  ),
  description: f<DeclarationItem>(TEXT, (i) => i.description, 'Description of the goods'),
  origin: f<DeclarationItem>(tagged('country'), (i) => i.origin, 'Country of origin', { selectivity: 0.05 }),
  originIndicator: f<DeclarationItem>(TEXT, (i) => i.originIndicator, 'How origin was established'),
  preference: f<DeclarationItem>(TEXT, (i) => i.preference, 'Tariff preference claimed', {
    selectivity: 0.2,
  }),
  quantity: f<DeclarationItem>(NUMBER, (i) => i.quantity, 'Quantity in `unit`'),
  unit: f<DeclarationItem>(TEXT, (i) => i.unit, 'Unit of quantity, e.g. KGM, NAR', { selectivity: 0.3 }),
  netMassKg: f<DeclarationItem>(NUMBER, (i) => i.netMassKg, 'Net mass in kg'),
  grossMassKg: f<DeclarationItem>(NUMBER, (i) => i.grossMassKg, 'Gross mass in kg'),
  value: f<DeclarationItem>(NUMBER, (i) => i.value, 'Item value in the declaration currency'),
  unitValue: f<DeclarationItem>(NUMBER, (i) => ratio(i.value, i.quantity), 'value / quantity', {
    derived: true,
  }),
  valuePerKg: f<DeclarationItem>(NUMBER, (i) => ratio(i.value, i.netMassKg), 'value / netMassKg', {
    derived: true,
  }),
  taxAmount: f<DeclarationItem>(NUMBER, (i) => sum(i.taxes, (t) => t.amount), 'Sum of the tax amounts', {
    derived: true,
  }),
  taxes: f<DeclarationItem>(arrayOf(recordType(TAX)), (i) => i.taxes, 'Duties and taxes declared'),
});

const CONTAINER = record('container', 'A container named on the declaration.', {
  id: f<Container>(TEXT, (c) => c.id, 'Container number', { selectivity: 0.001 }),
  type: f<Container>(TEXT, (c) => c.type, 'ISO 6346 size and type code, e.g. 22G1, 45R1', {
    selectivity: 0.2,
  }),
  seals: f<Container>(arrayOf(TEXT), (c) => c.seals, 'Seal numbers'),
  reefer: f<Container>(BOOL, isReefer, 'Refrigerated (type group R)', { derived: true }),
});

const TRANSPORT = record('transport', 'Transport of the goods at the border.', {
  meansId: f<NonNullable<Declaration['transport']>>(
    TEXT,
    (t) => t.meansId,
    'Vessel IMO number, flight, plate',
    {
      selectivity: 0.01,
    },
  ),
  meansName: f<NonNullable<Declaration['transport']>>(
    TEXT,
    (t) => t.meansName,
    'Name of the means of transport',
  ),
  nationality: f<NonNullable<Declaration['transport']>>(
    tagged('country'),
    (t) => t.nationality,
    'Flag of the means of transport',
    { selectivity: 0.05 },
  ),
  voyage: f<NonNullable<Declaration['transport']>>(TEXT, (t) => t.voyage, 'Voyage or flight number'),
  containers: f<NonNullable<Declaration['transport']>>(
    arrayOf(recordType(CONTAINER)),
    (t) => t.containers,
    'Containers',
  ),
  portOfLoading: f<NonNullable<Declaration['transport']>>(
    tagged('port'),
    (t) => t.portOfLoading,
    'UN/LOCODE',
    {
      selectivity: 0.02,
    },
  ),
  portOfDischarge: f<NonNullable<Declaration['transport']>>(
    tagged('port'),
    (t) => t.portOfDischarge,
    'UN/LOCODE',
    { selectivity: 0.1 },
  ),
});

const TRADE_TERMS = record('tradeTerms', 'Incoterms.', {
  incoterm: f<NonNullable<Declaration['tradeTerms']>>(TEXT, (t) => t.incoterm, 'Incoterms code, e.g. FOB', {
    selectivity: 0.2,
  }),
  place: f<NonNullable<Declaration['tradeTerms']>>(TEXT, (t) => t.place, 'Named place'),
});

const DOCUMENT = record('document', 'A supporting document.', {
  type: f<{ type: string }>(TEXT, (d) => d.type, 'Document type code', { selectivity: 0.2 }),
  reference: f<{ reference: string }>(TEXT, (d) => d.reference, 'Document number'),
});

const party = (doc: string, get: (d: Declaration) => Party | undefined) =>
  f<Declaration>(recordType(PARTY), get, doc);

/** The declaration as rules see it: every field of the domain model, plus derived ones. */
export const DECLARATION = record('declaration', 'The goods declaration being assessed.', {
  id: f<Declaration>(TEXT, (d) => d.id, 'Declaration number', { selectivity: 0.0001 }),
  version: f<Declaration>(NUMBER, (d) => d.version, 'Amendment number, from 1'),
  type: f<Declaration>(TEXT, (d) => d.type, 'Declaration type, e.g. IM, EX', { selectivity: 0.5 }),
  procedure: f<Declaration>(TEXT, (d) => d.procedure, 'Customs procedure code, e.g. 4000', {
    selectivity: 0.3,
  }),
  office: f<Declaration>(TEXT, (d) => d.office, 'Customs office code', { selectivity: 0.1 }),
  lodgedAt: f<Declaration>(TEXT, (d) => d.lodgedAt, 'Date and time lodged (ISO 8601, UTC)'),
  declarant: party('Declarant (broker)', (d) => d.declarant),
  importer: party('Importer', (d) => d.importer),
  exporter: party('Exporter', (d) => d.exporter),
  seller: party('Seller', (d) => d.seller),
  consignee: party('Consignee', (d) => d.consignee),
  carrier: party('Carrier', (d) => d.carrier),
  transportMode: f<Declaration>(TEXT, (d) => d.transportMode, 'Mode of transport at the border', {
    selectivity: 0.3,
  }),
  dispatchCountry: f<Declaration>(tagged('country'), (d) => d.dispatchCountry, 'Country of dispatch', {
    selectivity: 0.05,
  }),
  tradeTerms: f<Declaration>(recordType(TRADE_TERMS), (d) => d.tradeTerms, 'Incoterms'),
  currency: f<Declaration>(tagged('currency'), (d) => d.currency, 'Currency (ISO 4217)', {
    selectivity: 0.2,
  }),
  invoiceAmount: f<Declaration>(NUMBER, (d) => d.invoiceAmount, 'Invoice amount'),
  customsValue: f<Declaration>(NUMBER, (d) => d.customsValue, 'Customs value'),
  dutiesDeclared: f<Declaration>(NUMBER, (d) => d.dutiesDeclared, 'Duties and taxes declared'),
  items: f<Declaration>(arrayOf(recordType(ITEM)), (d) => d.items, 'Goods items'),
  itemCount: f<Declaration>(NUMBER, (d) => d.items.length, 'Number of goods items', { derived: true }),
  totalItemValue: f<Declaration>(NUMBER, (d) => sum(d.items, (i) => i.value), 'Sum of the item values', {
    derived: true,
  }),
  transport: f<Declaration>(recordType(TRANSPORT), (d) => d.transport, 'Transport'),
  documents: f<Declaration>(arrayOf(recordType(DOCUMENT)), (d) => d.documents, 'Supporting documents'),
  attributes: f<Declaration>({ kind: 'map', value: TEXT }, (d) => d.attributes, 'National fields by name'),
});

const MANIFEST_CONTAINER = record('manifest container', 'A container on a bill of lading.', {
  id: f<ManifestContainer>(TEXT, (c) => c.id, 'Container number', { selectivity: 0.001 }),
  type: f<ManifestContainer>(TEXT, (c) => c.type, 'ISO 6346 size and type code', { selectivity: 0.2 }),
  seals: f<ManifestContainer>(arrayOf(TEXT), (c) => c.seals, 'Seal numbers'),
  maxPayloadKg: f<ManifestContainer>(NUMBER, (c) => c.maxPayloadKg, 'Maximum payload (CSC plate), kg'),
  refrigerated: f<ManifestContainer>(BOOL, (c) => c.refrigerated, 'Declared refrigerated'),
  reefer: f<ManifestContainer>(BOOL, isReefer, 'Refrigerated: `refrigerated`, else type group R', {
    derived: true,
  }),
});

function consignmentFields(): Record<string, Field> {
  type C = HouseConsignment;
  return {
    number: f<C>(TEXT, (b) => b.number, 'Bill of lading number', { selectivity: 0.0001 }),
    shipper: f<C>(recordType(PARTY), (b) => b.shipper, 'Shipper'),
    consignee: f<C>(recordType(PARTY), (b) => b.consignee, 'Consignee'),
    notifyParty: f<C>(recordType(PARTY), (b) => b.notifyParty, 'Notify party'),
    goodsDescription: f<C>(TEXT, (b) => b.goodsDescription, 'Description of the goods'),
    hsCode: f<C>(tagged('hs'), (b) => b.hsCode, 'HS code'),
    packageCount: f<C>(NUMBER, (b) => b.packages?.count, 'Number of packages'),
    packageType: f<C>(TEXT, (b) => b.packages?.type, 'Package type code'),
    grossMassKg: f<C>(NUMBER, (b) => b.grossMassKg, 'Gross mass, kg'),
    containers: f<C>(arrayOf(recordType(MANIFEST_CONTAINER)), (b) => b.containers, 'Containers'),
    containerCount: f<C>(NUMBER, (b) => b.containers?.length ?? 0, 'Number of containers', { derived: true }),
    maxPayloadKg: f<C>(
      NUMBER,
      (b) => sum(b.containers, (c) => c.maxPayloadKg),
      'Sum of the containers\u2019 maximum payloads, kg',
      { derived: true },
    ),
    placeOfReceipt: f<C>(tagged('port'), (b) => b.placeOfReceipt, 'UN/LOCODE', { selectivity: 0.02 }),
    placeOfLoading: f<C>(tagged('port'), (b) => b.placeOfLoading, 'UN/LOCODE', { selectivity: 0.02 }),
    placeOfDischarge: f<C>(tagged('port'), (b) => b.placeOfDischarge, 'UN/LOCODE', { selectivity: 0.1 }),
    placeOfDelivery: f<C>(tagged('port'), (b) => b.placeOfDelivery, 'UN/LOCODE', { selectivity: 0.05 }),
    transshipmentPorts: f<C>(arrayOf(tagged('port')), (b) => b.transshipmentPorts, 'Ports passed through'),
    deliveryAddress: f<C>(recordType(ADDRESS), (b) => b.deliveryAddress, 'Delivery address'),
  };
}

const HOUSE = record('houseConsignment', 'A house bill under a master bill.', consignmentFields());

const BILL = record('bill', 'A bill of lading on the cargo report.', {
  ...consignmentFields(),
  houseConsignments: f<BillOfLading>(arrayOf(recordType(HOUSE)), (b) => b.houseConsignments, 'House bills'),
});

const CONVEYANCE = record('conveyance', 'The vessel, aircraft or vehicle.', {
  id: f<CargoReport['conveyance']>(TEXT, (c) => c.id, 'IMO number, flight, plate', { selectivity: 0.01 }),
  name: f<CargoReport['conveyance']>(TEXT, (c) => c.name, 'Name'),
  mode: f<CargoReport['conveyance']>(TEXT, (c) => c.mode, 'Mode of transport', { selectivity: 0.3 }),
  nationality: f<CargoReport['conveyance']>(tagged('country'), (c) => c.nationality, 'Flag', {
    selectivity: 0.05,
  }),
});

/** The cargo report (manifest) linked to the declaration, when the evaluation context gives one. */
export const CARGO_REPORT = record('cargo report', 'The manifest the goods arrived on.', {
  id: f<CargoReport>(TEXT, (c) => c.id, 'Cargo report number'),
  version: f<CargoReport>(NUMBER, (c) => c.version, 'Amendment number'),
  reportedAt: f<CargoReport>(TEXT, (c) => c.reportedAt, 'Date and time reported'),
  office: f<CargoReport>(TEXT, (c) => c.office, 'Office of arrival', { selectivity: 0.1 }),
  carrier: f<CargoReport>(recordType(PARTY), (c) => c.carrier, 'Carrier'),
  conveyance: f<CargoReport>(recordType(CONVEYANCE), (c) => c.conveyance, 'Vessel, aircraft or vehicle'),
  voyage: f<CargoReport>(TEXT, (c) => c.voyage, 'Voyage number'),
  expectedArrival: f<CargoReport>(TEXT, (c) => c.expectedArrival, 'Expected arrival'),
  bills: f<CargoReport>(arrayOf(recordType(BILL)), (c) => c.bills, 'Bills of lading'),
});

/** What `band(item)` returns: the plausible range of unit values for the item's HS code and origin. */
export const BAND = record('band', 'A value-control band.', {
  low: f<ValueBand>(NUMBER, (b) => b.low, 'Lowest plausible unit value (e.g. 10th percentile)'),
  median: f<ValueBand>(NUMBER, (b) => b.median, 'Median unit value'),
  high: f<ValueBand>(NUMBER, (b) => b.high, 'Highest plausible unit value (e.g. 90th percentile)'),
  hsCode: f<ValueBand>(tagged('hs'), (b) => b.hsCode, 'HS code or prefix the band is for'),
  origin: f<ValueBand>(tagged('country'), (b) => b.origin, 'Origin the band is for, if any'),
  observations: f<ValueBand>(NUMBER, (b) => b.observations, 'How many past items the band is drawn from'),
});

export const RECORD_TYPES = {
  declaration: DECLARATION,
  item: ITEM,
  party: PARTY,
  address: ADDRESS,
  transport: TRANSPORT,
  cargoReport: CARGO_REPORT,
  bill: BILL,
  houseConsignment: HOUSE,
  manifestContainer: MANIFEST_CONTAINER,
  container: CONTAINER,
  band: BAND,
} as const;

/** Declared types of the context facts a ruleset may test (`facts.name`). */
export type FactTypes = Readonly<Record<string, 'number' | 'text' | 'bool'>>;

/**
 * Facts the lead's pipeline computes from history and hands to every
 * evaluation; a ruleset may declare more through `CompileOptions.facts`.
 */
export const DEFAULT_FACT_TYPES: FactTypes = Object.freeze({
  /** The shipper ships only to this consignee and the consignee receives only from this shipper. */
  shipperConsigneeOneToOne: 'bool',
  /** Days since the importer's first declaration; small for new traders. */
  importerAgeDays: 'number',
  /** Declarations the importer lodged in the past 365 days. */
  importerDeclarationsLastYear: 'number',
});

const FACT_DOCS: Readonly<Record<string, string>> = {
  shipperConsigneeOneToOne:
    'The shipper ships only to this consignee, and the consignee receives only from this shipper',
  importerAgeDays: "Days since the importer's first declaration",
  importerDeclarationsLastYear: 'Declarations the importer lodged in the past 365 days',
};

/** The record type of `facts` for a set of declared fact types. */
export function factsRecord(facts: FactTypes): RecordType {
  const fields: Record<string, Field> = {};
  for (const [name, kind] of Object.entries(facts)) {
    const type = kind === 'number' ? NUMBER : kind === 'bool' ? BOOL : TEXT;
    fields[name] = {
      type,
      get: (o) => (Object.hasOwn(o as object, name) ? (o as Record<string, unknown>)[name] : undefined),
      doc: FACT_DOCS[name] ?? `Context fact ${name}`,
    };
  }
  return record('facts', 'Facts about the declaration supplied with the evaluation.', fields);
}
