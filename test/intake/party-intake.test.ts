import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { newDeclaration, type Party } from '@sieve/core';
import { runIntake } from '@sieve/pipeline';
import type { IntakeRun, Store } from '@sieve/store';
import { eachStore } from '@sieve/store/testing';
import fc from 'fast-check';

const dir = mkdtempSync(join(tmpdir(), 'sieve-parties-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const ndjson = (values: readonly unknown[]) => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;

async function partiesLike(store: Store, prefix: string) {
  return store.sql.query<{ id: string; name: string | null; country: string | null; doc: Party }>(
    'SELECT id, name, country, doc FROM parties WHERE id LIKE $1 ORDER BY id',
    [`${prefix}%`],
  );
}

const counts = ({ read, inserted, duplicates, quarantined }: IntakeRun) => ({
  read,
  inserted,
  duplicates,
  quarantined,
});

async function reasons(store: Store, runId: number) {
  return (await store.quarantine.list({ runId })).map((q) => ({ recordNo: q.recordNo, reasons: q.reasons }));
}

// A party given in a register record or as the importer of a declaration, perhaps broken.
const entryArb = fc.record({
  party: fc.integer({ min: 0, max: 4 }),
  as: fc.constantFrom('party', 'declaration'),
  name: fc.option(fc.constantFrom('Alpha Trading', 'Beta Logistics', 'Gamma Co.'), { nil: undefined }),
  country: fc.option(fc.constantFrom('KR', 'CN', 'US'), { nil: undefined }),
  city: fc.option(fc.constantFrom('Busan', 'Incheon'), { nil: undefined }),
  damage: fc.option(fc.constantFrom('country', 'misspelt'), { freq: 4, nil: undefined }),
});
type Entry = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

function describe(e: Entry, prefix: string): Party & Record<string, unknown> {
  const p: Party & Record<string, unknown> = { id: `${prefix}P${e.party}` };
  if (e.name) p.name = e.name;
  if (e.city) p.address = { city: e.city };
  if (e.country) p.country = e.country;
  if (e.damage === 'country') p.country = 'XX';
  if (e.damage === 'misspelt') p.nmae = 'Typo Ltd';
  return p;
}

function line(e: Entry, i: number, prefix: string): unknown {
  const p = describe(e, prefix);
  return e.as === 'party'
    ? { record: 'party', ...p }
    : { record: 'declaration', ...newDeclaration({ id: `${prefix}D${i}`, importer: p }) };
}

// The field a quarantine reason must name for a damaged entry.
function brokenField(e: Entry): string {
  const field = e.damage === 'country' ? 'country' : 'nmae';
  return e.as === 'party' ? field : `importer.${field}`;
}

await eachStore('party register intake', (store) => {
  it('takes in party records, quarantines the broken ones naming the field, and adds nothing the second time', async () => {
    const file = write(
      'register.ndjson',
      ndjson([
        {
          id: 'R-1',
          name: 'Hanbit Trading Co., Ltd.',
          country: 'KR',
          identifiers: [{ scheme: 'KR-BRN', value: '1' }],
        },
        {
          id: 'R-2',
          name: 'Cafe Andino S.A.S.',
          country: 'CO',
          address: { city: 'Cartagena', country: 'CO' },
        },
        { id: 'R-3', country: 'XX' },
        { id: 'R-4', nmae: 'Typo Ltd' },
        { name: 'No Id Ltd' },
      ]),
    );
    const once = await runIntake(store(), file, { kind: 'party', workers: 0 });
    assert.deepEqual(counts(once), { read: 5, inserted: 2, duplicates: 0, quarantined: 3 });
    const q = await reasons(store(), once.id);
    assert.deepEqual(
      q.map((r) => [r.recordNo, r.reasons.map((x) => [x.field, x.value])]),
      [
        [3, [['country', 'XX']]],
        [4, [['nmae', 'Typo Ltd']]],
        [5, [['id', undefined]]],
      ],
    );
    assert.match(q[0]!.reasons[0]!.expected, /ISO 3166/);
    assert.match(q[2]!.reasons[0]!.expected, /required/);
    const stored = await partiesLike(store(), 'R-');
    assert.deepEqual(
      stored.map((p) => [p.id, p.name, p.country, p.doc.identifiers?.length ?? 0]),
      [
        ['R-1', 'Hanbit Trading Co., Ltd.', 'KR', 1],
        ['R-2', 'Cafe Andino S.A.S.', 'CO', 0],
      ],
    );

    // Again through worker threads: the same counts as stored, nothing changed.
    const twice = await runIntake(store(), file, { kind: 'party', workers: 2, writers: 1 });
    assert.deepEqual(counts(twice), { read: 5, inserted: 0, duplicates: 2, quarantined: 3 });
    assert.deepEqual(await partiesLike(store(), 'R-'), stored);
  });

  it('describes a party a declaration gave by id alone, counting it as already stored', async () => {
    const decl = write(
      'by-id.ndjson',
      ndjson([newDeclaration({ id: 'BYID-D1', importer: { id: 'BYID-IMP' }, carrier: { id: 'BYID-CAR' } })]),
    );
    await runIntake(store(), decl, { workers: 0 });
    assert.deepEqual(
      (await partiesLike(store(), 'BYID-')).map((p) => [p.id, p.name]),
      [
        ['BYID-CAR', null],
        ['BYID-IMP', null],
      ],
    );
    // A JSON array this time; the carrier is described, a new party comes too.
    const register = write(
      'by-id.json',
      JSON.stringify([
        { id: 'BYID-CAR', name: 'Pan Ocean Co.', country: 'KR' },
        { id: 'BYID-NEW', name: 'Newcomer Ltd', country: 'JP' },
      ]),
    );
    const run = await runIntake(store(), register, { kind: 'party' });
    assert.deepEqual([run.format, run.inserted, run.duplicates], ['json', 1, 1]);
    // The declaration again, naming the carrier by id alone: the name stays.
    await runIntake(store(), decl, { workers: 0 });
    assert.deepEqual(
      (await partiesLike(store(), 'BYID-')).map((p) => [p.id, p.name, p.country]),
      [
        ['BYID-CAR', 'Pan Ocean Co.', 'KR'],
        ['BYID-IMP', null, null],
        ['BYID-NEW', 'Newcomer Ltd', 'JP'],
      ],
    );
  });

  it('counts a party record as already stored when a record before it in the same batch named the party', async () => {
    const file = write(
      'mixed.ndjson',
      ndjson([
        { record: 'declaration', ...newDeclaration({ id: 'MIX-D1', importer: { id: 'MIX-P' } }) },
        { record: 'party', id: 'MIX-P', name: 'Mixed Ltd' },
        { record: 'party', id: 'MIX-Q', name: 'Quay Co.' },
        { record: 'party', id: 'MIX-Q', country: 'KR' },
        { record: 'declaration', ...newDeclaration({ id: 'MIX-D2', importer: { id: 'MIX-Q' } }) },
      ]),
    );
    const run = await runIntake(store(), file, { workers: 0 });
    assert.deepEqual([run.read, run.inserted, run.duplicates], [5, 3, 2]);
    assert.deepEqual(
      (await partiesLike(store(), 'MIX-')).map((p) => [p.id, p.name, p.country]),
      [
        ['MIX-P', 'Mixed Ltd', null],
        ['MIX-Q', 'Quay Co.', 'KR'],
      ],
    );
  });

  it('reads a party register from CSV with a column map of kind party', async () => {
    const file = write(
      'register.csv',
      'code,name,country\nCSV-1,Seoul Foods,KR\nCSV-2,,CN\nCSV-3,Bad Country,XX\n',
    );
    const map = {
      name: 'register',
      delimiter: ',',
      records: [
        {
          kind: 'party' as const,
          fields: {
            id: { column: 'code', type: 'string' as const },
            name: { column: 'name', type: 'string' as const },
            country: { column: 'country', type: 'string' as const },
          },
        },
      ],
    };
    const run = await runIntake(store(), file, { map });
    assert.deepEqual([run.inserted, run.quarantined], [2, 1]);
    assert.equal((await reasons(store(), run.id))[0]?.reasons[0]?.field, 'country');
    assert.deepEqual(
      (await partiesLike(store(), 'CSV-')).map((p) => [p.id, p.name, p.country]),
      [
        ['CSV-1', 'Seoul Foods', 'KR'],
        ['CSV-2', null, 'CN'],
      ],
    );
  });

  it('stores parties field by field, counts each record once, and adds nothing the second time, whatever the batches', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(entryArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        async (entries, batchSize, workersFirst) => {
          const prefix = `PP${n++}-`;
          const file = write(`${prefix}.ndjson`, ndjson(entries.map((e, i) => line(e, i, prefix))));
          // What the store must hold: each valid description merged over the last, field by field.
          const model = new Map<string, Party>();
          let inserted = 0;
          for (const e of entries) {
            if (e.damage) continue;
            const p = describe(e, prefix);
            if (e.as === 'declaration' || !model.has(p.id)) inserted++;
            model.set(p.id, { ...model.get(p.id), ...JSON.parse(JSON.stringify(p)) });
          }
          const expected = [...model.values()]
            .sort((a, b) => (a.id < b.id ? -1 : 1))
            .map((doc) => ({ id: doc.id, name: doc.name ?? null, country: doc.country ?? null, doc }));

          // One writer: with several, the batch that commits first describes a party first.
          const paths = [{ workers: 0 }, { workers: 2, writers: 1 }];
          if (workersFirst) paths.reverse();
          const once = await runIntake(store(), file, { batchSize, ...paths[0] });
          assert.equal(once.read, entries.length);
          assert.equal(once.accepted + once.quarantined, once.read);
          assert.equal(once.quarantined, entries.filter((e) => e.damage).length);
          assert.equal(once.inserted, inserted);
          assert.deepEqual(await partiesLike(store(), prefix), expected);
          const q = await reasons(store(), once.id);
          for (const { recordNo, reasons: why } of q) {
            assert.ok(
              why.some((r) => r.field === brokenField(entries[recordNo - 1]!)),
              `record ${recordNo}: ${JSON.stringify(why)}`,
            );
          }

          const twice = await runIntake(store(), file, { batchSize: batchSize + 2, ...paths[1] });
          assert.equal(twice.accepted + twice.quarantined, twice.read);
          assert.equal(twice.inserted, 0);
          assert.equal(twice.duplicates, twice.accepted);
          assert.deepEqual(await partiesLike(store(), prefix), expected);
        },
      ),
      { numRuns: 15, seed: 20261122 },
    );
  });
});
