import type { GbdtJson, TreeJson } from './gbdt-model.ts';

/**
 * A tree ensemble prepared for {@link treeShapCompiled}: every node of every
 * tree in one set of typed arrays (tree `t`'s node `i` at `roots[t] + i`,
 * children as absolute indices, a leaf has feature -1), each tree's
 * cover-weighted mean leaf summed once into `bias`, the ratios the path
 * updates multiply by, and the path buffers of the walk, allocated once for
 * the deepest tree. The buffers make a compiled model usable by one call at
 * a time, as JavaScript runs anyway.
 */
export interface CompiledTreeShap {
  readonly featureCount: number;
  /** Base score plus each tree's expected value, added in tree order. */
  readonly bias: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly cover: Float64Array;
  /** Room of one path: the deepest tree's depth plus one. */
  readonly stride: number;
  /**
   * The path's elements (split feature, fraction of training rows `zero`,
   * whether the row follows `one`), shared by every depth: a node that
   * unwinds an element puts it back once its children are done.
   */
  readonly pathFeature: Int32Array;
  readonly pathZero: Float64Array;
  readonly pathOne: Float64Array;
  /** The path weights of the node at depth `d`, at `d * stride`. */
  readonly pathWeight: Float64Array;
  /**
   * For a path whose last index is `l`, at `l * stride + i`: (i + 1) / (l + 1),
   * (l - i) / (l + 1), (l + 1) / (i + 1) and (l + 1) / (l - i), so that the
   * walk multiplies where the paper divides.
   */
  readonly extendUp: Float64Array;
  readonly extendDown: Float64Array;
  readonly unwindUp: Float64Array;
  readonly unwindDown: Float64Array;
}

/**
 * Prepares a model for {@link treeShapCompiled}, once when a model is loaded
 * (`RiskModel.shap`): about a millisecond for hundreds of trees.
 *
 * @example const shap = compileTreeShap(model.gbdt); treeShapCompiled(shap, row);
 */
export function compileTreeShap(model: GbdtJson): CompiledTreeShap {
  const total = model.trees.reduce((s, t) => s + t.feature.length, 0);
  const roots = new Int32Array(model.trees.length);
  const feature = new Int32Array(total);
  const threshold = new Float64Array(total);
  const missingLeft = new Uint8Array(total);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const value = new Float64Array(total);
  const cover = new Float64Array(total);
  let bias = model.baseScore;
  let depth = 0;
  let at = 0;
  model.trees.forEach((t, ti) => {
    roots[ti] = at;
    for (let i = 0; i < t.feature.length; i++) {
      feature[at + i] = t.feature[i]!;
      threshold[at + i] = t.threshold[i]!;
      missingLeft[at + i] = t.missingLeft[i] === 1 ? 1 : 0;
      left[at + i] = at + t.left[i]!;
      right[at + i] = at + t.right[i]!;
      value[at + i] = t.value[i]!;
      cover[at + i] = t.cover[i]!;
    }
    at += t.feature.length;
    bias += expectedValue(t, 0);
    depth = Math.max(depth, treeDepth(t, 0));
  });
  const stride = depth + 2;
  return {
    featureCount: model.featureCount,
    bias,
    roots,
    feature,
    threshold,
    missingLeft,
    left,
    right,
    value,
    cover,
    stride,
    pathFeature: new Int32Array(stride),
    pathZero: new Float64Array(stride),
    pathOne: new Float64Array(stride),
    pathWeight: new Float64Array(stride * stride),
    extendUp: ratios(stride, (l, i) => (i + 1) / (l + 1)),
    extendDown: ratios(stride, (l, i) => (l - i) / (l + 1)),
    unwindUp: ratios(stride, (l, i) => (l + 1) / (i + 1)),
    unwindDown: ratios(stride, (l, i) => (i < l ? (l + 1) / (l - i) : 0)),
  };
}

function ratios(stride: number, f: (l: number, i: number) => number): Float64Array {
  const out = new Float64Array(stride * stride);
  for (let l = 0; l < stride; l++) for (let i = 0; i <= l; i++) out[l * stride + i] = f(l, i);
  return out;
}

// Cover-weighted mean leaf below node n: what the tree predicts knowing no feature. The reference's
// formula, so that the bias is the same to the last bit.
function expectedValue(t: TreeJson, n: number): number {
  if (t.feature[n]! < 0) return t.value[n]!;
  const l = t.left[n]!;
  const r = t.right[n]!;
  return (t.cover[l]! * expectedValue(t, l) + t.cover[r]! * expectedValue(t, r)) / t.cover[n]!;
}

function treeDepth(t: TreeJson, n: number): number {
  if (t.feature[n]! < 0) return 0;
  return 1 + Math.max(treeDepth(t, t.left[n]!), treeDepth(t, t.right[n]!));
}

