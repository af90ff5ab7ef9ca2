import type { EnsembleConfig } from '../ensemble/ensemble.ts';
import type { RuleCategory } from '../rules/rule.ts';
import type { CompiledRuleset } from '../rules/ruleset.ts';
import type { ValueBandLookup } from '../rules/value-bands.ts';
import type { SnapshotVersions } from './assessment.ts';
import { type CommodityLookout, type LookoutScreen, lookoutScreen } from './commodity-lookouts.ts';
import { randomDrawer, seedKey } from './random-selection.ts';
import { ScoringError } from './scoring-error.ts';
import { categoryCaps, type ScoringPolicy, type Selection, selectionResolver } from './scoring-policy.ts';
import { sipHash24 } from './siphash.ts';

/**
 * Everything `score` needs besides the declaration, loaded once and frozen:
 * the compiled ruleset (with its reference lists), value bands, commodity
 * lookouts, the scoring policy and its seed, and the versions of each. Safe
 * to share between evaluations; never changes (a new version means a new
 * snapshot).
 */
export interface ScoringSnapshot {
  readonly ruleset: CompiledRuleset;
  readonly bands?: ValueBandLookup;
  readonly lookouts: LookoutScreen;
  readonly policy: ScoringPolicy;
  readonly caps: Readonly<Partial<Record<RuleCategory, number>>>;
  readonly select: (office: string, procedure: string) => Selection;
  readonly draw: (id: string, version: number) => number;
  readonly ensemble?: Readonly<EnsembleConfig>;
  readonly versions: SnapshotVersions;
  /** Fingerprint of `versions`: the same components and seed give the same key. */
  readonly key: string;
}

export interface SnapshotOptions {
  readonly ruleset: CompiledRuleset;
  /** e.g. `kcs@3`. */
  readonly rulesetVersion: string;
  readonly policy: ScoringPolicy;
  readonly policyVersion: string;
  /** Overrides the policy's seed (e.g. a backtest's). One of the two is required. */
  readonly seed?: string;
  readonly bands?: { readonly lookup: ValueBandLookup; readonly version: string };
  readonly lookouts?: readonly CommodityLookout[];
  /** How watchlist hits and model probabilities combine with rule points (default: the ensemble's defaults). */
  readonly ensemble?: Readonly<EnsembleConfig>;
  /** Active watchlist versions by list id. */
  readonly watchlists?: Readonly<Record<string, string>>;
  /** Fingerprint of the list policies applied (see `fingerprint`). */
  readonly watchlistPolicy?: string;
  /** Version of the active model. */
  readonly model?: string;
}

/**
 * Builds a frozen snapshot and its key.
 *
 * @example
 * const snapshot = createSnapshot({ ruleset, rulesetVersion: 'kcs@3', policy, policyVersion: '2' });
 * score(declaration, snapshot).versions.ruleset // 'kcs@3'
 */
export function createSnapshot(o: SnapshotOptions): ScoringSnapshot {
  const seed = o.seed ?? o.policy.seed;
  if (!seed) {
    throw new ScoringError(
      'SIEVE_ERR_SCORING_SEED',
      'the scoring policy has no seed for random selection; set "seed" in the policy or pass one',
    );
  }
  const screen = lookoutScreen(o.lookouts ?? []);
  const versions: SnapshotVersions = Object.freeze({
    ruleset: o.rulesetVersion,
    lists: o.ruleset.listVersions,
    bands: o.bands?.version ?? null,
    policy: o.policyVersion,
    lookouts: screen.versions,
    seed: seedFingerprint(seed),
    ...(o.watchlists ? { watchlists: Object.freeze({ ...o.watchlists }) } : {}),
    ...(o.watchlistPolicy ? { watchlistPolicy: o.watchlistPolicy } : {}),
    ...(o.model ? { model: o.model } : {}),
    ...(o.ensemble ? { ensemble: o.ensemble.version } : {}),
  });
  return Object.freeze({
    ruleset: o.ruleset,
    ...(o.bands ? { bands: o.bands.lookup } : {}),
    lookouts: screen,
    policy: o.policy,
    caps: Object.freeze(categoryCaps(o.policy)),
    select: selectionResolver(o.policy),
    draw: randomDrawer(seed),
    ...(o.ensemble ? { ensemble: o.ensemble } : {}),
    versions,
    key: fingerprint(canonicalJson(versions)),
  });
}

/**
 * A short public fingerprint of a seed: recorded with assessments so that
 * one can tell which seed drew them without learning the seed.
 *
 * @example seedFingerprint('my secret seed').length // 16
 */
export function seedFingerprint(seed: string): string {
  return fingerprint(`seed\u001f${seed}`);
}

const FINGERPRINT_KEY = seedKey('5369657665206669 6e6765727072696e74');
const encoder = new TextEncoder();

/** 16 hex digits identifying a text (SipHash-2-4 under a fixed key: not a secret, a name). */
export function fingerprint(text: string): string {
  const [hi, lo] = sipHash24(FINGERPRINT_KEY, encoder.encode(text));
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
