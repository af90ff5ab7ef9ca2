import type { Declaration } from '@sieve/core';
import { iso } from './clock.ts';
import { pad } from './ids.ts';
import type { Random } from './random.ts';
import type { Draft } from './voyage.ts';

/**
 * Lodges a draft: gives it its number (broker code, year, serial, as Korean
 * import declaration numbers read: "43121-26-0012345") and its time.
 *
 * @example lodge(rng, draft, 0, Date.parse('2026-01-05T01:00:00Z')).id // '43121-26-0000001'
 */
export function lodge(rng: Random, draft: Draft, index: number, atMs: number): Declaration {
  const { lot } = draft;
  const lodgedAt = iso(atMs);
  return {
    id: `${lot.declarant.code}-${lodgedAt.slice(2, 4)}-${pad(index + 1, 7)}`,
    version: 1,
    type: 'IM',
    procedure: rng.chance(0.05) ? '7100' : '4000',
    office: draft.office.code,
    lodgedAt,
    declarant: lot.declarant.party,
    importer: lot.importer.party,
    exporter: lot.seller.party,
    seller: lot.seller.party,
    consignee: lot.consignee.party,
    carrier: draft.carrier.party,
    transportMode: draft.mode,
    dispatchCountry: lot.dispatch,
    tradeTerms: { incoterm: draft.incoterm, place: placeOf(draft) },
    currency: 'USD',
    invoiceAmount: draft.invoiceAmount,
    customsValue: lot.customsValue,
    dutiesDeclared: lot.dutiesDeclared,
    items: lot.items,
    transport: draft.transport,
    documents: draft.documents,
    attributes: {
      importType: '11',
      importUse: rng.chance(0.9) ? '21' : '11',
      paymentType: rng.chance(0.7) ? '11' : rng.pick(OTHER_PAYMENTS),
    },
  };
}

/** KCS-style payment type codes other than the usual 11. */
const OTHER_PAYMENTS = ['43', '18', '14'];

/** Incoterms name a place: the place of loading for F and E terms, of destination otherwise. */
function placeOf(draft: Draft): string {
  return /^[FE]/.test(draft.incoterm) ? draft.lot.load : draft.office.port;
}
