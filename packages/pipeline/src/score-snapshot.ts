import { randomBytes } from 'node:crypto';
import { compileRulesetOrThrow, createValueBandTable } from '@sieve/core/rules';
import {
  type CommodityLookout,
  createSnapshot,
  parseLookout,
  parseScoringPolicy,
  parseValueBandSet,
  type ScoringPolicy,
  type ScoringPolicyInput,
  type ScoringSnapshot,
  type ValueBandSet,
} from '@sieve/core/scoring';
import type { Store, StoredRuleset } from '@sieve/store';
import { loadModelLayer, loadWatchlistLayer, type ModelLayer, type WatchlistLayer } from './score-layers.ts';

/** A snapshot with the stored versions it was built from. */
export interface LoadedSnapshot {
  readonly snapshot: ScoringSnapshot;
  readonly ruleset: StoredRuleset;
  readonly policy: { readonly version: number; readonly policy: ScoringPolicy };
  readonly bands?: { readonly version: number; readonly set: ValueBandSet };
  readonly lookouts?: { readonly version: number; readonly lookouts: CommodityLookout[] };
  /** The active watchlists (one index) and their policies; absent when no list is active. */
  readonly watchlists?: WatchlistLayer;
  /** The active model; absent when none is active. */
  readonly model?: ModelLayer;
}

/**
 * The policy Sieve starts with when none was imported: red at 60 points,
 * yellow at 30, blue at 15, 2% drawn at random for physical control.
 */
export const DEFAULT_POLICY: ScoringPolicyInput = Object.freeze({
  thresholds: { red: 60, yellow: 30, blue: 15 },
  minRandomRate: 0.02,
  randomLane: 'red',
});

/**
 * The active scoring policy, creating and activating the default one (with a
 * fresh 128-bit seed) when none exists yet, so every assessment can name the
 * policy version it used.
 *
 * @example const { version, policy } = await ensurePolicy(store, 'cli');
 */
export async function ensurePolicy(
  store: Store,
  actor: string,
): Promise<{ version: number; policy: ScoringPolicy }> {
  const active = await store.riskArtifacts.active('policy');
  if (active) return { version: active.version.version, policy: parseScoringPolicy(active.doc) };
  const policy = parseScoringPolicy({ ...DEFAULT_POLICY, seed: newSeed() });
  const { version } = await store.riskArtifacts.put('policy', policy, {
    actor,
    activate: true,
    reason: 'no scoring policy yet: the default one, with a new random seed',
    summary: policySummary(policy),
  });
  return { version: version.version, policy };
}

/** A new secret seed for random selection: 128 bits as 32 hex digits. */
export function newSeed(): string {
  return randomBytes(16).toString('hex');
}

/** One line describing a policy without its seed. */
export function policySummary(p: ScoringPolicy): string {
  const t = p.thresholds;
  return `red >= ${t.red}, yellow >= ${t.yellow}${t.blue !== undefined ? `, blue >= ${t.blue}` : ''}; ${100 * p.minRandomRate}% at random (${p.randomLane}); ${p.selection.length} office/procedure entries`;
}

/**
 * Loads what scoring needs once: the active (or given) version of a
 * ruleset with the exact list versions it was checked against, the active
 * value bands, commodity lookouts and policy, the active watchlists (indexed
 * once, with each list's policy) and the active model; compiles the rules
 * and freezes the snapshot, which records every version. Score with
 * `assessDeclaration`, which uses all three layers.
 *
 * @example const { snapshot } = await loadSnapshot(store, { ruleset: 'kcs' });
 */
export async function loadSnapshot(
  store: Store,
  o: { ruleset: string; version?: number; seed?: string; actor?: string },
): Promise<LoadedSnapshot> {
  const ruleset = await store.rulesets.get(o.ruleset, o.version);
  if (!ruleset) {
    throw new Error(
      o.version === undefined
        ? `SIEVE_ERR_RULESET_NOT_FOUND: no active version of ruleset "${o.ruleset}"; import one with \`sieve rules import\` and activate it`
        : `SIEVE_ERR_RULESET_NOT_FOUND: no ruleset ${o.ruleset}@${o.version}`,
    );
  }
  const policy = await ensurePolicy(store, o.actor ?? 'system');
  const bandsRow = await store.riskArtifacts.active('bands');
  const bands = bandsRow && { version: bandsRow.version.version, set: parseValueBandSet(bandsRow.doc) };
  const lookoutsRow = await store.riskArtifacts.active('lookouts');
  const lookouts = lookoutsRow && {
    version: lookoutsRow.version.version,
    lookouts: parseLookouts(lookoutsRow.doc),
  };
  const watchlists = await loadWatchlistLayer(store);
  const model = await loadModelLayer(store);
  const compiled = compileRulesetOrThrow(ruleset.rules, { lists: ruleset.lists });
  const snapshot = createSnapshot({
    ruleset: compiled,
    rulesetVersion: `${ruleset.version.name}@${ruleset.version.version}`,
    policy: policy.policy,
    policyVersion: String(policy.version),
    ...(o.seed ? { seed: o.seed } : {}),
    ...(bands
      ? { bands: { lookup: createValueBandTable(bands.set.bands), version: String(bands.version) } }
      : {}),
    ...(lookouts ? { lookouts: lookouts.lookouts } : {}),
    ...(watchlists ? { watchlists: watchlists.versions, watchlistPolicy: watchlists.policyFingerprint } : {}),
    ...(model ? { model: model.version } : {}),
  });
  return {
    snapshot,
    ruleset,
    policy,
    ...(bands ? { bands } : {}),
    ...(lookouts ? { lookouts } : {}),
    ...(watchlists ? { watchlists } : {}),
    ...(model ? { model } : {}),
  };
}

/** Lookouts as stored: an array of lookout documents. */
export function parseLookouts(doc: unknown): CommodityLookout[] {
  const items = Array.isArray(doc) ? doc : [];
  return items.map((raw, i) => {
    const r = parseLookout(raw);
    if (!r.ok)
      throw new Error(`SIEVE_ERR_LOOKOUT_INVALID: stored lookout #${i + 1}: ${r.problems.join('; ')}`);
    return r.lookout;
  });
}
