import { createHash } from 'node:crypto';
import { loadRiskModel, type RiskModel } from '@sieve/core/model';
import { canonicalJson, fingerprint } from '@sieve/core/scoring';
import { type ListPolicy, type Screener, ScreeningMemo, WatchlistIndex } from '@sieve/core/watchlist';
import { type Store, WatchlistRepository } from '@sieve/store';
import { ModelRepository } from '@sieve/store/model';

/**
 * The deductive layer as scoring uses it: one index over the active version
 * of every list, and each list's policy (threshold, points, forced lane).
 */
export interface WatchlistLayer {
  /** The index, behind a memo: the same parties come back declaration after declaration. */
  readonly index: Screener;
  readonly policies: readonly ListPolicy[];
  /** Active version by list id, for the snapshot's record of versions. */
  readonly versions: Readonly<Record<string, string>>;
  /** Fingerprint of the policies: a changed threshold, points or lane is a new snapshot. */
  readonly policyFingerprint: string;
}

/** The predictive layer as scoring uses it: the active model, loaded once. */
export interface ModelLayer {
  /** `<registry id>:<first 12 hex digits of its SHA-256>`, e.g. `3:1a2b3c4d5e6f`. */
  readonly version: string;
  readonly id: number;
  readonly model: RiskModel;
}

/**
 * The active watchlists with their policies (threshold, points, forced lane,
 * as `sieve watchlist policy` stores them), or undefined when no list is
 * active (scoring then records that nothing was screened).
 *
 * @example const layer = await loadWatchlistLayer(store); layer?.versions // { lookouts: '2026-03-01' }
 */
export async function loadWatchlistLayer(store: Store): Promise<WatchlistLayer | undefined> {
  const repo = new WatchlistRepository(store.sql);
  const lists = await repo.activeLists();
  if (lists.length === 0) return undefined;
  const policies = await repo.policies();
  return {
    index: new ScreeningMemo(WatchlistIndex.build(lists)),
    policies,
    versions: Object.fromEntries(lists.map((l) => [l.id, l.version])),
    policyFingerprint: fingerprint(canonicalJson(policies)),
  };
}

/**
 * The active model of the registry, loaded and checked, or undefined when
 * none is active. A model this Sieve cannot use (another feature set) is an
 * error naming the version, not a silent omission: activating it was a
 * decision someone has to revisit.
 *
 * @example const layer = await loadModelLayer(store); layer?.version // '3:1a2b3c4d5e6f'
 */
export async function loadModelLayer(store: Store): Promise<ModelLayer | undefined> {
  const registry = new ModelRepository(store.sql);
  const text = await registry.activeModelJson();
  if (text === undefined) return undefined;
  const sha256 = createHash('sha256').update(text).digest('hex');
  const [registered] = await registry.list({ sha256 });
  const id = registered?.id ?? 0;
  let model: RiskModel;
  try {
    model = loadRiskModel(JSON.parse(text));
  } catch (err) {
    throw new Error(
      `SIEVE_ERR_MODEL_UNUSABLE: active model ${id} (sha256 ${sha256.slice(0, 12)}): ${err instanceof Error ? err.message : String(err)}; activate another model or retrain it`,
    );
  }
  return { version: `${id}:${sha256.slice(0, 12)}`, id, model };
}
