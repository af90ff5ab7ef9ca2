import type { EnsembleResult, Lane } from '../ensemble/ensemble.ts';
import type { Reason } from '../model/explain.ts';
import type { FiredRule } from '../rules/fired-rule.ts';
import type { ScreenedRole } from '../watchlist/screen-parties.ts';
import type { ScreeningHit } from '../watchlist/screening-hit.ts';
import type { LookoutMatch } from './commodity-lookouts.ts';
import type { CategoryPoints } from './points.ts';

/**
 * The versions of everything an assessment was made with, so that any
 * decision can be replayed and audited. The seed itself is secret: only its
 * fingerprint is recorded (the policy version holds the seed).
 */
export interface SnapshotVersions {
  /** Ruleset name and version, e.g. `kcs@3` (or `file:<hash>` for rules not from the store). */
  readonly ruleset: string;
  /** Reference lists the rules use, by name. */
  readonly lists: Readonly<Record<string, number>>;
  /** Value-band set version, or null when no bands were loaded. */
  readonly bands: string | null;
  readonly policy: string;
  /** Commodity lookouts, by name. */
  readonly lookouts: Readonly<Record<string, number>>;
  /** Fingerprint of the random-selection seed (16 hex digits). */
  readonly seed: string;
  /** Watchlists screened, by list id, when watchlist screening is plugged in. */
  readonly watchlists?: Readonly<Record<string, string>>;
  /** Fingerprint of the list policies (threshold, points, lane per list) the screening applied. */
  readonly watchlistPolicy?: string;
  /** The active model (registry id and the start of its SHA-256), when one took part. */
  readonly model?: string;
  readonly ensemble?: string;
}

/** A reference-list entry that a fired rule matched, quoted once per list and value. */
export interface ListMatch {
  readonly list: string;
  readonly version: number;
  readonly value: string;
  readonly reason?: string;
  /** Rules whose evidence cites this entry. */
  readonly rules: readonly string[];
}

/** The random draw of an assessment: always made, from the seed and the declaration's id and version only. */
export interface RandomDraw {
  /** The draw, uniform in [0, 1). */
  readonly draw: number;
  /** The minimum random rate of the declaration's selection policy. */
  readonly rate: number;
  /** `draw < rate`: selected at random, whatever the score. */
  readonly drawn: boolean;
  /** Lane a draw sends the declaration to (at least). */
  readonly lane: Exclude<Lane, 'green'>;
}

/** A lane moved down because the day's capacity of a lane was reached. */
export interface CapacityNote {
  readonly from: Lane;
  readonly day: string;
  readonly capacity: number;
  /** Rank of the declaration by risk among that day's candidates for the lane (1 = most risky). */
  readonly rank: number;
}

/**
 * One watchlist entry that matched a party or the vessel of a declaration,
 * kept with the assessment so an officer can judge it later: what was
 * screened (role, path, the declared name), which entry of which list
 * version, the name or alias that matched, the score against the list's
 * threshold, and the comparison token by token: the screening hit with
 * where it was found.
 *
 * @example { role: 'importer', path: 'importer', queryName: 'Golden Cresent Trading', list: 'lookouts',
 *   listVersion: '2026-03-01', entryId: 'lookouts:7', name: 'Golden Crescent General Trading LLC',
 *   matchedName: { name: 'Golden Crescent Trading', type: 'aka', strength: 'strong' }, score: 0.91, ... }
 */
export type WatchlistHitRecord = ScreeningHit & {
  readonly role: ScreenedRole;
  /** Where the screened name is in the declaration, e.g. `importer` or `transport`. */
  readonly path: string;
  readonly partyId?: string;
  /** The declared name that was compared. */
  readonly queryName: string;
};

/** The watchlist layer's part in an assessment. */
export interface WatchlistVerdict {
  /** Points the list policies added (once per list per screened subject with a hit). */
  readonly points: number;
  /** The strictest lane a list policy forces. */
  readonly lane?: 'red' | 'yellow';
  /** Names screened (parties and the vessel). */
  readonly screened: number;
  /** One sentence per screened subject with a hit. */
  readonly findings: readonly string[];
  readonly hits: readonly WatchlistHitRecord[];
}

/** The predictive layer's part in an assessment: the probability and the reasons an officer reads. */
export interface ModelVerdict {
  /** The model version (as in `versions.model`). */
  readonly version: string;
  /** Probability of a finding. */
  readonly probability: number;
  /** Probability for an average declaration in training. */
  readonly baseProbability: number;
  /** The strongest reasons, in officer's words (at most {@link MODEL_REASONS}). */
  readonly reasons: readonly Reason[];
  /**
   * True when the reasons were not worked out (exact TreeSHAP costs far more
   * than the probability, so a scorer may explain only the declarations it
   * sends to control).
   */
  readonly reasonsOmitted?: boolean;
}

/** How many of the model's reasons an assessment keeps: enough to explain, small enough to store for every declaration. */
export const MODEL_REASONS = 5;

/**
 * What the risk engine decided about one declaration and why. `lane` is the
 * decision; everything else is the record of how it was reached: the rules
 * that fired with their points and evidence, the lists and lookouts matched,
 * the points per category with their caps, the random draw, the versions
 * used. {@link explainAssessment} renders it as sentences for an officer.
 */
export interface Assessment {
  readonly declarationId: string;
  readonly declarationVersion: number;
  readonly office: string;
  readonly procedure: string;
  readonly lodgedAt: string;
  /** Stable key of the snapshot (versions and seed): with the declaration id and version, the idempotency key. */
  readonly snapshotKey: string;
  readonly versions: SnapshotVersions;
  /** Name of the selection-policy entry that applied. */
  readonly selectionPolicy: string;
  /** Score in points, after the caps per category, plus watchlist points. */
  readonly points: number;
  readonly categories: readonly CategoryPoints[];
  /** Lane by risk alone: points, lookouts, watchlist and model. */
  readonly riskLane: Lane;
  /** The decision: the risk lane, raised by a random draw, lowered by a full daily capacity. */
  readonly lane: Lane;
  /** Why the lane is what it is, in order. */
  readonly laneReasons: readonly string[];
  /** How the declaration came to be controlled: at random (takes precedence), by risk, or not. */
  readonly selectedBy: 'random' | 'risk' | 'none';
  readonly random: RandomDraw;
  readonly rules: readonly FiredRule[];
  readonly lists: readonly ListMatch[];
  readonly lookouts: readonly LookoutMatch[];
  /** What screening the parties and vessel found, when watchlists were active (hits may be empty). */
  readonly watchlist?: WatchlistVerdict;
  /** What the model said, when a model was active. */
  readonly model?: ModelVerdict;
  /** The combination of rules, watchlist and model, when either of the latter two was given. */
  readonly ensemble?: EnsembleResult;
  readonly capacity?: CapacityNote;
}
