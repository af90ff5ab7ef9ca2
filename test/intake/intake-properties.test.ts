import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newDeclaration, newInspection, newItem, newParty } from '@sieve/core';
import { runIntake } from '@sieve/pipeline';
import { openStore, type Store } from '@sieve/store';
import fc from 'fast-check';

// A broken record is one of these damages applied to a valid one; bad JSON is a damage too.
// Each damage breaks a declaration and an inspection alike.
const damages: ((o: Record<string, unknown>) => string)[] = [
  (o) => JSON.stringify({ ...o, id: undefined }),
  (o) => JSON.stringify({ ...o, [o.record === 'inspection' ? 'startedAt' : 'lodgedAt']: '2025-02-30' }),
  (o) => JSON.stringify({ ...o, [o.record === 'inspection' ? 'outcome' : 'currency']: 'XYZ' }),
  (o) => JSON.stringify({ ...o, dispatchCountyr: 'CO' }),
  (o) => JSON.stringify({ ...o, items: [{ ...newItem(), netMassKg: -1 }], findings: [{ type: 'seizure' }] }),
  (o) => JSON.stringify({ ...o, record: 'manifesto' }),
  (o) => JSON.stringify(o).slice(0, -3),
  () => '"just a string"',
];

const recordArb = fc.record({
  id: fc.integer({ min: 1, max: 400 }),
  version: fc.integer({ min: 1, max: 2 }),
  inspection: fc.boolean(),
  damage: fc.option(fc.integer({ min: 0, max: damages.length - 1 }), { freq: 3 }),
});

type Rec = { id: number; version: number; inspection: boolean; damage: number | null };

// Characters of two, three and four bytes in UTF-8: rows are cut by their ends in bytes.
const IMPORTER = newParty({ id: 'IMP-PROP', name: 'ООО «Импорт» 한국무역 🚢' });

function line(r: Rec, prefix: string): string {
  const base = r.inspection
    ? {
        record: 'inspection',
        ...newInspection({ id: `${prefix}I${r.id}`, declarationId: `${prefix}D${r.id}` }),
      }
    : {
        record: 'declaration',
        ...newDeclaration({ id: `${prefix}D${r.id}`, version: r.version, importer: IMPORTER }),
      };
  return r.damage === null ? JSON.stringify(base) : damages[r.damage]!(base as Record<string, unknown>);
}

describe('intake properties', () => {
  let store: Store;
  let dir: string;
  before(async () => {
    store = await openStore({ dataDir: 'memory' });
    dir = mkdtempSync(join(tmpdir(), 'sieve-prop-'));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepted + quarantined = read, and ingesting twice stores what ingesting once does', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { minLength: 1, maxLength: 60 }), async (records) => {
        const prefix = `p${n++}-`;
        const file = join(dir, `${prefix}.ndjson`);
        writeFileSync(file, `${records.map((r) => line(r, prefix)).join('\n')}\n`);
        const valid = records.filter((r) => r.damage === null);
        const distinct = new Set(valid.map((r) => (r.inspection ? `I${r.id}` : `D${r.id}v${r.version}`)));

        // Once in this thread, then again through worker threads: both paths must agree.
        const once = await runIntake(store, file, { batchSize: 7, workers: 0 });
        assert.equal(once.read, records.length);
        assert.equal(once.accepted + once.quarantined, once.read);
        assert.equal(once.quarantined, records.length - valid.length);
        assert.equal(once.inserted, distinct.size);
        const stored = await countStored(store, prefix);

        const twice = await runIntake(store, file, { batchSize: 11, workers: 2 });
        assert.equal(twice.accepted + twice.quarantined, twice.read);
        assert.equal(twice.inserted, 0);
        assert.equal(twice.duplicates, twice.accepted);
        assert.deepEqual(await countStored(store, prefix), stored);
      }),
      { numRuns: 25, seed: 20261122 },
    );
  });
});

async function countStored(store: Store, prefix: string): Promise<{ d: number; i: number }> {
  const [row] = await store.sql.query<{ d: number; i: number; named: number }>(
    `SELECT (SELECT count(*)::int FROM declarations WHERE id LIKE $1) AS d,
            (SELECT count(*)::int FROM declarations WHERE id LIKE $1 AND doc->'importer'->>'name' = $2) AS named,
            (SELECT count(*)::int FROM inspection_results WHERE id LIKE $1) AS i`,
    [`${prefix}%`, IMPORTER.name],
  );
  const { d, i, named } = row!;
  assert.equal(named, d, 'every declaration stored with its importer as sent');
  return { d, i };
}
