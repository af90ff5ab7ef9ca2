import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eachStore } from '@sieve/store/testing';
import { readyWal, walPosition, walUsed } from './pg-wal.ts';

const MB16 = 16 * 2 ** 20;

describe('what the WAL did between two positions', () => {
  it('counts the segments entered, and as made those beyond the ones ready', () => {
    const at = (bytes: number, ahead: number) => ({ bytes, segmentBytes: MB16, ahead });
    // From the middle of segment 2 to the start of segment 5: three entered, one of them ready.
    assert.deepEqual(walUsed(at(2.5 * MB16, 1), at(5 * MB16 + 100, 0)), {
      kb: (2.5 * MB16 + 100) / 1024,
      segmentsCrossed: 3,
      segmentsMade: 2,
    });
    // Within one segment: nothing entered, nothing made, whatever is ready.
    assert.deepEqual(walUsed(at(MB16 + 10, 0), at(MB16 + 2048 + 10, 0)), {
      kb: 2,
      segmentsCrossed: 0,
      segmentsMade: 0,
    });
    // Enough ready: none made.
    assert.equal(walUsed(at(0, 7), at(6 * MB16, 3)).segmentsMade, 0);
    // Not known how many were ready: not known how many were made.
    assert.equal(walUsed({ bytes: 0, segmentBytes: MB16, ahead: null }, at(3 * MB16, 0)).segmentsMade, null);
  });
});

await eachStore('the WAL readied before a load', (store) => {
  it('leaves enough segments ready for the WAL asked, so that writing it makes none', async () => {
    const sql = store().sql;
    const { position: ready, wanted } = await readyWal(sql, 2 * MB16);
    assert.equal(wanted, 3);
    assert.ok(ready.ahead !== null && ready.ahead >= 3, `segments ready: ${ready.ahead}`);
    // Write through two segments, as a load would.
    for (let i = 0; i < 2; i++) {
      await sql.query("SELECT pg_logical_emit_message(false, 'sieve-test', 'wal')");
      await sql.query('SELECT pg_switch_wal()');
    }
    const after = await walPosition(sql);
    const used = walUsed(ready, after);
    assert.equal(used.segmentsCrossed, 2);
    assert.equal(used.segmentsMade, 0);
    assert.ok(used.kb > 0);
    // The two were taken from those ready, and none was made instead.
    assert.equal(after.ahead, ready.ahead - 2);
  });
});