const compiledByModel = new WeakMap<GbdtJson, CompiledTreeShap>();

/**
 * Exact TreeSHAP (Lundberg et al. 2018, algorithm 2, path-dependent): the
 * contribution of each feature to one row's log-odds, such that
 * `bias + sum(contributions) === margin` (to rounding). `bias` is the
 * model's average log-odds over the training rows (base score plus each
 * tree's cover-weighted mean leaf). The model is compiled on its first call
 * and the compiled form kept while the model object lives, so its trees must
 * not be changed afterwards; {@link treeShapCompiled} takes a compiled model.
 *
 * @example const { bias, contributions } = treeShap(model.gbdt, row);
 */
export function treeShap(
  model: GbdtJson,
  x: ArrayLike<number>,
): { bias: number; contributions: Float64Array } {
  let m = compiledByModel.get(model);
  if (m === undefined) {
    m = compileTreeShap(model);
    compiledByModel.set(model, m);
  }
  return treeShapCompiled(m, x);
}

/**
 * {@link treeShap} on a compiled model, writing the contributions into
 * `contributions` (zeroed first). The paper's algorithm
 * ({@link treeShapReference}) without its allocations: the paths live in
 * preallocated buffers, the divisions by path positions are multiplications
 * by precomputed ratios, the elements the row does not follow share one
 * unwound sum, and two sibling leaves are credited in one pass. The values
 * equal the reference's to rounding (a few units in the last place; tested
 * within 1e-9 relative).
 *
 * @example const { contributions } = treeShapCompiled(model.shap, row);
 */
export function treeShapCompiled(
  m: CompiledTreeShap,
  x: ArrayLike<number>,
  contributions: Float64Array = new Float64Array(m.featureCount),
): { bias: number; contributions: Float64Array } {
  contributions.fill(0);
  const { roots } = m;
  for (let t = 0; t < roots.length; t++) recurse(m, x, contributions, roots[t]!, 0, 0, 1, 1, -1);
  return { bias: m.bias, contributions };
}

// One node of the walk at tree depth `depth`: its path is the parent's (`parentLength` elements)
// extended by the split that led here, with the fraction `zero` of the parent's training rows that
// took this branch and `one` for whether the row did.
function recurse(
  m: CompiledTreeShap,
  x: ArrayLike<number>,
  phi: Float64Array,
  node: number,
  depth: number,
  parentLength: number,
  zero: number,
  one: number,
  splitFeature: number,
): void {
  const at = depth * m.stride;
  extend(m, at, parentLength, zero, one);
  const length = parentLength + 1;
  m.pathFeature[parentLength] = splitFeature;
  m.pathZero[parentLength] = zero;
  m.pathOne[parentLength] = one;
  const f = m.feature[node]!;
  if (f < 0) {
    credit(m, phi, at, length, length, m.value[node]!);
    return;
  }
  const { pathFeature, pathZero, pathOne } = m;
  // A feature split on again: its earlier element leaves the path, its fractions carry on.
  let k = 1;
  while (k < length && pathFeature[k] !== f) k++;
  if (k === length) {
    split(m, x, phi, node, depth, length, 1, 1, f);
    return;
  }
  const incomingZero = pathZero[k]!;
  const incomingOne = pathOne[k]!;
  unwind(m, at, length, k);
  const l = length - 1;
  for (let j = k; j < l; j++) {
    pathFeature[j] = pathFeature[j + 1]!;
    pathZero[j] = pathZero[j + 1]!;
    pathOne[j] = pathOne[j + 1]!;
  }
  split(m, x, phi, node, depth, l, incomingZero, incomingOne, f);
  // The ancestors' elements as they were: shifted back, the unwound one put back.
  for (let j = l; j > k; j--) {
    pathFeature[j] = pathFeature[j - 1]!;
    pathZero[j] = pathZero[j - 1]!;
    pathOne[j] = pathOne[j - 1]!;
  }
  pathFeature[k] = f;
  pathZero[k] = incomingZero;
  pathOne[k] = incomingOne;
}

// The children of an internal node whose path has `length` elements: the one the row follows
// (hot), then the other (cold).
function split(
  m: CompiledTreeShap,
  x: ArrayLike<number>,
  phi: Float64Array,
  node: number,
  depth: number,
  length: number,
  incomingZero: number,
  incomingOne: number,
  f: number,
): void {
  const xv = x[f]!;
  const goesLeft = Number.isNaN(xv) ? m.missingLeft[node] === 1 : xv <= m.threshold[node]!;
  const hot = goesLeft ? m.left[node]! : m.right[node]!;
  const cold = goesLeft ? m.right[node]! : m.left[node]!;
  const cover = m.cover[node]!;
  const hotZero = (incomingZero * m.cover[hot]!) / cover;
  const coldZero = (incomingZero * m.cover[cold]!) / cover;
  if (m.feature[hot]! < 0 && m.feature[cold]! < 0) {
    leafPair(m, phi, depth, length, hotZero, incomingOne, m.value[hot]!, coldZero, m.value[cold]!, f);
    return;
  }
  recurse(m, x, phi, hot, depth + 1, length, hotZero, incomingOne, f);
  recurse(m, x, phi, cold, depth + 1, length, coldZero, 0, f);
}

