import { Clock } from './clock.ts';
import { control } from './inspection.ts';
import { lodge } from './lodge.ts';
import { Lookouts } from './lookouts.ts';
import { PartyBook } from './parties.ts';
import { DEFAULT_RATES, type Rates } from './patterns.ts';
import { hash32, Random } from './random.ts';
import { TimeQueue } from './time-queue.ts';
import { TRADE } from './trade.ts';
import type { DeclarationTruth, GenerateOptions, SynthRecord } from './types.ts';
import { type DocCounters, openVoyage, type Voyage } from './voyage.ts';

/** Voyages open at once; their declarations interleave, as at a real port. */
const CONCURRENT_VOYAGES = 6;

/** Options with every default filled in and checked. */
export interface ResolvedOptions {
  readonly seed: number | string;
  readonly count: number;
  readonly start: string;
  readonly days: number;
  readonly rates: Rates;
  readonly parties: 'full' | 'reference';
}

/**
 * Checks options and fills in defaults; throws a RangeError naming the bad option.
 *
 * @example resolveOptions({ seed: 1, count: 10 }).days // 90
 */
export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const { seed, count, start = '2026-01-01', days = 90 } = options;
  if (typeof seed !== 'string' && !Number.isSafeInteger(seed))
    throw new RangeError('seed: expected an integer or a string');
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`count: expected a whole number >= 0, got ${count}`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(start) ||
    new Date(`${start}T00:00:00Z`).toISOString().slice(0, 10) !== start
  ) {
    throw new RangeError(`start: expected a date YYYY-MM-DD, got ${start}`);
  }
  if (!(days > 0 && days <= 3660))
    throw new RangeError(`days: expected a number of days in (0, 3660], got ${days}`);
  const rates = { ...DEFAULT_RATES, ...options.rates };
  for (const [name, value] of Object.entries(rates)) {
    if (!(typeof value === 'number' && value >= 0 && value <= 1)) {
      throw new RangeError(`rates.${name}: expected a probability in [0, 1], got ${value}`);
    }
  }
  const parties = options.parties ?? 'full';
  if (parties !== 'full' && parties !== 'reference') {
    throw new RangeError(`parties: expected "full" or "reference", got ${String(parties)}`);
  }
  return { seed, count, start, days, rates, parties };
}

/**
 * A seeded synthetic customs data set, one record at a time and time-ordered:
 * first the lookout list, then for each voyage the new parties and its cargo
 * report, then declarations in lodgement order, each followed by its truth
 * record, with inspections released when they start; party-level truth comes
 * last. Memory stays flat whatever `count` is (a few open voyages, pending
 * inspections and a bounded party cache). Pure: same options, same records.
 * Records are read-only and share sub-objects (parties, containers, trade
 * terms): copy before mutating.
 *
 * @example
 * for (const r of generate({ seed: 42, count: 1000 })) {
 *   if (r.kind === 'declaration') console.log(r.value.id);
 * }
 */
export function* generate(options: GenerateOptions): Generator<SynthRecord, void, undefined> {
  const o = resolveOptions(options);
  const rng = new Random(o.seed, 'main');
  const book = new PartyBook(o.seed, o.count, o.rates, TRADE.sellerShares);
  const lookouts = new Lookouts(o.seed, o.count, book);
  const ctx = { seed: o.seed, rates: o.rates, book, lookouts };
  for (const value of lookouts.entries) yield { kind: 'lookout', value };
  const clock = new Clock(o.start, o.days, o.count);
  const spanMs = clock.endMs - Date.parse(`${o.start}T00:00:00Z`);
  const pending = new TimeQueue<SynthRecord>();
  const open: { voyage: Voyage; next: number }[] = [];
  const counters: DocCounters = { voyage: 1, document: 1, salt: hash32(o.seed, 'documents') };
  const listed = new Map<string, string>();
  let planned = 0;
  let inspections = 0;
  for (let i = 0; i < o.count; i++) {
    const at = clock.at(i, rng.float());
    if (pending.nextTime <= at) yield* pending.popUntil(at);
    while (open.length < CONCURRENT_VOYAGES && planned < o.count) {
      const size = Math.min(o.count - planned, rng.count(rng.chance(0.3) ? 12 : 25, 150));
      const windowMs = (size * CONCURRENT_VOYAGES * spanMs) / Math.max(1, o.count);
      const voyage = openVoyage(ctx, rng, size, at, windowMs, counters);
      planned += size;
      for (const value of book.take()) yield { kind: 'party', value };
      yield { kind: 'cargo-report', value: voyage.report };
      open.push({ voyage, next: 0 });
    }
    const slot = rng.int(open.length);
    const current = open[slot] as { voyage: Voyage; next: number };
    const draft = current.voyage.drafts[current.next++];
    if (current.next >= current.voyage.drafts.length) open.splice(slot, 1);
    if (!draft) throw new Error('synth: a voyage ran out of drafts (planning bug)');
    const declaration = lodge(rng, draft, i, at, o.parties === 'reference');
    const { lot } = draft;
    if (lot.patterns.length > 0) {
      for (const hit of lot.details['lookout-party'] ?? []) listed.set(hit.partyId, hit.lookoutId);
    }
    const checked = control(rng, o.rates, lot, declaration, at, inspections + 1);
    if (checked) {
      inspections++;
      pending.push(checked.startMs, { kind: 'inspection', value: checked.result });
    }
    yield { kind: 'declaration', value: declaration };
    const truth: DeclarationTruth = {
      subject: 'declaration',
      declarationId: declaration.id,
      version: declaration.version,
      patterns: lot.patterns,
      fraud: lot.fraud,
      revenueAtRisk: lot.revenueAtRisk,
      details: lot.details,
      inspection: checked?.truth, // undefined is left out of the JSON
    };
    yield { kind: 'truth', value: truth };
  }
  yield* pending.drain();
  for (const partyId of book.offenders()) {
    yield { kind: 'truth', value: { subject: 'party', partyId, patterns: ['repeat-offender'] } };
  }
  for (const [partyId, lookoutId] of listed) {
    yield { kind: 'truth', value: { subject: 'party', partyId, patterns: ['lookout-party'], lookoutId } };
  }
}
