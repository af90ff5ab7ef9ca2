/**
 * Must show (issue 3): over 100,000 declarations with a 2% minimum random
 * rate, the random share is 2% ± 0.2%, independent of score, and identical
 * with the same seed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Declaration, newDeclaration, newItem } from '@sieve/core';
import { newRule } from '@sieve/core/rules';
import { type Assessment, newPolicy, newSnapshot, score } from '@sieve/core/scoring';

const N = 100_000;
const RATE = 0.02;

// Declarations whose scores spread over every lane: the value drives the points.
const declarations: Declaration[] = Array.from({ length: N }, (_, i) =>
  newDeclaration({
    id: `KR-2026-${String(i).padStart(7, '0')}`,
    customsValue: (i * 7919) % 10_000,
    items: [newItem({ value: 1 + ((i * 104_729) % 50_000), netMassKg: 1000 })],
  }),
);
const rules = [
  newRule({ id: 'V1', points: 20, condition: 'declaration.customsValue >= 2500' }),
  newRule({ id: 'V2', points: 20, condition: 'declaration.customsValue >= 5000' }),
  newRule({ id: 'V3', points: 30, condition: 'declaration.customsValue >= 7500' }),
  newRule({ id: 'KG', points: 15, condition: 'any item in declaration.items: item.valuePerKg < 10' }),
];

function run(seed: string): Assessment[] {
  const snapshot = newSnapshot({
    rules,
    policy: newPolicy({ seed, minRandomRate: RATE, randomLane: 'red' }),
  });
  return declarations.map((d) => score(d, snapshot));
}

const seedA = '6a09e667f3bcc908b2fb1366ea957d3e';
const first = run(seedA);

describe('random selection over 100,000 declarations at a 2% minimum rate', () => {
  test('the random share is 2% ± 0.2%', () => {
    const drawn = first.filter((a) => a.random.drawn).length;
    const share = drawn / N;
    console.log(`random share ${(100 * share).toFixed(3)}% (${drawn} of ${N})`);
    assert.ok(Math.abs(share - RATE) <= 0.002, `share ${share}`);
    assert.ok(
      first.filter((a) => a.random.drawn).every((a) => a.selectedBy === 'random' && a.lane === 'red'),
    );
  });

  test('the random share is independent of the score', () => {
    // Share drawn in each band of points: the same ~2% in every one (chi-square, 1 in 1,000 level).
    const bands = new Map<number, { n: number; drawn: number }>();
    for (const a of first) {
      const b = bands.get(a.points) ?? { n: 0, drawn: 0 };
      b.n++;
      if (a.random.drawn) b.drawn++;
      bands.set(a.points, b);
    }
    assert.ok(bands.size >= 6, 'scores must spread for the test to mean something');
    const total = first.filter((a) => a.random.drawn).length / N;
    let chi2 = 0;
    for (const [points, b] of [...bands].sort(([x], [y]) => x - y)) {
      const expected = b.n * total;
      chi2 += (b.drawn - expected) ** 2 / expected + (b.drawn - expected) ** 2 / (b.n - expected);
      console.log(
        `  ${String(points).padStart(3)} points: ${b.n} declarations, ${((100 * b.drawn) / b.n).toFixed(2)}% drawn`,
      );
    }
    const df = bands.size - 1;
    const critical = chiSquareCritical999(df);
    console.log(
      `chi-square ${chi2.toFixed(2)} on ${df} degrees of freedom (critical at 0.1%: ${critical.toFixed(2)})`,
    );
    assert.ok(chi2 < critical, `chi-square ${chi2} >= ${critical}`);
    // And the draws themselves do not correlate with the points.
    const r = correlation(
      first.map((a) => a.points),
      first.map((a) => a.random.draw),
    );
    assert.ok(Math.abs(r) < 0.015, `correlation ${r}`);
  });

  test('the same seed draws the same declarations; another seed draws others', () => {
    const again = run(seedA);
    const ids = (xs: Assessment[]) => xs.filter((a) => a.random.drawn).map((a) => a.declarationId);
    assert.deepEqual(ids(again), ids(first));
    // Another seed: only the draws matter, and they never look at the rules.
    const draw = newSnapshot({
      rules: [],
      policy: newPolicy({ seed: 'bb67ae8584caa73b3c6ef372fe94f82b' }),
    }).draw;
    const other = new Set(declarations.filter((d) => draw(d.id, d.version) < RATE).map((d) => d.id));
    const overlap = ids(first).filter((id) => other.has(id)).length;
    assert.ok(overlap < 0.1 * other.size, `overlap ${overlap} of ${other.size}`);
    assert.ok(Math.abs(other.size / N - RATE) <= 0.002);
  });
});

function correlation(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Upper 0.1% point of chi-square (Wilson-Hilferty approximation; within 1% for df >= 3). */
function chiSquareCritical999(df: number): number {
  const z = 3.0902;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}
