import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGbdt, predictMargin } from './gbdt-model.ts';
import { trainGbdt } from './gbdt-train.ts';
import { areaUnderRoc } from './metrics.ts';
import { ModelError } from './model-error.ts';
import { seededRandom } from './rng.ts';

// y = 1 mostly when x0 > 0.5 and x1 is missing or large; x2 is noise.
function dataset(n: number, seed: number) {
  const rng = seededRandom(seed);
  const width = 3;
  const x = new Float64Array(n * width);
  const y = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const x0 = rng();
    const x1 = rng() < 0.2 ? Number.NaN : rng();
    x.set([x0, x1, rng()], r * width);
    const risky = x0 > 0.5 && (Number.isNaN(x1) || x1 > 0.3);
    y[r] = rng() < (risky ? 0.9 : 0.1) ? 1 : 0;
  }
  return { x, y, width };
}

describe('trainGbdt', () => {
  it('learns an interaction with missing values and ranks held-out rows well', () => {
    const train = dataset(3000, 1);
    const test = dataset(1000, 2);
    const { model } = trainGbdt({ train, width: 3, params: { rounds: 60, seed: 3 } });
    const c = compileGbdt(model);
    const scores = Array.from(test.y, (_, r) => predictMargin(c, test.x, r * 3));
    assert.ok(areaUnderRoc(scores, test.y) > 0.85);
  });

  it('gives the same trees for the same seed, and different ones for another seed', () => {
    const train = dataset(1500, 4);
    const a = trainGbdt({ train, width: 3, params: { rounds: 20, seed: 9 } });
    const b = trainGbdt({ train, width: 3, params: { rounds: 20, seed: 9 } });
    const c = trainGbdt({ train, width: 3, params: { rounds: 20, seed: 10 } });
    assert.deepEqual(b.model, a.model);
    assert.notDeepEqual(c.model, a.model);
  });

  it('stops early on a validation set and keeps the best round', () => {
    const train = dataset(1500, 5);
    const valid = dataset(800, 6);
    const aucs: number[] = [];
    const r = trainGbdt({
      train,
      valid,
      width: 3,
      params: { rounds: 400, earlyStoppingRounds: 10, learningRate: 0.3, seed: 1 },
      onRound: (_, auc) => aucs.push(auc),
    });
    assert.ok(aucs.length < 400, 'ran every round');
    assert.equal(r.model.trees.length, r.rounds);
    assert.equal(r.validAuc, Math.max(...aucs));
  });

  it('refuses data with a single class, with a stable code', () => {
    const x = new Float64Array(10);
    assert.throws(
      () => trainGbdt({ train: { x, y: new Uint8Array(10) }, width: 1 }),
      (e: unknown) => e instanceof ModelError && e.code === 'SIEVE_ERR_MODEL_ONE_CLASS',
    );
  });
});
