import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGbdt, type GbdtJson, predictMargin, type TreeJson } from './gbdt-model.ts';
import { trainGbdt } from './gbdt-train.ts';
import { seededRandom } from './rng.ts';
import { treeShap } from './tree-shap.ts';

// Path-dependent expectation E[f(x) | x_S]: features outside S follow both children, weighted by cover.
function conditional(t: TreeJson, x: ArrayLike<number>, inS: (f: number) => boolean, n = 0): number {
  const f = t.feature[n]!;
  if (f < 0) return t.value[n]!;
  const l = t.left[n]!;
  const r = t.right[n]!;
  if (inS(f)) {
    const v = x[f]!;
    const left = Number.isNaN(v) ? t.missingLeft[n] === 1 : v <= t.threshold[n]!;
    return conditional(t, x, inS, left ? l : r);
  }
  return (t.cover[l]! * conditional(t, x, inS, l) + t.cover[r]! * conditional(t, x, inS, r)) / t.cover[n]!;
}

// Shapley values by enumerating every subset: exponential, fine for 4 features.
function bruteForceShapley(model: GbdtJson, x: ArrayLike<number>): number[] {
  const m = model.featureCount;
  const value = (mask: number) =>
    model.trees.reduce((s, t) => s + conditional(t, x, (f) => (mask & (1 << f)) !== 0), 0);
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const phi = new Array<number>(m).fill(0);
  for (let i = 0; i < m; i++) {
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & (1 << i)) continue;
      const size = mask
        .toString(2)
        .split('')
        .filter((c) => c === '1').length;
      const w = (fact(size) * fact(m - size - 1)) / fact(m);
      phi[i]! += w * (value(mask | (1 << i)) - value(mask));
    }
  }
  return phi;
}

describe('treeShap', () => {
  const rng = seededRandom(21);
  const width = 4;
  const n = 800;
  const x = new Float64Array(n * width);
  const y = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const row = [rng(), rng() < 0.1 ? Number.NaN : rng(), rng(), rng()];
    x.set(row, r * width);
    y[r] = rng() < (row[0]! > 0.6 ? 0.8 : 0.2) * (row[2]! > 0.3 ? 1 : 0.5) ? 1 : 0;
  }
  const { model } = trainGbdt({
    train: { x, y },
    width,
    params: { rounds: 8, maxLeaves: 8, minDataInLeaf: 5, seed: 2 },
  });
  const compiled = compileGbdt(model);

  it('adds up to the model output', () => {
    for (let r = 0; r < 50; r++) {
      const row = x.subarray(r * width, (r + 1) * width);
      const { bias, contributions } = treeShap(model, row);
      const total = bias + contributions.reduce((s, c) => s + c, 0);
      assert.ok(Math.abs(total - predictMargin(compiled, row)) < 1e-9);
    }
  });

  it('equals the exact Shapley values computed by enumeration', () => {
    for (let r = 0; r < 10; r++) {
      const row = x.subarray(r * width, (r + 1) * width);
      const fast = Array.from(treeShap(model, row).contributions);
      const slow = bruteForceShapley(model, row);
      fast.forEach((v, i) => {
        assert.ok(Math.abs(v - slow[i]!) < 1e-9, `feature ${i}: ${v} vs ${slow[i]}`);
      });
    }
  });
});
