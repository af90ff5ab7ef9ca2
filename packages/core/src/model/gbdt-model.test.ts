import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  compileGbdt,
  type GbdtJson,
  predictMargin,
  predictMarginReference,
  predictProbability,
  sigmoid,
  type TreeJson,
} from './gbdt-model.ts';
import { seededRandom } from './rng.ts';

// A few shared values, so that inputs often equal a threshold exactly, with NaN, infinities and -0.
const POOL = [
  -2.5,
  -1,
  -0,
  0,
  0.1,
  0.5,
  1,
  3,
  1e9,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

// A random tree, its nodes numbered breadth first (the JSON order need not be preorder).
function randomTree(rng: () => number, width: number, maxLeaves: number): TreeJson {
  const nodes = [{ feature: -1, threshold: 0, missingLeft: 0, left: -1, right: -1, value: rng() * 2 - 1 }];
  const open = [0];
  for (let leaves = 1; leaves < maxLeaves && open.length > 0; leaves++) {
    const node = nodes[open.splice(Math.floor(rng() * open.length), 1)[0]!]!;
    node.feature = Math.floor(rng() * width);
    node.threshold = rng() < 0.5 ? POOL[Math.floor(rng() * 9)]! : rng() * 4 - 2;
    node.missingLeft = rng() < 0.5 ? 1 : 0;
    for (const side of ['left', 'right'] as const) {
      node[side] = nodes.length;
      open.push(nodes.length);
      nodes.push({ feature: -1, threshold: 0, missingLeft: 0, left: -1, right: -1, value: rng() * 2 - 1 });
    }
  }
  const column = (k: keyof (typeof nodes)[number]) => nodes.map((n) => n[k]);
  return {
    feature: column('feature'),
    threshold: column('threshold'),
    missingLeft: column('missingLeft'),
    left: column('left'),
    right: column('right'),
    value: column('value'),
    cover: nodes.map(() => 1),
  };
}

function randomModel(seed: number, trees: number, width: number, maxLeaves: number): GbdtJson {
  const rng = seededRandom(seed);
  return {
    kind: 'gbdt-binary',
    baseScore: rng() - 0.5,
    featureCount: width,
    trees: Array.from({ length: trees }, () => randomTree(rng, width, maxLeaves)),
  };
}

// The definition: walk the JSON trees as written, summing in tree order.
function walkJson(model: GbdtJson, x: ArrayLike<number>, treeCount = model.trees.length): number {
  let sum = model.baseScore;
  for (const t of model.trees.slice(0, treeCount)) {
    let n = 0;
    while (t.feature[n]! >= 0) {
      const v = x[t.feature[n]!]!;
      const left = Number.isNaN(v) ? t.missingLeft[n] === 1 : v <= t.threshold[n]!;
      n = left ? t.left[n]! : t.right[n]!;
    }
    sum += t.value[n]!;
  }
  return sum;
}

const value = fc.oneof(fc.constantFrom(...POOL), fc.double({ min: -3, max: 3, noNaN: true }));

describe('predictMargin', () => {
  it('gives the reference walk its exact margins and probabilities on random models and rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(value, { minLength: 5, maxLength: 5 }),
        (seed, trees, maxLeaves, row) => {
          const model = randomModel(seed, trees, 5, maxLeaves);
          const compiled = compileGbdt(model);
          const fast = predictMargin(compiled, row);
          assert.equal(fast, predictMarginReference(compiled, row));
          assert.equal(fast, walkJson(model, row));
          assert.equal(predictProbability(compiled, row), sigmoid(walkJson(model, row)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a row at an offset and sums only the first trees when asked', () => {
    const model = randomModel(7, 11, 3, 16);
    const compiled = compileGbdt(model);
    const rng = seededRandom(8);
    const x = Float64Array.from({ length: 300 }, () => (rng() < 0.1 ? Number.NaN : rng() * 4 - 2));
    for (let r = 0; r < 100; r++) {
      const row = x.subarray(r * 3, r * 3 + 3);
      for (const k of [0, 1, 4, 5, 11])
        assert.equal(predictMargin(compiled, x, r * 3, k), walkJson(model, row, k));
    }
  });

  it('falls back to the reference walk for a model too wide for the packed layout', () => {
    const model = randomModel(3, 6, 40_000, 10);
    const compiled = compileGbdt(model);
    assert.equal(compiled.packed.length, 0);
    const rng = seededRandom(4);
    const row = Float64Array.from({ length: 40_000 }, () => rng() * 4 - 2);
    assert.equal(predictMargin(compiled, row), walkJson(model, row));
  });

  it('falls back to the reference walk for a NaN threshold, which only the reference walk honours', () => {
    const model = randomModel(5, 3, 2, 4);
    const t = model.trees[0]!;
    t.threshold[0] = Number.NaN;
    t.missingLeft[0] = 1;
    const compiled = compileGbdt(model);
    assert.equal(compiled.packed.length, 0);
    for (const row of [
      [Number.NaN, 1],
      [0.5, Number.NaN],
      [Number.NEGATIVE_INFINITY, 0],
    ]) {
      assert.equal(predictMargin(compiled, row), walkJson(model, row));
    }
  });
});
