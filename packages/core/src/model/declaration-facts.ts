import type { Declaration, DeclarationItem } from '../domain/declaration.ts';

/** What a past inspection found, as the history profiles need it. */
export interface Outcome {
  finding: boolean;
  /** A serious finding (KCS `Critical Fraud` = 2); counts as a finding too. */
  critical?: boolean;
  /** Revenue at stake when there was a finding, if known. */
  revenue?: number;
}

/**
 * The fields of a declaration that the model looks at, read once. A
 * declaration with several items is described by its main (highest value)
 * item, with the item count as a feature of its own.
 */
export interface DeclarationFacts {
  day: number;
  ids: Readonly<Record<EntityField, string | undefined>>;
  /** The same ids as a list in {@link ENTITY_FIELDS} order: the scoring hot path indexes it. */
  idList: readonly (string | undefined)[];
  value: number;
  massKg: number | undefined;
  taxRate: number | undefined;
  itemCount: number;
}

/** Single fields a risk profile can be kept on. */
export const ENTITY_FIELDS = [
  'importer',
  'declarant',
  'seller',
  'carrier',
  'hs6',
  'hs4',
  'hs2',
  'origin',
  'dispatch',
  'office',
  'procedure',
  'transport',
  'taxType',
  'originIndicator',
  'processType',
  'importUse',
  'paymentType',
] as const;
export type EntityField = (typeof ENTITY_FIELDS)[number];

const MS_PER_DAY = 86_400_000;

/** Whole days since 1970-01-01 (UTC) of an ISO date-time: the unit of "before" for history. */
export function dayNumber(iso: string): number {
  const day = utcDay(iso);
  return Number.isNaN(day) ? Math.floor(Date.parse(iso) / MS_PER_DAY) : day;
}

// The day of 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM:SSZ' or 'YYYY-MM-DDTHH:MM:SS.sssZ' with valid fields, read
// digit by digit: Date.parse was about a sixth of the time spent reading a declaration. Any other form (an
// offset, no Z, which Date.parse reads as local time, 24:00) is NaN, and left to Date.parse.
function utcDay(s: string): number {
  const n = s.length;
  if (n !== 10 && n !== 20 && n !== 24) return Number.NaN;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (s[4] !== '-' || s[7] !== '-' || !(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)))
    return Number.NaN;
  if (n > 10) {
    const time = s[10] === 'T' && s[13] === ':' && s[16] === ':' && s[n - 1] === 'Z';
    const fraction = n === 20 || (s[19] === '.' && digits(s, 20, 3) >= 0);
    if (!(time && fraction && digits(s, 11, 2) < 24 && digits(s, 14, 2) < 60 && digits(s, 17, 2) < 60)) {
      return Number.NaN;
    }
  }
  // Days from the civil date (H. Hinnant's days_from_civil), the inverse of civilDate in features.ts.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

// The number written in s[at .. at + count) in decimal digits, NaN if any is not a digit.
function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function mainItem(d: Declaration): DeclarationItem {
  let best = d.items[0]!;
  for (const item of d.items) if (item.value > best.value) best = item;
  return best;
}

/**
 * Reads the modelled fields of a declaration.
 *
 * @example declarationFacts(newDeclaration()).ids.hs4 // '0901'
 */
export function declarationFacts(d: Declaration): DeclarationFacts {
  const item = mainItem(d);
  const idList = readIds(d, item, new Array(ENTITY_FIELDS.length));
  return {
    day: dayNumber(d.lodgedAt),
    ids: idsOf(idList),
    idList,
    value: d.customsValue ?? totalValue(d.items),
    massKg: totalMass(d.items),
    taxRate: item.taxes?.[0]?.rate,
    itemCount: d.items.length,
  };
}

/** {@link DeclarationFacts} that {@link writeDeclarationFacts} overwrites: a scorer's scratch. */
export interface MutableDeclarationFacts extends DeclarationFacts {
  day: number;
  ids: Record<EntityField, string | undefined>;
  idList: (string | undefined)[];
  value: number;
  massKg: number | undefined;
  taxRate: number | undefined;
  itemCount: number;
}

/**
 * {@link declarationFacts} into an object read before, every field
 * overwritten: a scorer that reuses one allocates nothing per declaration
 * but the HS prefixes (three new objects per declaration kept the garbage
 * collector busy).
 *
 * @example const scratch = declarationFacts(first); writeDeclarationFacts(next, scratch);
 */
