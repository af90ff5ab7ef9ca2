import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newRule } from '../rules/new-rule.ts';
import { newDeclaration } from '../testing/factories.ts';
import { calibrateThresholds } from './calibrate-thresholds.ts';
import { applyDailyCapacity } from './daily-capacity.ts';
import { explainAssessment } from './explain-assessment.ts';
import { newPolicy, newSnapshot } from './new-snapshot.ts';
import { score } from './score.ts';

const rules = [
  newRule({ id: 'R', points: 0, condition: 'declaration.customsValue >= 0' }),
  newRule({ id: 'BIG', points: 100, condition: 'declaration.customsValue >= 1000' }),
  newRule({ id: 'HUGE', points: 50, condition: 'declaration.customsValue >= 5000' }),
];

function day(values: number[], office = 'KRPUS01', lodgedAt = '2026-03-01T09:00:00Z') {
  return values.map((v, i) => newDeclaration({ id: `D${i}`, office, lodgedAt, customsValue: v }));
}

describe('daily capacity', () => {
  const policy = newPolicy({ dailyCapacity: { red: 2 } });

  test('keeps the most risky in a full lane and moves the others one lane down', () => {
    const snapshot = newSnapshot({ rules, policy });
    const scored = day([1000, 6000, 1000, 7000, 10]).map((d) => score(d, snapshot));
    const decided = applyDailyCapacity(scored, snapshot.select);
    assert.deepEqual(
      decided.map((a) => a.lane),
      ['yellow', 'red', 'yellow', 'red', 'green'],
    );
    assert.deepEqual(decided[0]?.capacity, { from: 'red', day: '2026-03-01', capacity: 2, rank: 3 });
    assert.match(
      explainAssessment(decided[0]!).at(-1)!,
      /^Moved from red to yellow: the red lane holds 2 a day/,
    );
    assert.equal(decided[4], scored[4], 'untouched assessments are the same objects');
  });

  test('counts per office and per day', () => {
    const snapshot = newSnapshot({ rules, policy });
    const ds = [
      ...day([1000, 1000]),
      ...day([1000, 1000], 'KRINC01'),
      ...day([1000, 1000], 'KRPUS01', '2026-03-02T09:00:00Z'),
    ].map((d, i) => ({ ...d, id: `D${i}` }));
    const decided = applyDailyCapacity(
      ds.map((d) => score(d, snapshot)),
      snapshot.select,
    );
    assert.ok(decided.every((a) => a.lane === 'red'));
  });

  test('random draws keep their lane and use the capacity first', () => {
    const snapshot = newSnapshot({
      rules,
      policy: newPolicy({ dailyCapacity: { red: 2 }, minRandomRate: 1 }),
    });
    const decided = applyDailyCapacity(
      day([10, 10, 7000, 6000]).map((d) => score(d, snapshot)),
      snapshot.select,
    );
    assert.deepEqual(
      decided.map((a) => a.lane),
      ['red', 'red', 'red', 'red'],
      'every declaration was drawn at random: none is moved',
    );
    const someRandom = newSnapshot({
      rules,
      policy: newPolicy({ dailyCapacity: { red: 2 }, minRandomRate: 0.5 }),
    });
    const scored = day([10, 10, 10, 10, 10, 10, 7000, 6000, 9000]).map((d) => score(d, someRandom));
    const drawn = scored.filter((a) => a.random.drawn).length;
    const kept = applyDailyCapacity(scored, someRandom.select).filter((a) => a.lane === 'red');
    assert.equal(kept.filter((a) => a.random.drawn).length, drawn);
    assert.equal(kept.length, Math.max(2, drawn));
  });
});

describe('calibrating thresholds to target rates', () => {
  test('gives thresholds that send at most the target share to each lane', () => {
    const points = Array.from({ length: 100 }, (_, i) => i); // 0..99
    const t = calibrateThresholds(points, { red: 0.05, yellow: 0.1 }, { red: 60, yellow: 30 });
    assert.deepEqual(t, { red: 95, yellow: 85 });
  });

  test('ties make a lane smaller than its target, never larger', () => {
    const points = [50, 50, 50, 50, 10, 10, 0, 0, 0, 0];
    const t = calibrateThresholds(points, { red: 0.2 }, { red: 60, yellow: 30 });
    assert.equal(t.red, 51);
    assert.equal(points.filter((p) => p >= t.red).length, 0);
  });
});
