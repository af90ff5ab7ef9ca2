import type { CargoReport, Declaration, InspectionResult, Party, PartyIdentifier } from '@sieve/core';
import type { NameVariant } from './name-variants.ts';
import type { PatternId, Rates } from './patterns.ts';

/** Options of {@link generate}. Only `seed` and `count` are required. */
export interface GenerateOptions {
  /** Any integer or string; the same seed and options give byte-identical output. */
  readonly seed: number | string;
  /** Number of declarations (each with its bill or house bill on a cargo report). */
  readonly count: number;
  /** First day of the span, YYYY-MM-DD (UTC). Default 2026-01-01. */
  readonly start?: string;
  /** Length of the span in days; declarations are spread over it, time-ordered. Default 90. */
  readonly days?: number;
  /** Overrides of {@link DEFAULT_RATES}. */
  readonly rates?: Partial<Rates>;
  /**
   * How declarations name registered parties (see docs/synthetic-data.md):
   * `full` (default) repeats every party's name, address and identifiers on
   * every declaration; `reference` gives registered parties by id only, their
   * details being in the party register (the party records, parties.ndjson).
   */
  readonly parties?: 'full' | 'reference';
}

/** An entry of the lookout list the generator emits beside the data (lookouts.csv). */
export interface LookoutEntry {
  /** Stable id of the entry ("LK-0001"); truth records refer to it. */
  readonly id: string;
  /** Name of the list ("SIEVE-SYNTH-LOOKOUT"). */
  readonly list: string;
  readonly kind: 'entity' | 'individual';
  /** Name as the list writes it (Latin script, capitals). */
  readonly name: string;
  /** Other names the list knows, possibly in another script. */
  readonly aliases: readonly string[];
  readonly country: string;
  /** Date of birth of an individual, YYYY-MM-DD. */
  readonly dob?: string;
  readonly identifiers: readonly PartyIdentifier[];
  readonly reason: string;
}

/** A lookout target that appears on a declaration, and how its name was altered there. */
export interface LookoutHit {
  readonly role: 'importer' | 'seller' | 'consignee';
  readonly partyId: string;
  readonly lookoutId: string;
  readonly variant: NameVariant;
  /** The name as written on the declaration. */
  readonly name: string;
}

/**
 * What was planted in one declaration. Never part of the declaration itself:
 * it is the answer key that detection is measured against.
 */
export interface DeclarationTruth {
  readonly subject: 'declaration';
  readonly declarationId: string;
  readonly version: number;
  /** Planted pattern ids, empty for a clean declaration. */
  readonly patterns: readonly PatternId[];
  /** True when a perfect control would find something (a findable pattern is planted). */
  readonly fraud: boolean;
  /** Duties and taxes evaded, in USD (0 when none). */
  readonly revenueAtRisk: number;
  /** Per-pattern details: true values and the fields that betray them. */
  readonly details: TruthDetails;
  /** Whether this declaration was inspected, why, and what the control found of what was planted. */
  readonly inspection?: {
    readonly selection: 'random' | 'risk';
    readonly kind: 'documentary' | 'scan' | 'physical';
    readonly detected: readonly PatternId[];
    readonly noise: boolean;
  };
}

export interface TruthDetails {
  undervaluation?: { declaredValue: number; trueValue: number; factor: number };
  misclassification?: {
    sequence: number;
    declaredHs: string;
    trueHs: string;
    declaredRate: number;
    trueRate: number;
  };
  'origin-transshipment'?: {
    declaredOrigin: string;
    trueOrigin: string;
    placeOfReceipt: string;
    antiDumpingRate: number;
  };
  concealment?: { substance: string; quantityKg: number; signals: string[] };
  'repeat-offender'?: { importer?: string; declarant?: string };
  'lookout-party'?: readonly LookoutHit[];
}

/** A party-level answer: repeat offenders and lookout targets, by party id. */
export interface PartyTruth {
  readonly subject: 'party';
  readonly partyId: string;
  readonly patterns: readonly PatternId[];
  readonly lookoutId?: string;
}

export type Truth = DeclarationTruth | PartyTruth;

/** One record of a generated data set, tagged with its kind. */
export type SynthRecord =
  | { readonly kind: 'declaration'; readonly value: Declaration }
  | { readonly kind: 'cargo-report'; readonly value: CargoReport }
  | { readonly kind: 'inspection'; readonly value: InspectionResult }
  | { readonly kind: 'party'; readonly value: Party }
  | { readonly kind: 'lookout'; readonly value: LookoutEntry }
  | { readonly kind: 'truth'; readonly value: Truth };

export type SynthKind = SynthRecord['kind'];