export function writeDeclarationFacts(d: Declaration, out: MutableDeclarationFacts): DeclarationFacts {
  const item = mainItem(d);
  writeIds(readIds(d, item, out.idList), out.ids);
  out.day = dayNumber(d.lodgedAt);
  out.value = d.customsValue ?? totalValue(d.items);
  out.massKg = totalMass(d.items);
  out.taxRate = item.taxes?.[0]?.rate;
  out.itemCount = d.items.length;
  return out;
}

/**
 * `d`'s facts in `scratch`, made on the first call (scratch undefined) and
 * overwritten by each later one: for a caller that reads a declaration's
 * facts and drops them before the next.
 *
 * @example this.scratch = factsInto(d, this.scratch); score(this.scratch);
 */
export function factsInto(
  d: Declaration,
  scratch: MutableDeclarationFacts | undefined,
): MutableDeclarationFacts {
  if (scratch === undefined) return declarationFacts(d) as MutableDeclarationFacts;
  writeDeclarationFacts(d, scratch);
  return scratch;
}

// The ids in ENTITY_FIELDS order (checked by a test), written out rather than mapped from `ids`:
// reading `ids[field]` for 17 different keys was a megamorphic keyed load per field on the scoring path.
function readIds(
  d: Declaration,
  item: DeclarationItem,
  list: (string | undefined)[],
): (string | undefined)[] {
  const hs = item.hsCode;
  const attrs = d.attributes;
  list[0] = d.importer?.id;
  list[1] = d.declarant.id;
  list[2] = d.seller?.id;
  list[3] = d.carrier?.id;
  list[4] = hs.slice(0, 6);
  list[5] = hs.slice(0, 4);
  list[6] = hs.slice(0, 2);
  list[7] = item.origin;
  list[8] = d.dispatchCountry;
  list[9] = d.office;
  list[10] = d.procedure;
  list[11] = d.transportMode;
  list[12] = item.taxes?.[0]?.type;
  list[13] = item.originIndicator;
  list[14] = attrs?.processType;
  list[15] = attrs?.importUse;
  list[16] = attrs?.paymentType;
  return list;
}

function idsOf(list: readonly (string | undefined)[]): Record<EntityField, string | undefined> {
  return {
    importer: list[0],
    declarant: list[1],
    seller: list[2],
    carrier: list[3],
    hs6: list[4],
    hs4: list[5],
    hs2: list[6],
    origin: list[7],
    dispatch: list[8],
    office: list[9],
    procedure: list[10],
    transport: list[11],
    taxType: list[12],
    originIndicator: list[13],
    processType: list[14],
    importUse: list[15],
    paymentType: list[16],
  };
}

function writeIds(list: readonly (string | undefined)[], ids: Record<EntityField, string | undefined>): void {
  ids.importer = list[0];
  ids.declarant = list[1];
  ids.seller = list[2];
  ids.carrier = list[3];
  ids.hs6 = list[4];
  ids.hs4 = list[5];
  ids.hs2 = list[6];
  ids.origin = list[7];
  ids.dispatch = list[8];
  ids.office = list[9];
  ids.procedure = list[10];
  ids.transport = list[11];
  ids.taxType = list[12];
  ids.originIndicator = list[13];
  ids.processType = list[14];
  ids.importUse = list[15];
  ids.paymentType = list[16];
}

function totalValue(items: readonly DeclarationItem[]): number {
  let sum = 0;
  for (const i of items) sum += i.value;
  return sum;
}

// Net mass of all items, undefined when an item has none.
function totalMass(items: readonly DeclarationItem[]): number | undefined {
  let sum = 0;
  for (const i of items) {
    if (i.netMassKg === undefined) return undefined;
    sum += i.netMassKg;
  }
  return sum;
}

/**
 * Revenue at stake: declared value times the main tax rate (in percent). KCS
 * has no revenue column, so this proxy is what "revenue found" measures.
 *
 * @example revenueProxy(declarationFacts(newDeclaration())) // 8000 * 8 / 100 = 640
 */
export function revenueProxy(f: DeclarationFacts): number {
  return (f.value * (f.taxRate ?? 0)) / 100;
}
