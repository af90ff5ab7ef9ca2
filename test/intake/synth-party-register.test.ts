import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { runIntake } from '@sieve/pipeline';
import type { Store } from '@sieve/store';
import { eachStore } from '@sieve/store/testing';
import { DATASET_FILES, writeDataset } from '@sieve/synth/write-dataset';

const dir = mkdtempSync(join(tmpdir(), 'sieve-synth-parties-'));
const file = (kind: 'declaration' | 'party') => join(dir, DATASET_FILES[kind]);
let registered = 0;

before(async () => {
  const manifest = await writeDataset(dir, { seed: 11, count: 150, parties: 'reference' });
  registered = manifest.records.party;
});
after(() => rmSync(dir, { recursive: true, force: true }));

// The parties the stored declarations name, and how many of them the store knows by id alone.
async function declaredParties(store: Store): Promise<{ named: number; bare: number }> {
  const [row] = await store.sql.query<{ named: number; bare: number }>(
    `WITH ids AS (
       SELECT unnest(ARRAY[declarant_id, importer_id, exporter_id, seller_id, consignee_id, carrier_id]) AS id
         FROM declarations)
     SELECT count(*) FILTER (WHERE p.name IS NOT NULL AND p.country IS NOT NULL)::int AS named,
            count(*) FILTER (WHERE p.name IS NULL OR p.country IS NULL)::int AS bare
       FROM (SELECT DISTINCT id FROM ids WHERE id IS NOT NULL) d JOIN parties p USING (id)`,
  );
  return row!;
}

await eachStore('a generated data set with parties by reference', (store) => {
  it('gives every party of the declarations a name and a country once the party register is in', async () => {
    const declarations = await runIntake(store(), file('declaration'), { workers: 0 });
    assert.equal(declarations.inserted, 150);
    const before = await declaredParties(store());
    assert.ok(before.bare > 10, `only ${before.bare} parties known by id alone before the register`);

    const register = await runIntake(store(), file('party'), { kind: 'party', workers: 2, writers: 1 });
    assert.deepEqual([register.read, register.quarantined, register.accepted], [registered, 0, registered]);
    // The register holds every party the declarations name: those were stored already, the rest is new.
    assert.equal(register.duplicates, before.named + before.bare);
    assert.equal(register.inserted, registered - register.duplicates);
    assert.deepEqual(await declaredParties(store()), { named: before.named + before.bare, bare: 0 });
  });

  it('adds nothing when both files come again, register first', async () => {
    const register = await runIntake(store(), file('party'), { kind: 'party', workers: 0 });
    assert.deepEqual([register.inserted, register.duplicates], [0, registered]);
    const declarations = await runIntake(store(), file('declaration'));
    assert.deepEqual([declarations.inserted, declarations.duplicates], [0, 150]);
    const after = await declaredParties(store());
    assert.equal(after.bare, 0);
  });
});
