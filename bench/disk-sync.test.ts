import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { probeDiskSync } from './disk-sync.ts';

describe('the disk probe a benchmark runs before its load', () => {
  it('times one flush per write for as long as asked, in order, and leaves nothing behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sieve-disk-sync-'));
    try {
      const t0 = performance.now();
      const r = probeDiskSync(dir, 0.2);
      assert.ok(performance.now() - t0 >= 200, 'it probed for the time asked');
      assert.equal(r.dir, dir);
      assert.ok(r.syncs > 0);
      const { p50_ms: p50, p99_ms: p99, max_ms: max } = r;
      assert.ok(p50 !== null && p99 !== null && max !== null, JSON.stringify(r));
      assert.ok(p50 >= 0 && p50 <= p99 && p99 <= max, JSON.stringify(r));
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails on a directory that is not there, naming it', () => {
    const missing = join(tmpdir(), 'sieve-disk-sync-missing', 'nowhere');
    assert.equal(existsSync(missing), false);
    assert.throws(() => probeDiskSync(missing, 0.1), /sieve-disk-sync-missing/);
  });
});
