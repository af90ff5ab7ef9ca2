import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommit } from './group-commit.ts';

describe('GroupCommit', () => {
  it('writes what is submitted together in one batch, and what arrives during a write in the next', async () => {
    const batches: number[][] = [];
    const writer = new GroupCommit(async (items: number[]) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => i * 10);
    });
    const first = [1, 2].map((i) => writer.submit(i));
    await new Promise((r) => setTimeout(r, 1));
    const rest = [3, 4, 5].map((i) => writer.submit(i));
    assert.deepEqual(await Promise.all([...first, ...rest]), [10, 20, 30, 40, 50]);
    assert.deepEqual(batches, [
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('fails every caller of a failed batch, and only them', async () => {
    let calls = 0;
    const writer = new GroupCommit(async (items: string[]) => {
      calls++;
      await new Promise((r) => setTimeout(r, 1));
      if (calls === 2) throw new Error('disk full');
      return items;
    });
    const a = writer.submit('a');
    await new Promise((r) => setImmediate(r));
    const b = writer.submit('b');
    const c = writer.submit('c');
    assert.equal(await a, 'a');
    await assert.rejects(b, /disk full/);
    await assert.rejects(c, /disk full/);
    assert.equal(await writer.submit('d'), 'd');
  });

  it('splits a long queue into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const writer = new GroupCommit(
      async (items: number[]) => {
        sizes.push(items.length);
        await Promise.resolve();
        return items;
      },
      { maxBatch: 3 },
    );
    await Promise.all(Array.from({ length: 8 }, (_, i) => writer.submit(i)));
    await writer.flush();
    assert.deepEqual(sizes, [3, 3, 2]);
  });

  it('reports each batch, written or failed, with its size and how long it took, before its callers settle', async () => {
    const seen: [number, number][] = [];
    let fail = false;
    const writer = new GroupCommit(
      async (items: number[]) => {
        await new Promise((r) => setTimeout(r, 20));
        if (fail) throw new Error('disk full');
        return items;
      },
      { observe: (size, seconds) => seen.push([size, seconds]) },
    );
    const three = [1, 2, 3].map((i) => writer.submit(i));
    await three[0];
    assert.equal(seen.length, 1, 'the batch was reported when its first caller had its answer');
    await Promise.all(three);
    fail = true;
    await assert.rejects(
      writer.submit(4).finally(() => assert.equal(seen.length, 2)),
      /disk full/,
    );
    assert.deepEqual(
      seen.map(([size]) => size),
      [3, 1],
    );
    for (const [, seconds] of seen) assert.ok(seconds >= 0.015 && seconds < 5, `${seconds} s`);
  });

  it('answers its callers even when the observer throws, and reports each batch once', async () => {
    let reported = 0;
    const writer = new GroupCommit(async (items: string[]) => items, {
      observe: () => {
        reported++;
        throw new TypeError('a metric rejected the value');
      },
    });
    assert.deepEqual(await Promise.all([writer.submit('a'), writer.submit('b')]), ['a', 'b']);
    assert.equal(reported, 1);
  });
});
