import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runIntake } from '@sieve/pipeline';
import { openStore, type Store, WatchlistRepository } from '@sieve/store';
import { ModelRepository } from '@sieve/store/model';
import { DATASET_FILES, writeDataset } from '@sieve/synth/write-dataset';
import { demoModel, demoWatchlist } from './demo-layers.ts';
import { storedHistory } from './risk-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'sieve-demo-layers-'));
let store: Store;
const printed: string[] = [];

before(async () => {
  await writeDataset(dir, { seed: 42, count: 4000, start: '2026-01-01', days: 90 });
  store = await openStore({ dataDir: 'memory' });
  for (const kind of ['declaration', 'inspection'] as const)
    await runIntake(store, join(dir, DATASET_FILES[kind]), { kind, actor: 'test', workers: 0 });
});
after(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function capture<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = (line: string) => printed.push(line);
  return fn().finally(() => {
    console.log = log;
  });
}

test("the demo's lookout list is the active watchlist, with a policy, both audited", async () => {
  await capture(() => demoWatchlist(store, { dataDir: dir, seed: 42 }));
  const repo = new WatchlistRepository(store.sql);
  const [list] = await repo.activeLists();
  assert.equal(list?.id, 'lookouts');
  assert.equal(list?.version, 'synth-seed-42');
  assert.ok((list?.entries.length ?? 0) >= 24, 'every generated entry');
  assert.deepEqual(await repo.policies(), [{ list: 'lookouts', points: 50, lane: 'red' }]);
  assert.deepEqual(
    (await store.audit.list({ entity: 'watchlist' })).map((e) => e.action),
    ['watchlist.import', 'watchlist.policy'],
  );
  assert.match(printed.at(-1) ?? '', /watchlist lookouts@synth-seed-42 active: \d+ entries/);
});

test('the demo model learns from the inspections before the cut, is measured on a later slice and activated', async () => {
  const history = await storedHistory(store);
  const cut = '2026-03-02T00:00:00.000Z';
  const validFrom = '2026-02-15T00:00:00.000Z';
  await capture(() => demoModel(store, history, { validFrom, cut, seed: 42 }));
  const [model] = await new ModelRepository(store.sql).list();
  assert.equal(model?.active, true);
  assert.ok(
    model!.trainedTo < '2026-02-15',
    `trained only before the validation slice, to ${model?.trainedTo}`,
  );
  const inspectedBefore = history.filter((r) => r.outcome && r.declaration.lodgedAt < validFrom).length;
  assert.equal(model.trainingRows, inspectedBefore);
  const validation = (model.metrics as { validation?: { rows: number } }).validation;
  assert.equal(
    validation?.rows,
    history.filter((r) => r.outcome && r.declaration.lodgedAt >= validFrom && r.declaration.lodgedAt < cut)
      .length,
  );
  assert.match(
    printed.at(-1) ?? '',
    /model \d+:[0-9a-f]{12} active: trained on \d+ inspected declarations .* AUC \d/,
  );
});
