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
 * scoring: every node of every tree in one pair of arrays, each tree in
 * preorder so that a node's left child is the next node (the common step
 * stays on the same cache line). Node `n` is a leaf when `code[n]` is -1,
 * with its output in `number[n]`; otherwise `code[n]` holds the feature
 * (low 16 bits) and a missing-goes-left flag (bit 16), `number[n]` the
 * threshold and `right[n]` the right child's index.
 */
export interface CompiledGbdt {
  readonly baseScore: number;
  readonly featureCount: number;
  readonly roots: Int32Array;
  readonly code: Int32Array;
  readonly number: Float64Array;
  readonly right: Int32Array;
}

const MISSING_LEFT = 1 << 16;

/**
 * Flattens a model for {@link predictMargin}.
 *
 * @example const compiled = compileGbdt(model.gbdt); predictProbability(compiled, row);
 */
export function compileGbdt(model: GbdtJson): CompiledGbdt {
  if (model.featureCount >= MISSING_LEFT) throw new Error('at most 65,535 features');
  const total = model.trees.reduce((s, t) => s + t.feature.length, 0);
  const c = {
    baseScore: model.baseScore,
    featureCount: model.featureCount,
    roots: new Int32Array(model.trees.length),
    code: new Int32Array(total),
    number: new Float64Array(total),
    right: new Int32Array(total),
  };
  let next = 0;
  // Writes node i of tree t and its subtree from `next` on, in preorder; returns the node's index.
  const place = (t: TreeJson, i: number): number => {
    const at = next++;
    const f = t.feature[i]!;
    if (f < 0) {
      c.code[at] = -1;
      c.number[at] = t.value[i]!;
      return at;
    }
    c.code[at] = f | (t.missingLeft[i] === 1 ? MISSING_LEFT : 0);
    c.number[at] = t.threshold[i]!;
    place(t, t.left[i]!);
    c.right[at] = place(t, t.right[i]!);
    return at;
  };
  model.trees.forEach((t, ti) => {
    c.roots[ti] = place(t, 0);
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
  const { code, number, right, roots } = m;
  let sum = m.baseScore;
  for (let t = 0; t < treeCount; t++) {
    let n = roots[t]!;
    let c = code[n]!;
    while (c >= 0) {
      const v = x[offset + (c & 0xffff)]!;
      // NaN fails every comparison: it goes right unless the node sends missing values left.
      n = v <= number[n]! || (c >= MISSING_LEFT && Number.isNaN(v)) ? n + 1 : right[n]!;
      c = code[n]!;
    }
    sum += number[n]!;
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
