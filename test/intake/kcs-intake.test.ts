import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { runIntake } from '@sieve/pipeline';
import { eachStore } from '@sieve/store/testing';
import { breakCsv } from '../support/break-csv.ts';
import { sharedFile } from '../support/shared-data.ts';

const train = sharedFile('kcs/train.csv');
const dir = mkdtempSync(join(tmpdir(), 'sieve-kcs-'));
let brokenFile = '';
let broken: ReturnType<typeof breakCsv>['broken'];

before(() => {
  if (train.missing) return;
  const b = breakCsv(readFileSync(train.path, 'utf8'), 100);
  brokenFile = join(dir, 'train-broken.csv');
  writeFileSync(brokenFile, b.text);
  broken = b.broken;
});
after(() => rmSync(dir, { recursive: true, force: true }));

await eachStore('KCS intake', (store) => {
  it('accepts all 37,385 KCS training declarations, then adds nothing the second time', {
    skip: train.missing,
  }, async () => {
    const first = await runIntake(store(), train.path, { map: 'kcs', actor: 'test' });
    assert.deepEqual(
      {
        read: first.read,
        accepted: first.accepted,
        inserted: first.inserted,
        quarantined: first.quarantined,
      },
      { read: 37385, accepted: 37385, inserted: 37385, quarantined: 0 },
    );
    const again = await runIntake(store(), train.path, { map: 'kcs', actor: 'test' });
    assert.deepEqual(
      { read: again.read, accepted: again.accepted, inserted: again.inserted, duplicates: again.duplicates },
      { read: 37385, accepted: 37385, inserted: 0, duplicates: 37385 },
    );
    const [n] = await store().sql.query<{ d: number; i: number }>(
      'SELECT (SELECT count(*)::int FROM declarations) AS d, (SELECT count(*)::int FROM inspection_results) AS i',
    );
    assert.deepEqual(n, { d: 37385, i: 37385 });
  });

  it('quarantines exactly the 100 broken rows of a damaged copy, each with a reason naming the field', {
    skip: train.missing,
  }, async () => {
    const run = await runIntake(store(), brokenFile, { map: 'kcs', actor: 'test' });
    assert.equal(run.read, 37385);
    assert.equal(run.quarantined, 100);
    assert.equal(run.accepted, 37285);
    const held = await store().quarantine.list({ runId: run.id, limit: 1000 });
    assert.deepEqual(
      held.map((h) => h.recordNo),
      [...broken.keys()].sort((a, b) => a - b),
    );
    for (const h of held) {
      const b = broken.get(h.recordNo)!;
      const fields = h.reasons.map((r) => r.field).join(' | ');
      assert.ok(
        fields.includes(b.field),
        `row ${h.recordNo} (${b.name}): reasons name ${fields}, expected ${b.field}`,
      );
      assert.ok(h.raw.length > 0);
    }
  });
});
