import type { CargoReport } from '../domain/cargo-report.ts';
import type { Declaration } from '../domain/declaration.ts';
import type { Party } from '../domain/party.ts';
import type { EntryKind, IdentifierScheme, ScreeningQuery } from './model.ts';
import type { ScreeningHit } from './screening-hit.ts';
import type { Screener } from './screening-memo.ts';
import { WatchlistError } from './watchlist-error.ts';

/** The roles screened on a declaration or a cargo report. */
export const SCREENED_ROLES = [
  'importer',
  'exporter',
  'consignee',
  'consignor',
  'declarant',
  'carrier',
  'notifyParty',
  'seller',
  'vessel',
] as const;
export type ScreenedRole = (typeof SCREENED_ROLES)[number];

/**
 * What a hit on one list does to an assessment: add points, force a lane,
 * or both; and the threshold a match must reach on that list.
 *
 * @example { list: 'un', threshold: 0.85, lane: 'red' }
 * @example { list: 'kr-lookouts', points: 40 }
 */
export interface ListPolicy {
  readonly list: string;
  /** Match threshold for this list (default: the index's default threshold). */
  readonly threshold?: number;
  /**
   * Points added to the declaration's score per screened subject with a hit
   * (once per listed entry: the same entry matching the exporter and the
   * seller counts once).
   */
  readonly points?: number;
  /** Lane forced by a hit. */
  readonly lane?: 'red' | 'yellow';
}

/** One name to screen, and where on the record it came from. */
export interface ScreeningSubject {
  readonly role: ScreenedRole;
  /** Path of the subject in the record, e.g. "importer" or "bills[2].notifyParty". */
  readonly path: string;
  readonly partyId?: string;
  readonly query: ScreeningQuery;
}

/** The hits for one subject, with what the list policies make of them. */
export interface SubjectScreening {
  readonly subject: ScreeningSubject;
  readonly hits: readonly ScreeningHit[];
  readonly points: number;
  readonly lane?: 'red' | 'yellow';
  /** One sentence an officer can read. */
  readonly explanation: string;
}

/** The deductive layer's verdict on one record, for the risk engine's explanation. */
export interface PartyScreeningResult {
  /** The subjects with a hit. */
  readonly subjects: readonly SubjectScreening[];
  /** How many subjects were screened, with a hit or not. */
  readonly screened: number;
  /** Sum of the points of every subject with a hit. */
  readonly points: number;
  /** The strictest lane any hit forces (red over yellow). */
  readonly lane?: 'red' | 'yellow';
  /** Best hit score over all subjects (0 when none): the ensemble's watchlist risk. */
  readonly bestScore: number;
  /** Every list and version screened against, for the assessment's record of versions. */
  readonly lists: readonly { id: string; version: string }[];
}

/**
 * Screen the parties and the vessel of a declaration or a cargo report
 * against the indexed watchlists and apply each list's policy. Pure and
 * synchronous: the risk engine calls it inside `score(declaration, snapshot)`
 * with the snapshot's index and policies. Lists without a policy still
 * report hits (no points, no lane) so an officer sees them.
 *
 * @example
 * const r = screenParties(subjectsOfDeclaration(declaration), index, [{ list: 'un', lane: 'red' }]);
 * r.lane // 'red' when any party matches the UN list
 */
export function screenParties(
  subjects: readonly ScreeningSubject[],
  index: Screener,
  policies: readonly ListPolicy[],
  options: { on?: string } = {},
): PartyScreeningResult {
  const byList = new Map(policies.map((p) => [p.list, p]));
  for (const p of policies) checkPolicy(p);
  const thresholds: Record<string, number> = {};
  for (const p of policies) if (p.threshold !== undefined) thresholds[p.list] = p.threshold;
  const results: SubjectScreening[] = [];
  let points = 0;
  let lane: 'red' | 'yellow' | undefined;
  let bestScore = 0;
  /** Listed entries whose points were counted, with the role that counted them. */
  const counted = new Map<string, ScreenedRole>();
  for (const subject of subjects) {
    const hits = index.screen(subject.query, {
      threshold: thresholds,
      limit: 5,
      ...(options.on ? { on: options.on } : {}),
    });
    if (hits.length === 0) continue;
    // Points count once per list per subject (three aliases of one listing are one finding), and
    // not again for a listed entry already counted: one party named as exporter and seller is one finding.
    const lists = [...new Set(hits.map((h) => h.list))];
    let subjectPoints = 0;
    let countedAs: ScreenedRole | undefined;
    for (const l of lists) {
      const entries = hits.filter((h) => h.list === l).map((h) => `${l}\u001f${h.entryId}`);
      const earlier = entries.every((e) => counted.has(e)) ? counted.get(entries[0]!) : undefined;
      if (earlier) countedAs ??= earlier;
      else subjectPoints += byList.get(l)?.points ?? 0;
      for (const e of entries) if (!counted.has(e)) counted.set(e, subject.role);
    }
    const subjectLane = strictest(lists.map((l) => byList.get(l)?.lane));
    points += subjectPoints;
    lane = strictest([lane, subjectLane]);
    bestScore = Math.max(bestScore, hits[0]!.score);
    results.push({
      subject,
      hits,
      points: subjectPoints,
      ...(subjectLane ? { lane: subjectLane } : {}),
      explanation: explain(subject, hits[0]!, subjectPoints, subjectLane, countedAs),
    });
  }
  return {
    subjects: results,
    screened: subjects.length,
    points,
    ...(lane ? { lane } : {}),
    bestScore,
    lists: index.lists.map((l) => ({ id: l.id, version: l.version })),
  };
}

