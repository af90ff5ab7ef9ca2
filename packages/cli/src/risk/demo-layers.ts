import { join } from 'node:path';
import { declarationFacts, type LabelledRow, type ModelMetrics, trainRiskModel } from '@sieve/core/model';
import type { HistoryRow } from '@sieve/core/scoring';
import type { ListPolicy } from '@sieve/core/watchlist';
import { type Store, WatchlistRepository } from '@sieve/store';
import { ModelRepository } from '@sieve/store/model';
import { DATASET_FILES } from '@sieve/synth/write-dataset';
import { loadListFile } from '../watchlist/load-list-file.ts';

const ACTOR = 'demo';
/** Under this many findings in the validation slice, its figures are an illustration, not a measure. */
const FEW_FINDINGS = 30;

/**
 * The deductive layer of the demo: the generator's lookouts.csv (the
 * lookout entries it planted among the declarations' parties) imported as
 * the active `lookouts` list, with a policy: a hit adds 50 points and sends
 * the declaration to red.
 *
 * @example await demoWatchlist(store, { dataDir, seed: 42 }); // prints one line
 */
export async function demoWatchlist(store: Store, o: { dataDir: string; seed: number }): Promise<void> {
  const file = join(o.dataDir, DATASET_FILES.lookout);
  const list = loadListFile('lookouts', file, { listId: 'lookouts', version: `synth-seed-${o.seed}` });
  const repo = new WatchlistRepository(store.sql);
  await repo.importVersion(list, ACTOR, 'demo: the lookouts the generator planted');
  const policy: ListPolicy = { list: list.id, points: 50, lane: 'red' };
  await repo.setPolicy(policy, ACTOR, 'demo: a party on the lookout list is examined');
  const names = list.entries.reduce((n, e) => n + e.names.length, 0);
  const ids = list.entries.reduce((n, e) => n + e.identifiers.length, 0);
  console.log(
    `   watchlist ${list.id}@${list.version} active: ${list.entries.length} entries (${names} names and aliases, ${ids} identifiers) from ${DATASET_FILES.lookout}; a hit adds ${policy.points} points and forces ${policy.lane}`,
  );
}

/**
 * The predictive layer of the demo: a model trained on the inspected
 * declarations lodged before `validFrom`, measured on those inspected from
 * `validFrom` to `cut` (time-ordered: it never sees the slice it is measured
 * on), registered and activated. Declarations from `cut` on, which the demo
 * scores, are never seen.
 *
 * @example await demoModel(store, history, { validFrom: '2026-02-15T00:00:00.000Z', cut: '2026-03-02T00:00:00.000Z', seed: 42 });
 */
export async function demoModel(
  store: Store,
  history: readonly HistoryRow[],
  o: { validFrom: string; cut: string; seed: number },
): Promise<void> {
  const train: LabelledRow[] = [];
  const valid: LabelledRow[] = [];
  for (const r of history) {
    if (!r.outcome || r.declaration.lodgedAt >= o.cut) continue;
    const row = { facts: declarationFacts(r.declaration), outcome: { finding: r.outcome.finding } };
    (r.declaration.lodgedAt < o.validFrom ? train : valid).push(row);
  }
  const started = performance.now();
  const json = trainRiskModel({ train, valid, seed: o.seed });
  const seconds = (performance.now() - started) / 1000;
  const text = JSON.stringify(json);
  const registry = new ModelRepository(store.sql);
  const version = await registry.register(text, json, ACTOR);
  await registry.activate(
    version.id,
    ACTOR,
    `demo: trained on the inspections before ${o.validFrom.slice(0, 10)}`,
  );
  console.log(
    `   model ${version.id}:${version.sha256.slice(0, 12)} active: trained on ${json.training.rows} inspected declarations (${json.training.findings} findings, ${json.training.from} to ${json.training.to}) in ${seconds.toFixed(1)} s; ${validation(json.metrics.validation, o)}`,
  );
}

function validation(v: ModelMetrics | undefined, o: { validFrom: string; cut: string }): string {
  if (!v) return 'no inspections left to measure it on';
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const slice = `${o.validFrom.slice(0, 10)} to ${o.cut.slice(0, 10)}`;
  const caveat = v.findings < FEW_FINDINGS ? ' (few findings: an illustration, not a measure)' : '';
  return `on the inspections from ${slice} (${v.rows}, ${v.findings} findings) AUC ${v.auc.toFixed(2)}, precision at 10% ${pct(v.p_at_10)}${caveat}`;
}
