import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compileGbdt, type GbdtJson, predictMargin, type TreeJson } from './gbdt-model.ts';
import { trainGbdt } from './gbdt-train.ts';
import { seededRandom } from './rng.ts';
import { compileTreeShap, treeShap, treeShapCompiled } from './tree-shap.ts';
import { treeShapReference } from './tree-shap-reference.ts';

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

// A random tree grown to `depth` at most over a few features (so that paths split on a feature
// again), its training rows shared out at random: each node's cover is its children's sum.
function growTree(rng: () => number, width: number, depth: number): TreeJson {
  const t: TreeJson = {
    feature: [],
    threshold: [],
    missingLeft: [],
    left: [],
    right: [],
    value: [],
    cover: [],
  };
  const grow = (d: number): number => {
    const n = t.feature.length;
    const leaf = d === depth || rng() < 0.2;
    t.feature.push(leaf ? -1 : Math.floor(rng() * width));
    t.threshold.push(leaf ? 0 : [-1, 0, 0.5, 1][Math.floor(rng() * 4)]! + (rng() < 0.5 ? 0 : rng()));
    t.missingLeft.push(rng() < 0.5 ? 1 : 0);
    t.value.push(leaf ? rng() * 2 - 1 : 0);
    t.left.push(-1);
    t.right.push(-1);
    t.cover.push(leaf ? 1 + Math.floor(rng() * 50) : 0);
    if (!leaf) {
      t.left[n] = grow(d + 1);
      t.right[n] = grow(d + 1);
      t.cover[n] = t.cover[t.left[n]!]! + t.cover[t.right[n]!]!;
    }
    return n;
  };
  grow(0);
  return t;
}

function growModel(seed: number, trees: number, width: number, depth: number): GbdtJson {
  const rng = seededRandom(seed);
  return {
    kind: 'gbdt-binary',
    baseScore: rng() - 0.5,
    featureCount: width,
    trees: Array.from({ length: trees }, () => growTree(rng, width, depth)),
  };
}

const cell = fc.oneof(
  fc.constantFrom(Number.NaN, -1, 0, 0.5, 1),
  fc.double({ min: -2, max: 3, noNaN: true }),
);

describe('treeShap against the reference (the paper as written)', () => {
  it('gives the same bias and contributions to rounding on random models and rows with missing values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(cell, { minLength: 5, maxLength: 5 }),
        (seed, trees, width, depth, cells) => {
          const model = growModel(seed, trees, width, depth);
          const row = cells.slice(0, width);
          const fast = treeShap(model, row);
          const slow = treeShapReference(model, row);
          assert.equal(fast.bias, slow.bias);
          const scale = slow.contributions.reduce((s, c) => s + Math.abs(c), 1);
          slow.contributions.forEach((c, i) => {
            const d = Math.abs(fast.contributions[i]! - c);
            assert.ok(
              d <= 1e-9 * Math.abs(c) + 1e-13 * scale,
              `feature ${i}: ${fast.contributions[i]} vs ${c}`,
            );
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('adds up with the bias to the model margin (local accuracy) on random models and rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 10 }),
        fc.array(cell, { minLength: 6, maxLength: 6 }),
        (seed, trees, depth, row) => {
          const model = growModel(seed, trees, 6, depth);
          const { bias, contributions } = treeShap(model, row);
          const total = contributions.reduce((s, c) => s + c, bias);
          assert.ok(Math.abs(total - predictMargin(compileGbdt(model), row)) < 1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reuses a compiled model across rows and writes into the array it is given', () => {
    const model = growModel(3, 20, 4, 7);
    const compiled = compileTreeShap(model);
    const out = new Float64Array(4);
    const rng = seededRandom(4);
    for (let r = 0; r < 50; r++) {
      const row = Array.from({ length: 4 }, () => (rng() < 0.2 ? Number.NaN : rng() * 3 - 1));
      const { contributions } = treeShapCompiled(compiled, row, out);
      assert.equal(contributions, out);
      assert.deepEqual(Array.from(out), Array.from(treeShap(model, row).contributions));
    }
  });
});
