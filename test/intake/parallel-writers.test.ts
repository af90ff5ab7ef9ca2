import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { newDeclaration } from '@sieve/core';
import { runIntake } from '@sieve/pipeline';
import { eachStore } from '@sieve/store/testing';

const dir = mkdtempSync(join(tmpdir(), 'sieve-writers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// 612 lines: 200 declarations, each three times, far apart, among shared parties; a broken line after every 50th.
function writeFile(prefix: string): string {
  const lines = Array.from({ length: 600 }, (_, i) => {
    const d = newDeclaration({ id: `${prefix}${i % 200}` });
    const line = JSON.stringify({
      ...d,
      importer: { id: `${prefix}IMP${i % 7}`, name: `Importer ${i % 7}` },
    });
    return i % 50 === 49 ? `${line}\n{"id": "broken"` : line;
  });
  const file = join(dir, `${prefix}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

await eachStore('intake with batches written at once', (store) => {
  it('stores each declaration once and counts every line, when batches sharing keys are written together', async () => {
    const file = writeFile('W');
    const run = await runIntake(store(), file, { workers: 2, writers: 3, batchSize: 13 });
    assert.deepEqual(
      { read: run.read, quarantined: run.quarantined, inserted: run.inserted, duplicates: run.duplicates },
      { read: 612, quarantined: 12, inserted: 200, duplicates: 400 },
    );
    const [row] = await store().sql.query<{ d: number; i: number; p: number; named: number }>(
      `SELECT (SELECT count(*)::int FROM declarations WHERE id LIKE 'W%') AS d,
              (SELECT count(*)::int FROM declaration_items WHERE declaration_id LIKE 'W%') AS i,
              (SELECT count(*)::int FROM parties WHERE id LIKE 'WIMP%') AS p,
              (SELECT count(*)::int FROM parties WHERE id LIKE 'WIMP%' AND name LIKE 'Importer %') AS named`,
    );
    assert.deepEqual(row, { d: 200, i: 200, p: 7, named: 7 });

    const again = await runIntake(store(), file, { workers: 2, writers: 3, batchSize: 13 });
    assert.equal(again.inserted, 0);
    assert.equal(again.duplicates, 600);
  });
});

await eachStore('intake with worker threads and one writer', (store) => {
  it('stores a party as the serial path does when its description changes between chunks of different workers', async () => {
    // P-1 is "Alpha", then "Beta", then "Alpha" again, one declaration per chunk, chunks handed to two workers in turn.
    const names = ['Alpha Trading', 'Beta Trading', 'Alpha Trading'];
    const file = join(dir, 'parties.ndjson');
    writeFileSync(
      file,
      `${names.map((name, i) => JSON.stringify({ ...newDeclaration({ id: `PM-${i}` }), importer: { id: 'PM-P1', name } })).join('\n')}\n`,
    );
    const name = async () =>
      (await store().sql.query<{ name: string }>(`SELECT name FROM parties WHERE id = 'PM-P1'`))[0]?.name;
    await runIntake(store(), file, { workers: 0, batchSize: 1 });
    const serial = await name();
    assert.equal(serial, 'Alpha Trading', 'the serial path: the last description sent');
    await store().sql.query(
      `UPDATE parties SET name = 'changed since', doc = '{"id":"PM-P1"}' WHERE id = 'PM-P1'`,
    );
    await runIntake(store(), file, { workers: 2, writers: 1, batchSize: 1 });
    assert.equal(await name(), serial);
  });
});
