// Set-up for the tests of the three layers (rules, watchlist, model) on the
// store: a ruleset, a lookout list with its policy, a small trained model.
// Through the store's repositories: set-up, not what is under test.
import assert from 'node:assert/strict';
import { newDeclaration, type newInspection, newItem, newParty } from '@sieve/core';
import { declarationFacts, type LabelledRow, trainRiskModel } from '@sieve/core/model';
import { newRule } from '@sieve/core/rules';
import { newPolicy } from '@sieve/core/scoring';
import { type WatchlistEntryInput, watchlistEntrySchema } from '@sieve/core/watchlist';
import { type Store, WatchlistRepository } from '@sieve/store';
import { ModelRepository } from '@sieve/store/model';

/** A ruleset `t3` worth 5 points on every declaration, active, under a policy with no random draw. */
export async function activateRules(store: Store): Promise<void> {
  await store.riskArtifacts.put('policy', newPolicy(), { actor: 'test', activate: true, reason: 'test' });
  const { version } = await store.rulesets.createDraft({
    name: 't3',
    rules: [newRule({ id: 'T3-ANY', points: 5 })],
    lists: [],
    actor: 'test',
    reason: 'test',
  });
  await store.rulesets.activate('t3', version.version, 'test', 'test');
}

/** The lookout entry of the tests: listed as Golden Crescent, also known as Hanbit Trading Company. */
export const LOOKOUT_ENTRY: WatchlistEntryInput = {
  id: 'lookouts:7',
  list: 'lookouts',
  kind: 'company',
  names: [{ name: 'Golden Crescent General Trading LLC' }, { name: 'Hanbit Trading Company', type: 'aka' }],
  reason: 'undervalued coffee, 2025',
};

/** Imports and activates a version of a list, and sets its policy, as `sieve watchlist import|policy` do. */
export async function activateList(
  store: Store,
  list: { id: string; version: string; entries: WatchlistEntryInput[] },
  policy: { threshold?: number; points?: number; lane?: 'red' | 'yellow' },
): Promise<void> {
  const repo = new WatchlistRepository(store.sql);
  const entries = list.entries.map((e) => watchlistEntrySchema.parse(e));
  const imported = await repo.importVersion(
    { id: list.id, name: `${list.id} (test)`, version: list.version, entries },
    'test',
  );
  assert.equal(imported, 'imported', `list ${list.id}@${list.version}: expected a new version`);
  await repo.setPolicy({ list: list.id, ...policy }, 'test', 'test: the three layers');
}

/**
 * Trains a small model on 40 days of 2025: importer RISKY has a finding in
 * most inspections, the others rarely. Registers it and activates it;
 * returns its registry id.
 */
export async function activateModel(store: Store): Promise<number> {
  const rows: LabelledRow[] = [];
  const start = Date.UTC(2025, 0, 1);
  for (let day = 0; day < 40; day++) {
    for (let k = 0; k < 30; k++) {
      const risky = k % 5 === 0;
      const d = newDeclaration({
        id: `TRAIN-${day}-${k}`,
        lodgedAt: new Date(start + day * 86_400_000 + 3_600_000).toISOString(),
        importer: newParty({ id: risky ? 'RISKY' : `CLEAN-${k % 7}` }),
        items: [newItem({ value: 1000 + 37 * k, netMassKg: 100 + k })],
      });
      rows.push({ facts: declarationFacts(d), outcome: { finding: risky ? (day + k) % 4 !== 0 : k === 3 } });
    }
  }
  const json = trainRiskModel({ train: rows, seed: 1, params: { rounds: 30, earlyStoppingRounds: 10 } });
  const registry = new ModelRepository(store.sql);
  const v = await registry.register(JSON.stringify(json), json, 'test');
  await registry.activate(v.id, 'test', 'test: the three layers');
  return v.id;
}

/**
 * Registers a model of an older feature set (which this Sieve cannot score
 * with) and returns its registry id, not yet active.
 */
export async function registerUnusableModel(store: Store): Promise<number> {
  const text = JSON.stringify({
    format: 'sieve-risk-model',
    formatVersion: 1,
    featureSet: 'profiles-v0',
    gbdt: {},
  });
  const v = await new ModelRepository(store.sql).register(
    text,
    {
      featureSet: 'profiles-v0',
      features: [],
      params: {},
      metrics: {},
      training: { from: '2025-01-01', to: '2025-02-01', rows: 1 },
    },
    'test',
  );
  return v.id;
}

/** Stores declarations and inspection results through the intake repository. */
export async function seedRecords(
  store: Store,
  declarations: ReturnType<typeof newDeclaration>[],
  inspections: ReturnType<typeof newInspection>[] = [],
): Promise<void> {
  const runId = await store.intake.startRun({ source: 'test', format: 'json', actor: 'test' });
  await store.intake.writeBatch(
    runId,
    [
      ...declarations.map((value) => ({ kind: 'declaration' as const, value })),
      ...inspections.map((value) => ({ kind: 'inspection' as const, value })),
    ],
    [],
  );
  await store.intake.finishRun(runId, 'completed');
}
