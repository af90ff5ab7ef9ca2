import { LOOKOUT_REASONS } from './data/names.ts';
import { type NameVariant, nameVariant } from './name-variants.ts';
import type { PartyBook, PartyRecord } from './parties.ts';
import { companyName, type PartyName, personName } from './party-names.ts';
import { Random, Weighted } from './random.ts';
import type { LookoutEntry, LookoutHit } from './types.ts';

/** The name of the generated list, in lookouts.csv and on every entry. */
export const LOOKOUT_LIST = 'SIEVE-SYNTH-LOOKOUT';

/** A listed party that does trade, and the names it trades under. */
interface Target {
  readonly entry: LookoutEntry;
  readonly role: LookoutHit['role'];
  /** 1 or 2 party records (different ids) that carry the target on declarations. */
  readonly aliases: readonly { readonly record: PartyRecord; readonly variant: NameVariant }[];
}

/** A target drawn for a declaration: the party record used and the hit to record in the truth. */
export interface LookoutPick {
  readonly record: PartyRecord;
  readonly role: LookoutHit['role'];
  readonly hit: Omit<LookoutHit, 'partyId' | 'name'>;
}

const VARIANTS = new Weighted<NameVariant>([
  ['exact', 30],
  ['misspelt', 25],
  ['reordered', 15],
  ['legal-form', 15],
  ['native-script', 15],
]);

const FOREIGN = ['CN', 'HK', 'VN', 'RU', 'AE', 'CO', 'EC', 'TH', 'MY', 'US'] as const;

/**
 * The lookout list: targets (parties that will appear on declarations, under
 * their listed name or an altered one) and decoys (listed parties that never
 * trade; a decoy may share its name with an unrelated clean trader, which is
 * a homonym, not a hit). The order of entries mixes both.
 *
 * @example const lookouts = new Lookouts(42, 10_000, book); lookouts.entries.length
 */
export class Lookouts {
  readonly entries: readonly LookoutEntry[];
  private readonly targets: readonly Target[];
  private readonly byRole: Map<LookoutHit['role'], Target[]>;

  constructor(seed: number | string, count: number, book: PartyBook) {
    const rng = new Random(seed, 'lookouts');
    const nTargets = Math.max(8, Math.min(500, Math.round(count * 0.0005)));
    const targets: Target[] = [];
    const entries: LookoutEntry[] = [];
    // One target for two decoys, in shuffled order: the position of an entry must not tell.
    const isTarget = Array.from({ length: nTargets * 3 }, (_, k) => k < nTargets);
    for (let k = isTarget.length - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [isTarget[k], isTarget[j]] = [isTarget[j] as boolean, isTarget[k] as boolean];
    }
    for (let k = 0; k < isTarget.length; k++) {
      const made = makeEntry(rng, k, isTarget[k] as boolean, book);
      entries.push(made.entry);
      if (made.target) targets.push(made.target);
    }
    this.entries = entries;
    this.targets = targets;
    this.byRole = new Map();
    for (const t of targets) this.byRole.set(t.role, [...(this.byRole.get(t.role) ?? []), t]);
  }

  /** A target for a declaration (a few targets trade often, most rarely), with the alias used. */
  pick(rng: Random): LookoutPick {
    return this.use(rng, this.targets[rng.zipf(this.targets.length, 0.8)] as Target);
  }

  /** A target that appears in `role` (the first such target when none is drawn: lists always have one). */
  pickRole(rng: Random, role: LookoutHit['role']): LookoutPick {
    const inRole = this.byRole.get(role) ?? this.targets;
    return this.use(rng, rng.pick(inRole.length > 0 ? inRole : this.targets));
  }

  private use(rng: Random, target: Target): LookoutPick {
    const alias = rng.pick(target.aliases);
    return {
      record: alias.record,
      role: target.role,
      hit: { role: target.role, lookoutId: target.entry.id, variant: alias.variant },
    };
  }
}

function makeEntry(
  rng: Random,
  k: number,
  isTarget: boolean,
  book: PartyBook,
): { entry: LookoutEntry; target?: Target } {
  const id = `LK-${String(k + 1).padStart(4, '0')}`;
  const roll = rng.float();
  const role: LookoutHit['role'] = roll < 0.4 ? 'importer' : roll < 0.7 ? 'seller' : 'consignee';
  const individual = role === 'consignee';
  const cc = role === 'seller' ? rng.pick(FOREIGN) : 'KR';
  const names: PartyName = individual ? personName(rng, cc) : companyName(rng, cc);
  const aliases: string[] = [];
  if (names.native && rng.chance(0.5)) aliases.push(names.native);
  if (rng.chance(0.3)) aliases.push(nameVariant(rng, names.latin, 'misspelt').toUpperCase());
  const partyRole = individual ? 'PER' : role === 'importer' ? 'IMP' : 'SEL';
  const aliasRecords = isTarget
    ? Array.from({ length: rng.chance(0.4) ? 2 : 1 }, (_, i) => {
        const variant = VARIANTS.draw(rng);
        const shown = nameVariant(rng, names.latin, variant, names.native);
        return { record: book.lookoutAlias(partyRole, cc, k * 2 + i, names, shown), variant };
      })
    : [];
  const first = aliasRecords[0]?.record.party;
  const entry: LookoutEntry = {
    id,
    list: LOOKOUT_LIST,
    kind: individual ? 'individual' : 'entity',
    name: names.latin.toUpperCase(),
    aliases,
    country: cc,
    dob: individual ? dob(rng) : undefined,
    // Some entries carry the identifier the party declares under: an exact match for those.
    identifiers: first?.identifiers && rng.chance(0.3) ? first.identifiers.slice(0, 1) : [],
    reason: rng.pick(LOOKOUT_REASONS),
  };
  return { entry, target: isTarget ? { entry, role, aliases: aliasRecords } : undefined };
}

function dob(rng: Random): string {
  const y = rng.between(1955, 1998);
  const m = rng.between(1, 12);
  const d = rng.between(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
