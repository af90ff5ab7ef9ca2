import type { Commodity } from './data/commodities.ts';
import type { LotContext } from './lot.ts';
import type { PartyRecord } from './parties.ts';
import type { Rates } from './patterns.ts';
import type { Random } from './random.ts';
import type { LookoutHit } from './types.ts';

/**
 * What a lot is: ordinary trade, a concealment of narcotics, Chinese goods
 * under a false origin, or (clean) Chinese goods re-exported through Viet Nam or
 * Malaysia and honestly declared as Chinese.
 */
export type Scenario = 'normal' | 'concealment' | 'origin' | 'reexport';

const NONE: readonly never[] = Object.freeze([]);

/** The revenue pattern planted in an ordinary lot, if any. */
export type Revenue = 'undervaluation' | 'misclassification' | undefined;

/** The parties of a lot, the lookout hits among them and the concealment signals they give. */
export interface Cast {
  importer: PartyRecord;
  declarant: PartyRecord;
  seller: PartyRecord;
  consignee: PartyRecord;
  shipper: PartyRecord;
  notify: PartyRecord;
  hits: readonly LookoutHit[];
  signals: readonly string[];
}

/** Chooses the parties of a lot; concealment and lookout parties as docs/synthetic-data.md says. */
export function castParties(
  ctx: LotContext,
  rng: Random,
  dispatch: string,
  main: Commodity,
  scenario: Scenario,
  sea: boolean,
): Cast {
  const { book } = ctx;
  // Most lots have neither: share one empty list rather than allocate two per lot.
  let hits: readonly LookoutHit[] = NONE;
  let signals: readonly string[] = NONE;
  let importer: PartyRecord;
  let seller: PartyRecord;
  let consignee: PartyRecord;
  if (scenario === 'concealment') {
    // A consignee with no history, paired with a shipper with no history: one-to-one.
    if (rng.chance(0.25)) {
      const pick = ctx.lookouts.pickRole(rng, 'consignee');
      book.announce(pick.record);
      importer = pick.record;
      hits = [{ ...pick.hit, partyId: pick.record.party.id, name: pick.record.party.name ?? '' }];
      signals = ['lookout-consignee'];
    } else {
      importer = book.oneOff(rng.chance(0.5) ? 'PER' : 'IMP', 'KR');
      signals = ['new-consignee', 'one-to-one'];
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
      hits = [{ ...pick.hit, partyId: pick.record.party.id, name: pick.record.party.name ?? '' }];
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

/** The revenue pattern of an ordinary lot: offenders first, then lookout parties, then the base rates. */
export function chooseRevenue(
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
