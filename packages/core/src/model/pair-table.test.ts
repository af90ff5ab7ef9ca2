import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PairTable } from './pair-table.ts';

describe('PairTable', () => {
  it('finds every pair it was given through growth, and no other', () => {
    const t = new PairTable(4);
    const expected = new Map<string, number>();
    for (let a = 0; a < 300; a++) {
      for (let b = 0; b < 300; b += 7 + (a % 5)) {
        const value = expected.size;
        t.set(a, b, value);
        expected.set(`${a},${b}`, value);
      }
    }
    for (const [k, v] of expected) {
      const [a, b] = k.split(',').map(Number);
      assert.equal(t.get(a!, b!), v);
    }
    assert.equal(t.get(1, 1), -1);
    assert.equal(t.get(300, 0), -1);
    const copy = t.clone();
    copy.set(1, 1, 5);
    assert.equal(t.get(1, 1), -1);
    assert.equal(copy.get(1, 1), 5);
  });
});
