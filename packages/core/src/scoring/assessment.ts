import type { EnsembleResult, Lane } from '../ensemble/ensemble.ts';
import type { FiredRule } from '../rules/fired-rule.ts';
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
  /** Watchlist verdicts, one sentence per party with a hit, when screening is plugged in. */
  readonly watchlist?: {
    readonly points: number;
    readonly lane?: 'red' | 'yellow';
    readonly findings: readonly string[];
  };
  /** The combination of rules, watchlist and model, when either of the latter two was given. */
  readonly ensemble?: EnsembleResult;
  readonly capacity?: CapacityNote;
}
