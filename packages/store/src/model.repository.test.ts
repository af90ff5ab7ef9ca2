import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelRepository } from './model.repository.ts';
import { openStore } from './store.ts';

describe('ModelRepository', () => {
  it('registers a model once, activates one at a time and audits each activation', async () => {
    const store = await openStore({ dataDir: 'memory' });
    try {
      const repo = new ModelRepository(store.sql);
      const model = {
        featureSet: 'profiles-v2',
        features: ['a'],
        params: {},
        metrics: { validation: { p_at_5: 0.9 } },
        training: { from: '2020-01-01', to: '2020-12-31', rows: 10 },
      };
      const a = await repo.register('{"m":1}', model, 'analyst.lee');
      const again = await repo.register('{"m":1}', model, 'analyst.lee');
      assert.equal(again.id, a.id);
      const b = await repo.register('{"m":2}', model, 'analyst.lee');
      await repo.activate(a.id, 'chief.park', 'first model');
      const active = await repo.activate(b.id, 'chief.park', 'better at 5%');
      assert.equal(active.active, true);
      assert.deepEqual(
        (await repo.list()).map((v) => v.active),
        [false, true],
      );
      assert.equal(await repo.activeModelJson(), '{"m":2}');
      const audit = await store.audit.list({ entity: 'model' });
      assert.deepEqual(
        audit.map((e) => [e.action, e.entityId, e.reason]),
        [
          ['model.activate', String(a.id), 'first model'],
          ['model.activate', String(b.id), 'better at 5%'],
        ],
      );
      await assert.rejects(repo.activate(999, 'x', 'y'), /SIEVE_ERR_MODEL_NOT_FOUND/);
    } finally {
      await store.close();
    }
  });
});
