import type { Declaration } from '@sieve/core';
import { iso } from './clock.ts';
import { pad } from './ids.ts';
import type { PartyRecord } from './parties.ts';
import type { Random } from './random.ts';
import type { Draft } from './voyage.ts';

/**
 * Lodges a draft: gives it its number (broker code, year, serial, as Korean
 * import declaration numbers read: "43121-26-0012345") and its time.
 *
 * `byReference`: registered parties appear by their id alone (see
 * {@link PartyRecord.reference}).
 *
 * @example lodge(rng, draft, 0, Date.parse('2026-01-05T01:00:00Z')).id // '43121-26-0000001'
 */
export function lodge(
  rng: Random,
  draft: Draft,
  index: number,
  atMs: number,
  byReference = false,
): Declaration {
  const { lot } = draft;
  const lodgedAt = iso(atMs);
  const named = (r: PartyRecord) => (byReference && r.reference) || r.party;
  return {
    id: `${lot.declarant.code}-${lodgedAt.slice(2, 4)}-${pad(index + 1, 7)}`,
    version: 1,
    type: 'IM',
    procedure: rng.chance(0.05) ? '7100' : '4000',
    office: draft.office.code,
    lodgedAt,
    declarant: named(lot.declarant),
    importer: named(lot.importer),
    exporter: named(lot.seller),
    seller: named(lot.seller),
    consignee: named(lot.consignee),
    carrier: named(draft.carrier),
    transportMode: draft.mode,
    dispatchCountry: lot.dispatch,
    tradeTerms: tradeTerms(draft.incoterm, placeOf(draft)),
    currency: 'USD',
    invoiceAmount: draft.invoiceAmount,
    customsValue: lot.customsValue,
    dutiesDeclared: lot.dutiesDeclared,
    items: lot.items,
    transport: draft.transport,
    documents: draft.documents,
    attributes: ATTRIBUTES[(rng.chance(0.9) ? 0 : 4) + (rng.chance(0.7) ? 0 : 1 + rng.int(3))] as Attributes,
  };
}

type Attributes = Readonly<Record<string, string>>;

/**
 * The national attributes (KCS-style import type, import use, payment type)
 * take eight values; records share one frozen object per value rather than
 * allocate one each, since a million declarations make the garbage collector
 * the generator's largest cost.
 */
const ATTRIBUTES: readonly Attributes[] = ['21', '11'].flatMap((importUse) =>
  ['11', '43', '18', '14'].map((paymentType) => Object.freeze({ importType: '11', importUse, paymentType })),
);

const terms = new Map<string, Readonly<{ incoterm: string; place: string }>>();

/** Trade terms, shared by every declaration with the same incoterm and place (read-only). */
function tradeTerms(incoterm: string, place: string): { incoterm: string; place: string } {
  const key = incoterm + place;
  let t = terms.get(key);
  if (!t) {
    t = Object.freeze({ incoterm, place });
    terms.set(key, t);
  }
  return t;
}

/** Incoterms name a place: the place of loading for F and E terms, of destination otherwise. */
function placeOf(draft: Draft): string {
  const first = draft.incoterm.charCodeAt(0);
  return first === 70 || first === 69 ? draft.lot.load : draft.office.port; // F or E
}