// Two sibling leaves. A leaf's path weights are linear in its last element's (zero, one), and so
// is every unwound sum, so the two leaves' credit to the elements above their parent is that of
// one path extended by (v_hot zero_hot + v_cold zero_cold, v_hot one_hot) with value 1. Their own
// split's element unwinds back to the parent's weights: its credit is their sum times each leaf's
// value times (one - zero).
function leafPair(
  m: CompiledTreeShap,
  phi: Float64Array,
  depth: number,
  length: number,
  hotZero: number,
  hotOne: number,
  hotValue: number,
  coldZero: number,
  coldValue: number,
  f: number,
): void {
  const { pathWeight } = m;
  const from = depth * m.stride;
  let parentSum = 0;
  for (let j = 0; j < length; j++) parentSum += pathWeight[from + j]!;
  phi[f]! += (hotValue * (hotOne - hotZero) - coldValue * coldZero) * parentSum;
  const at = from + m.stride;
  extend(m, at, length, hotValue * hotZero + coldValue * coldZero, hotValue * hotOne);
  credit(m, phi, at, length + 1, length, 1);
}

// Writes at `at` the weights of the path at `at - stride` (`length` elements) extended by an
// element with fractions (zero, one).
function extend(m: CompiledTreeShap, at: number, length: number, zero: number, one: number): void {
  const { pathWeight, extendUp, extendDown } = m;
  const from = at - m.stride;
  for (let i = 0; i < length; i++) pathWeight[at + i] = pathWeight[from + i]!;
  const l = length;
  const r = l * m.stride;
  pathWeight[at + l] = l === 0 ? 1 : 0;
  if (one !== 0) {
    for (let i = l - 1; i >= 0; i--) {
      const w = pathWeight[at + i]!;
      pathWeight[at + i + 1]! += one * w * extendUp[r + i]!;
      pathWeight[at + i] = zero * w * extendDown[r + i]!;
    }
  } else {
    for (let i = l - 1; i >= 0; i--) pathWeight[at + i] = zero * pathWeight[at + i]! * extendDown[r + i]!;
  }
}

// Removes element i from the weights of the path at `at` (`length` elements), in place.
function unwind(m: CompiledTreeShap, at: number, length: number, i: number): void {
  const { pathWeight: w, unwindUp, unwindDown, extendDown } = m;
  const l = length - 1;
  const r = l * m.stride;
  const one = m.pathOne[i]!;
  const zero = m.pathZero[i]!;
  if (one !== 0) {
    const byOne = 1 / one;
    let n = w[at + l]! * byOne;
    for (let j = l - 1; j >= 0; j--) {
      const t = w[at + j]!;
      const u = n * unwindUp[r + j]!;
      w[at + j] = u;
      n = (t - u * zero * extendDown[r + j]!) * byOne;
    }
  } else {
    const byZero = 1 / zero;
    for (let j = l - 1; j >= 0; j--) w[at + j] = w[at + j]! * unwindDown[r + j]! * byZero;
  }
}

// Credits a leaf of value v to elements 1 to `elements - 1` of its path (weights at `at`, `length`
// elements): v times the difference the element's feature makes (one - zero) times the sum of the
// weights with the element unwound, the share of orderings in which the feature is decisive. The
// elements the row does not follow (one = 0) unwind to one shared sum divided by their zero.
function credit(
  m: CompiledTreeShap,
  phi: Float64Array,
  at: number,
  length: number,
  elements: number,
  v: number,
): void {
  const { pathFeature, pathZero, pathOne, pathWeight, unwindUp, unwindDown, extendDown } = m;
  const l = length - 1;
  const r = l * m.stride;
  let coldSum = Number.NaN;
  const last = pathWeight[at + l]!;
  for (let i = 1; i < elements; i++) {
    const one = pathOne[i]!;
    const zero = pathZero[i]!;
    let s = 0;
    if (one !== 0) {
      const byOne = 1 / one;
      let n = last * byOne;
      for (let j = l - 1; j >= 0; j--) {
        const u = n * unwindUp[r + j]!;
        s += u;
        n = (pathWeight[at + j]! - u * zero * extendDown[r + j]!) * byOne;
      }
    } else {
      if (Number.isNaN(coldSum)) {
        coldSum = 0;
        for (let j = 0; j < l; j++) coldSum += pathWeight[at + j]! * unwindDown[r + j]!;
      }
      s = coldSum / zero;
    }
    phi[pathFeature[i]!]! += s * (one - zero) * v;
  }
}
