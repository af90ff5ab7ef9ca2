import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Clock, iso } from './clock.ts';
import { Random, Weighted } from './random.ts';
import { TimeQueue } from './time-queue.ts';

describe('Random', () => {
  it('repeats its stream for a seed and differs across seeds and keys', () => {
    const draw = (r: Random) => Array.from({ length: 5 }, () => r.uint32());
    assert.deepEqual(draw(new Random(42)), draw(new Random(42)));
    assert.notDeepEqual(draw(new Random(42)), draw(new Random(43)));
    assert.notDeepEqual(draw(new Random(42, 'a')), draw(new Random(42, 'b')));
  });

  it('draws floats in [0, 1) with a mean near one half', () => {
    const r = new Random(1);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = r.float();
      assert.ok(x >= 0 && x < 1);
      sum += x;
    }
    assert.ok(Math.abs(sum / 20_000 - 0.5) < 0.01);
  });

  it('draws Zipf ranks in range, the first rank most often', () => {
    const r = new Random(2);
    const counts = new Array(100).fill(0);
    for (let i = 0; i < 20_000; i++) counts[r.zipf(100, 1.1)]++;
    assert.ok(counts[0] > counts[1] && counts[1] > counts[10] && counts[10] > counts[90]);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      20_000,
    );
  });

  it('picks weighted items in proportion to their weights', () => {
    const r = new Random(3);
    const w = new Weighted([
      ['a', 3],
      ['b', 1],
      ['never', 0],
    ]);
    let a = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = w.draw(r);
      assert.notEqual(x, 'never');
      if (x === 'a') a++;
    }
    assert.ok(Math.abs(a / 10_000 - 0.75) < 0.02);
  });
});

describe('Clock', () => {
  it('spreads times in order over the span, mostly in Korean office hours on weekdays', () => {
    const clock = new Clock('2026-03-02', 14, 5000);
    const r = new Random(4);
    let last = 0;
    let office = 0;
    for (let i = 0; i < 5000; i++) {
      const t = clock.at(i, r.float());
      assert.ok(t >= last);
      last = t;
      const kst = new Date(t + 9 * 3_600_000);
      if (kst.getUTCDay() % 6 !== 0 && kst.getUTCHours() >= 8 && kst.getUTCHours() < 19) office++;
    }
    assert.ok(last < Date.parse('2026-03-16T00:00:00Z'));
    assert.ok(office / 5000 > 0.7, `only ${office} in office hours`);
  });

  it('formats times exactly as Date#toISOString does', () => {
    for (const t of [
      0, 1_767_225_599_000, 1_767_225_600_000, 1_772_000_123_456, 1_772_000_000_007, 1_799_999_999_999,
    ]) {
      assert.equal(iso(t), new Date(t).toISOString());
    }
  });
});

describe('TimeQueue', () => {
  it('releases values in time order, ties in insertion order', () => {
    const q = new TimeQueue<string>();
    q.push(30, 'c');
    q.push(10, 'a1');
    q.push(20, 'b');
    q.push(10, 'a2');
    assert.deepEqual([...q.popUntil(20)], ['a1', 'a2', 'b']);
    assert.deepEqual([...q.drain()], ['c']);
  });
});
