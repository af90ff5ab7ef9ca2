import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { areaUnderRoc, atInspectionRates } from './metrics.ts';

describe('areaUnderRoc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    assert.equal(areaUnderRoc([0.9, 0.8, 0.1, 0.2], [1, 1, 0, 0]), 1);
    assert.equal(areaUnderRoc([0.1, 0.2, 0.9, 0.8], [1, 1, 0, 0]), 0);
  });
  it('counts ties as half', () => {
    assert.equal(areaUnderRoc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]), 0.5);
    assert.equal(areaUnderRoc([0.9, 0.5, 0.5], [1, 1, 0]), 0.75);
  });
  it('is NaN with one class only', () => {
    assert.ok(Number.isNaN(areaUnderRoc([0.1, 0.2], [1, 1])));
  });
});

describe('atInspectionRates', () => {
  it('measures precision, recall and revenue of the top share', () => {
    const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const labels = [1, 0, 1, 0, 0, 0, 0, 0, 0, 1];
    const revenue = [100, 0, 50, 0, 0, 0, 0, 0, 0, 50];
    const [r10, r50] = atInspectionRates(scores, labels, revenue, [0.1, 0.5]);
    assert.deepEqual(
      { k: r10!.inspected, p: r10!.precision, r: r10!.recall, rev: r10!.revenueShare },
      { k: 1, p: 1, r: 1 / 3, rev: 0.5 },
    );
    assert.deepEqual(
      { k: r50!.inspected, p: r50!.precision, found: r50!.findings },
      { k: 5, p: 0.4, found: 2 },
    );
  });
  it('inspects at least one declaration and keeps input order among equal scores', () => {
    const [r] = atInspectionRates([1, 1, 1], [0, 1, 1], [0, 0, 0], [0.01]);
    assert.equal(r!.inspected, 1);
    assert.equal(r!.findings, 0);
  });
});
