import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearestRank } from './nearest-rank.ts';

describe('the percentiles the benchmarks print', () => {
  it('takes percentiles by nearest rank: the 99th of 100 flushes is the 99th slowest, not the slowest', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(nearestRank(hundred, 0.99), 99);
    assert.equal(nearestRank(hundred, 0.5), 50);
    assert.equal(nearestRank(hundred, 1), 100);
    assert.equal(nearestRank([7], 0.99), 7);
    assert.equal(nearestRank([], 0.99), null);
  });
});