/**
 * The subjects to screen on a declaration: declarant, importer, exporter,
 * seller, consignee, carrier, and the means of transport as a vessel.
 *
 * @example subjectsOfDeclaration(newDeclaration()).map((s) => s.role) // ['declarant', 'importer', 'seller', 'vessel']
 */
export function subjectsOfDeclaration(d: Declaration): ScreeningSubject[] {
  const out: ScreeningSubject[] = [];
  const roles: [ScreenedRole, Party | undefined][] = [
    ['declarant', d.declarant],
    ['importer', d.importer],
    ['exporter', d.exporter],
    ['seller', d.seller],
    ['consignee', d.consignee],
    ['carrier', d.carrier],
  ];
  for (const [role, party] of roles) if (party) pushParty(out, role, role, party);
  const t = d.transport;
  if (t?.meansName || t?.meansId) pushVessel(out, 'transport', t.meansName, t.meansId, t.nationality);
  return out;
}

/**
 * The subjects to screen on a cargo report: carrier, conveyance (as a
 * vessel), and each bill's and house bill's shipper (consignor), consignee
 * and notify party.
 */
export function subjectsOfCargoReport(r: CargoReport): ScreeningSubject[] {
  const out: ScreeningSubject[] = [];
  pushParty(out, 'carrier', 'carrier', r.carrier);
  pushVessel(out, 'conveyance', r.conveyance.name, r.conveyance.id, r.conveyance.nationality);
  r.bills.forEach((b, i) => {
    const consignments = [
      { c: b, path: `bills[${i}]` },
      ...(b.houseConsignments ?? []).map((h, j) => ({ c: h, path: `bills[${i}].houseConsignments[${j}]` })),
    ];
    for (const { c, path } of consignments) {
      pushParty(out, 'consignor', `${path}.shipper`, c.shipper);
      pushParty(out, 'consignee', `${path}.consignee`, c.consignee);
      if (c.notifyParty) pushParty(out, 'notifyParty', `${path}.notifyParty`, c.notifyParty);
    }
  });
  return out;
}

const PARTY_KINDS: readonly EntryKind[] = ['person', 'company', 'organisation'];

function pushParty(out: ScreeningSubject[], role: ScreenedRole, path: string, p: Party): void {
  if (!p.name) return;
  const identifiers = (p.identifiers ?? []).map((i) => ({ value: i.value }));
  const countries = [p.country, p.address?.country].filter((c): c is string => !!c);
  out.push({
    role,
    path,
    partyId: p.id,
    query: { name: p.name, kinds: PARTY_KINDS, ...(countries.length ? { countries } : {}), identifiers },
  });
}

function pushVessel(out: ScreeningSubject[], path: string, name?: string, id?: string, flag?: string): void {
  const imo = id ? /^(?:IMO\s*)?(\d{7})$/i.exec(id.trim()) : null;
  const identifiers: { scheme?: IdentifierScheme; value: string }[] = [];
  if (imo) identifiers.push({ scheme: 'imo', value: imo[1]! });
  else if (id) identifiers.push({ value: id });
  if (!name && identifiers.length === 0) return;
  out.push({
    role: 'vessel',
    path,
    query: { name: name ?? '', kinds: ['vessel'], identifiers, ...(flag ? { countries: [flag] } : {}) },
  });
}

function strictest(lanes: readonly ('red' | 'yellow' | undefined)[]): 'red' | 'yellow' | undefined {
  if (lanes.includes('red')) return 'red';
  if (lanes.includes('yellow')) return 'yellow';
  return undefined;
}

function explain(
  s: ScreeningSubject,
  hit: ScreeningHit,
  points: number,
  lane: string | undefined,
  countedAs: ScreenedRole | undefined,
): string {
  const effect = [
    points ? `+${points} points` : '',
    countedAs ? `points already counted for the ${countedAs}` : '',
    lane ? `${lane} lane` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${s.role} "${s.query.name}" matches ${hit.list} entry "${hit.name}" (as "${hit.matchedName.name}", score ${hit.score.toFixed(2)})${effect ? `: ${effect}` : ''}`;
}

function checkPolicy(p: ListPolicy): void {
  const bad = (why: string) =>
    new WatchlistError('SIEVE_ERR_WATCHLIST_POLICY', `policy for list "${p.list}": ${why}`);
  if (p.threshold !== undefined && !(p.threshold > 0 && p.threshold <= 1))
    throw bad('threshold must be above 0 and at most 1');
  if (p.points !== undefined && !(Number.isFinite(p.points) && p.points >= 0))
    throw bad('points must be zero or more');
}
