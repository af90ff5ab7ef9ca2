/**
 * One regression tree in array form. Node `i` is a leaf when
 * `feature[i] === -1`; otherwise rows with `x[feature] <= threshold` go to
 * `left[i]`, others to `right[i]`, and missing values (NaN) go left when
 * `missingLeft[i]` is 1. `value` is the leaf output (already scaled by the
 * learning rate) and `cover` the number of training rows that reached the
 * node, which TreeSHAP needs.
 */
export interface TreeJson {
  feature: number[];
  threshold: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
}

/** A trained gradient-boosted tree ensemble for binary outcomes (log-odds output). */
export interface GbdtJson {
  kind: 'gbdt-binary';
  baseScore: number;
  featureCount: number;
  trees: TreeJson[];
}

/**
 * A tree ensemble flattened into typed arrays for fast, allocation-free
 * scoring: every node of every tree in one set of arrays, children as
 * absolute indexes.
 */
export interface CompiledGbdt {
  readonly baseScore: number;
  readonly featureCount: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/**
 * Flattens a model for {@link predictMargin}.
 *
 * @example const compiled = compileGbdt(model.gbdt); predictProbability(compiled, row);
 */
export function compileGbdt(model: GbdtJson): CompiledGbdt {
  const total = model.trees.reduce((s, t) => s + t.feature.length, 0);
  const c = {
    baseScore: model.baseScore,
    featureCount: model.featureCount,
    roots: new Int32Array(model.trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    missingLeft: new Uint8Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float64Array(total),
  };
  let base = 0;
  model.trees.forEach((t, ti) => {
    c.roots[ti] = base;
    for (let i = 0; i < t.feature.length; i++) {
      c.feature[base + i] = t.feature[i]!;
      c.threshold[base + i] = t.threshold[i]!;
      c.missingLeft[base + i] = t.missingLeft[i]!;
      c.left[base + i] = base + t.left[i]!;
      c.right[base + i] = base + t.right[i]!;
      c.value[base + i] = t.value[i]!;
    }
    base += t.feature.length;
  });
  return c;
}

/**
 * Log-odds of a finding for the feature row at `offset` in `x`, summing the
 * first `treeCount` trees (all by default).
 *
 * @example predictMargin(compiled, row) // -1.27
 */
export function predictMargin(
  m: CompiledGbdt,
  x: ArrayLike<number>,
  offset = 0,
  treeCount = m.roots.length,
): number {
  const { feature, threshold, missingLeft, left, right, value, roots } = m;
  let sum = m.baseScore;
  for (let t = 0; t < treeCount; t++) {
    let n = roots[t]!;
    let f = feature[n]!;
    while (f >= 0) {
      const v = x[offset + f]!;
      if (v <= threshold[n]!) n = left[n]!;
      else if (missingLeft[n] === 1 && Number.isNaN(v)) n = left[n]!;
      else n = right[n]!;
      f = feature[n]!;
    }
    sum += value[n]!;
  }
  return sum;
}

/** Logistic function: log-odds to probability. */
export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

/** Probability of a finding for one feature row. */
export function predictProbability(m: CompiledGbdt, x: ArrayLike<number>, offset = 0): number {
  return sigmoid(predictMargin(m, x, offset));
}
