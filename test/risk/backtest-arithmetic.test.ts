/**
 * Must show (issue 3): the backtest's arithmetic checked against a hand
 * computation on a tiny data set: ten declarations, two rules, four findings.
 *
 *   decl  R1(40) R2(25) points lane    finding revenue
 *   D1      x            40   yellow     yes     100
 *   D2      x      x     65   red        yes      50
 *   D3      x            40   yellow
 *   D4      x            40   yellow
 *   D5             x     25   blue       yes     200
 *   D6             x     25   blue
 *   D7..D8                0   green
 *   D9                    0   green      yes      30
 *   D10                   0   green
 *
 * Base rate 4/10 = 0.4; all revenue 380. The ruleset selects red and yellow:
 * D1-D4, 4 declarations (rate 0.4), 2 hits (D1, D2): precision 2/4 = 0.5,
 * recall 2/4 = 0.5, revenue 150 (150/380), random would expect 4 x 0.4 = 1.6
 * hits: lift 2/1.6 = 1.25.
 * R1 fired on D1-D4: the same figures. R2 fired on D2, D5, D6: 2 hits,
 * precision 2/3, recall 2/4, revenue 250, lift (2/3)/0.4 = 5/3.
 * Top 10% (1 declaration): D2, 1 hit, precision 1, lift 2.5, revenue 50.
 * Top 20% (2): D2, then one of the three tied at 40 (D1, D3, D4, one hit):
 * 1 + 1/3 hits, precision 2/3, recall 1/3, revenue 50 + 100/3, lift 5/3.
 * Top 50% (5): D2, D1, D3, D4, then one of the two tied at 25 (D5, D6, one
 * hit): 2.5 hits, precision 0.5, recall 0.625, revenue 150 + 100, lift 1.25.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newDeclaration } from '@sieve/core';
import { newRule } from '@sieve/core/rules';
import { backtest, backtestRow, newPolicy, newSnapshot, score } from '@sieve/core/scoring';

const rules = [
  newRule({ id: 'R1', title: 'Rule one', points: 40, condition: 'declaration.attributes.r1 == "y"' }),
  newRule({ id: 'R2', title: 'Rule two', points: 25, condition: 'declaration.attributes.r2 == "y"' }),
];
const table: [string, boolean, boolean, number | null][] = [
  ['D1', true, false, 100],
  ['D2', true, true, 50],
  ['D3', true, false, null],
  ['D4', true, false, null],
  ['D5', false, true, 200],
  ['D6', false, true, null],
  ['D7', false, false, null],
  ['D8', false, false, null],
  ['D9', false, false, 30],
  ['D10', false, false, null],
];

const snapshot = newSnapshot({ rules, policy: newPolicy({ thresholds: { red: 60, yellow: 30, blue: 15 } }) });
const rows = table.map(([id, r1, r2, revenue]) => {
  const d = newDeclaration({ id, attributes: { r1: r1 ? 'y' : 'n', r2: r2 ? 'y' : 'n' } });
  return backtestRow(score(d, snapshot), { finding: revenue !== null, revenue: revenue ?? 0 });
});
const report = backtest(rows, { rules, rates: [0.1, 0.2, 0.5] });

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual}, expected ${expected}`);

describe('backtest arithmetic on ten declarations, by hand', () => {
  test('totals', () => {
    assert.equal(report.declarations, 10);
    assert.equal(report.findings, 4);
    assert.equal(report.revenueTotal, 380);
    close(report.baseRate, 0.4, 'base rate');
  });

  test('overall: the ruleset selects red and yellow', () => {
    const o = report.overall;
    assert.equal(o.selected, 4);
    assert.equal(o.hits, 2);
    close(o.precision, 0.5, 'precision');
    close(o.recall, 0.5, 'recall');
    assert.equal(o.revenueFound, 150);
    close(o.revenueShare, 150 / 380, 'revenue share');
    close(o.inspectionRate, 0.4, 'inspection rate');
    close(o.randomHits, 1.6, 'random hits');
    close(o.lift, 1.25, 'lift');
  });

  test('per rule', () => {
    const [r1, r2] = report.rules;
    assert.deepEqual([r1?.ruleId, r1?.selected, r1?.hits, r1?.revenueFound], ['R1', 4, 2, 150]);
    close(r1!.lift, 1.25, 'R1 lift');
    assert.deepEqual([r2?.ruleId, r2?.selected, r2?.hits, r2?.revenueFound], ['R2', 3, 2, 250]);
    close(r2!.precision, 2 / 3, 'R2 precision');
    close(r2!.recall, 0.5, 'R2 recall');
    close(r2!.lift, 5 / 3, 'R2 lift');
    assert.equal(r2?.title, 'Rule two');
  });

  test('at fixed rates, ties at the cut shared out in expectation', () => {
    const [ten, twenty, fifty] = report.atRates;
    assert.deepEqual([ten?.selected, ten?.hits, ten?.revenueFound], [1, 1, 50]);
    close(ten!.lift, 2.5, 'lift at 10%');
    assert.equal(twenty?.selected, 2);
    close(twenty!.hits, 4 / 3, 'hits at 20%');
    close(twenty!.precision, 2 / 3, 'precision at 20%');
    close(twenty!.recall, 1 / 3, 'recall at 20%');
    close(twenty!.revenueFound, 50 + 100 / 3, 'revenue at 20%');
    close(twenty!.lift, 5 / 3, 'lift at 20%');
    close(fifty!.hits, 2.5, 'hits at 50%');
    close(fifty!.recall, 0.625, 'recall at 50%');
    close(fifty!.revenueFound, 250, 'revenue at 50%');
    close(fifty!.lift, 1.25, 'lift at 50%');
  });

  test('the figures do not depend on the order of the declarations', () => {
    const reversed = backtest([...rows].reverse(), { rules, rates: [0.1, 0.2, 0.5] });
    assert.deepEqual(reversed, report);
  });
});
