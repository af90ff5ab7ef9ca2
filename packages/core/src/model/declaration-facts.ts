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
  return Math.floor(Date.parse(iso) / MS_PER_DAY);
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
  const hs = item.hsCode;
  const attrs = d.attributes ?? {};
  const tax = item.taxes?.[0];
  // The list is written out in ENTITY_FIELDS order (checked by a test) rather than mapped from `ids`:
  // reading `ids[field]` for 17 different keys was a megamorphic keyed load per field on the scoring path.
  const idList = [
    d.importer?.id,
    d.declarant.id,
    d.seller?.id,
    d.carrier?.id,
    hs.slice(0, 6),
    hs.slice(0, 4),
    hs.slice(0, 2),
    item.origin,
    d.dispatchCountry,
    d.office,
    d.procedure,
    d.transportMode,
    tax?.type,
    item.originIndicator,
    attrs.processType,
    attrs.importUse,
    attrs.paymentType,
  ] as const;
  const ids = {
    importer: idList[0],
    declarant: idList[1],
    seller: idList[2],
    carrier: idList[3],
    hs6: idList[4],
    hs4: idList[5],
    hs2: idList[6],
    origin: idList[7],
    dispatch: idList[8],
    office: idList[9],
    procedure: idList[10],
    transport: idList[11],
    taxType: idList[12],
    originIndicator: idList[13],
    processType: idList[14],
    importUse: idList[15],
    paymentType: idList[16],
  };
  return {
    day: dayNumber(d.lodgedAt),
    ids,
    idList,
    value: d.customsValue ?? d.items.reduce((s, i) => s + i.value, 0),
    massKg: d.items.every((i) => i.netMassKg !== undefined)
      ? d.items.reduce((s, i) => s + (i.netMassKg ?? 0), 0)
      : undefined,
    taxRate: tax?.rate,
    itemCount: d.items.length,
  };
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
