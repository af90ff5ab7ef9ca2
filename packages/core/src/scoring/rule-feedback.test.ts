import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newRule } from '../rules/new-rule.ts';
import { newPolicy } from './new-snapshot.ts';
import {
  applyWeights,
  decay,
  emptyStats,
  posterior,
  proposeWeights,
  type RuleStats,
  recordOutcome,
} from './rule-feedback.ts';

const config = newPolicy().feedback;

function outcomes(ruleId: string, list: { at: string; resultant: boolean; random?: boolean }[]): RuleStats {
  return list.reduce((s, o) => recordOutcome(s, { random: false, ...o }, config), emptyStats(ruleId));
}

describe('time-decayed rule statistics', () => {
  test('10% decay per 90 days', () => {
    assert.equal(decay(0, config), 1);
    assert.ok(Math.abs(decay(90, config) - 0.9) < 1e-12);
    assert.ok(Math.abs(decay(180, config) - 0.81) < 1e-12);
  });

  test('alpha = 1 + sum of decayed resultant, beta = 1 + sum of decayed non-resultant inspections', () => {
    const s = outcomes('R', [
      { at: '2026-01-01', resultant: true },
      { at: '2026-04-01', resultant: false }, // 90 days later
    ]);
    const p = posterior(s, config);
    assert.ok(Math.abs(p.alpha - (1 + 0.9)) < 1e-9);
    assert.ok(Math.abs(p.beta - (1 + 1)) < 1e-9);
    assert.equal(s.inspected, 2);
    assert.equal(s.resultant, 1);
  });

  test('order does not matter: late feedback enters already aged', () => {
    const a = outcomes('R', [
      { at: '2026-01-01', resultant: true },
      { at: '2026-04-01', resultant: false },
    ]);
    const b = outcomes('R', [
      { at: '2026-04-01', resultant: false },
      { at: '2026-01-01', resultant: true },
    ]);
    assert.ok(Math.abs(posterior(a, config).alpha - posterior(b, config).alpha) < 1e-9);
    assert.ok(Math.abs(posterior(a, config).beta - posterior(b, config).beta) < 1e-9);
  });

  test('counts inspections of random draws apart', () => {
    const s = outcomes('R', [
      { at: '2026-01-01', resultant: true, random: true },
      { at: '2026-01-02', resultant: false, random: true },
      { at: '2026-01-03', resultant: true },
    ]);
    assert.deepEqual([s.randomInspected, s.randomResultant], [2, 1]);
  });
});

describe('proposed weights', () => {
  const rules = [
    newRule({ id: 'GOOD', title: 'Finds things', points: 20 }),
    newRule({ id: 'BAD', title: 'Finds nothing', points: 20 }),
    newRule({ id: 'NEW', title: 'Never inspected', points: 20 }),
    newRule({ id: 'AEO', title: 'Trusted trader', points: -30 }),
  ];
  const many = (n: number, resultant: (i: number) => boolean) =>
    Array.from({ length: n }, (_, i) => ({
      at: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}`,
      resultant: resultant(i),
    }));
  const stats = new Map([
    [
      'GOOD',
      outcomes(
        'GOOD',
        many(40, (i) => i % 4 !== 0),
      ),
    ], // 75% hit rate
    [
      'BAD',
      outcomes(
        'BAD',
        many(40, () => false),
      ),
    ],
  ]);
  const random = outcomes(
    '*random*',
    many(200, (i) => i % 10 === 0),
  ); // 10% at random

  test('raise rules that find more than random selection and lower those that find less', () => {
    const proposals = proposeWeights(rules, stats, { random }, config);
    const byId = new Map(proposals.map((p) => [p.ruleId, p]));
    assert.ok(byId.get('GOOD')!.proposed > 20);
    assert.ok(byId.get('BAD')!.proposed < 20);
    assert.equal(byId.get('GOOD')!.proposed, 30, 'at most +50% in one step');
    assert.equal(byId.get('BAD')!.proposed, 10);
    assert.match(byId.get('GOOD')!.reason, /against 10\.\d% at random/);
    assert.equal(byId.get('NEW')!.changed, false);
    assert.equal(byId.get('AEO')!.changed, false);
  });

  test('say when the yardstick is biased because nothing was drawn at random', () => {
    const all = outcomes(
      '*all*',
      many(100, (i) => i % 2 === 0),
    );
    const [good] = proposeWeights(rules, stats, { all }, config);
    assert.match(good!.reason, /no random ones yet: biased upwards/);
  });

  test('need enough decayed inspections', () => {
    const few = new Map([
      [
        'GOOD',
        outcomes(
          'GOOD',
          many(3, () => true),
        ),
      ],
    ]);
    const [good] = proposeWeights(rules, few, { random }, config);
    assert.equal(good!.changed, false);
    assert.match(good!.reason, /3 decayed inspections, 10 needed/);
  });

  test('applying proposals changes only the points', () => {
    const next = applyWeights(rules, proposeWeights(rules, stats, { random }, config));
    assert.deepEqual(
      next.map((r) => r.points),
      [30, 10, 20, -30],
    );
    assert.equal(next[0]?.condition, rules[0]?.condition);
  });
});
