import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newDeclaration, newInspection, newItem, newParty } from '@sieve/core';
import type { SqlClient } from './sql-client.ts';
import { eachStore } from './testing/each-store.ts';

await eachStore('store', (store) => {
  it('stores a batch, counts it, and stores it only once when sent twice', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'test', format: 'json', actor: 'test' });
    const d1 = newDeclaration({
      id: 'A1',
      items: [newItem(), newItem({ sequence: 2, hsCode: '0901110000' })],
    });
    const d2 = newDeclaration({ id: 'A2', importer: newParty({ id: 'IMP-2', name: 'Second Importer' }) });
    const first = await s.intake.writeBatch(
      runId,
      [
        { kind: 'declaration', value: d1 },
        { kind: 'declaration', value: d2 },
        { kind: 'declaration', value: d1 },
        { kind: 'inspection', value: newInspection({ declarationId: 'A1' }) },
      ],
      [{ recordNo: 9, errors: [{ field: 'id', value: undefined, expected: 'a value' }], raw: '{}' }],
    );
    assert.deepEqual(first, { read: 5, accepted: 4, inserted: 3, duplicates: 1, quarantined: 1 });
    const again = await s.intake.writeBatch(runId, [{ kind: 'declaration', value: d2 }], []);
    assert.deepEqual(again, { read: 1, accepted: 1, inserted: 0, duplicates: 1, quarantined: 0 });
    const run = await s.intake.finishRun(runId, 'completed');
    assert.equal(run.read, 6);
    assert.equal(run.read, run.accepted + run.quarantined);
    assert.equal(run.status, 'completed');
    const [items] = await s.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM declaration_items WHERE declaration_id = 'A1'`,
    );
    assert.equal(items?.n, 2);
    assert.equal((await s.declarations.get('A2'))?.importer?.name, 'Second Importer');
    assert.equal((await s.declarations.inspections('A1')).length, 1);
    const q = await s.quarantine.list({ runId });
    assert.equal(q.length, 1);
    assert.equal(q[0]?.reasons[0]?.field, 'id');
  });

  it('keeps a new version of a declaration beside the old one', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'test', format: 'json', actor: 'test' });
    await s.intake.writeBatch(runId, [{ kind: 'declaration', value: newDeclaration({ id: 'V1' }) }], []);
    const c = await s.intake.writeBatch(
      runId,
      [{ kind: 'declaration', value: newDeclaration({ id: 'V1', version: 2, office: 'KRINC01' }) }],
      [],
    );
    assert.equal(c.inserted, 1);
    assert.equal((await s.declarations.get('V1'))?.office, 'KRINC01');
    assert.equal((await s.declarations.get('V1', 1))?.office, 'KRPUS01');
  });

  it('stores the records of a batch not stored yet, whole, whatever bytes their characters take', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'test', format: 'json', actor: 'test' });
    const named = (id: string, name: string, items: number) =>
      newDeclaration({
        id,
        importer: newParty({ id: `IMP-${id}`, name }),
        items: Array.from({ length: items }, (_, i) => newItem({ sequence: i + 1 })),
      });
    const stored = named('U-1', 'ООО «Северный Импорт»', 1);
    await s.intake.writeBatch(runId, [{ kind: 'declaration', value: stored }], []);
    // The one stored before sits between two new ones: the rows around it are cut out by their ends.
    const batch = [named('U-0', '한국무역 주식회사', 2), stored, named('U-2', '🚢 Ocean Ltd', 3)];
    const counts = await s.intake.writeBatch(
      runId,
      batch.map((value) => ({ kind: 'declaration' as const, value })),
      [],
    );
    assert.equal(counts.inserted, 2);
    assert.equal(counts.duplicates, 1);
    const rows = await s.sql.query<{ id: string; name: string; items: number }>(
      `SELECT d.id, d.doc->'importer'->>'name' AS name,
              (SELECT count(*)::int FROM declaration_items i WHERE i.declaration_id = d.id) AS items
         FROM declarations d WHERE d.id LIKE 'U-%' ORDER BY d.id`,
    );
    assert.deepEqual(rows, [
      { id: 'U-0', name: '한국무역 주식회사', items: 2 },
      { id: 'U-1', name: 'ООО «Северный Импорт»', items: 1 },
      { id: 'U-2', name: '🚢 Ocean Ltd', items: 3 },
    ]);
  });

  it('merges what it learns about a party without erasing a known name', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'test', format: 'json', actor: 'test' });
    await s.intake.writeBatch(
      runId,
      [
        {
          kind: 'declaration',
          value: newDeclaration({ id: 'P1', importer: newParty({ id: 'IMP-P', name: 'Named Ltd' }) }),
        },
      ],
      [],
    );
    await s.intake.writeBatch(
      runId,
      [
        {
          kind: 'declaration',
          value: newDeclaration({ id: 'P2', importer: { id: 'IMP-P', country: 'JP' } }),
        },
      ],
      [],
    );
    const [p] = await s.sql.query<{ name: string; country: string }>(
      `SELECT name, country FROM parties WHERE id = 'IMP-P'`,
    );
    assert.deepEqual(p, { name: 'Named Ltd', country: 'JP' });
  });

  it('refuses to change or delete the audit log', async () => {
    const s = store();
    const id = await s.audit.append({
      actor: 'analyst.lee',
      action: 'rule.activate',
      entity: 'ruleset',
      entityId: '3',
      reason: 'quarterly review',
    });
    await assert.rejects(
      s.sql.query('UPDATE audit_log SET actor = $1 WHERE id = $2', ['someone', id]),
      /append-only/,
    );
    await assert.rejects(s.sql.query('DELETE FROM audit_log WHERE id = $1', [id]), /append-only/);
    const entries = await s.audit.list({ entity: 'ruleset', entityId: '3' });
    assert.equal(entries[0]?.actor, 'analyst.lee');
  });

  it('keeps a statement run under a name prepared, and answers it as unprepared, in and out of a transaction', async () => {
    const s = store();
    const name = 'sieve_test_prepared';
    const sql = `SELECT $1::int + 1 AS y, $2::text[] AS texts, $3::json AS doc, $4::bool AS flag,
      $5::timestamptz AS at, $6::numeric AS amount, $7::text AS nothing, cardinality($2::text[]) AS n`;
    const params = (x: number) => [
      x,
      ['a', 'b "quoted"', 'c,d', null, 'Ünïcode 한국'],
      new TextEncoder().encode(`{"k":[${x},"v"]}`),
      x % 2 === 0,
      new Date(Date.UTC(2026, 2, 1, 9, x)),
      '12.50',
      null,
    ];
    const unprepared = await s.sql.query(sql, params(1));
    for (const x of [1, 2]) {
      const rows = await s.sql.query(sql, params(x), { prepared: name });
      if (x === 1) assert.deepEqual(rows, unprepared);
      assert.equal((rows[0] as { y: number }).y, x + 1);
    }
    await s.sql.transaction(async (tx) => {
      assert.deepEqual(await tx.query(sql, params(1), { prepared: name }), unprepared);
      const prepared = await tx.query<{ name: string }>(
        'SELECT name FROM pg_prepared_statements WHERE name = $1',
        [name],
      );
      // On a server, the transaction's connection may not be the one the first calls used.
      assert.deepEqual(prepared, [{ name }]);
    });
    // An error in a prepared statement leaves it, and the database, usable.
    const divide = 'SELECT 1 / $1::int AS q';
    await assert.rejects(s.sql.query(divide, [0], { prepared: 'sieve_test_divide' }), { code: '22012' });
    assert.deepEqual(await s.sql.query(divide, [1], { prepared: 'sieve_test_divide' }), [{ q: 1 }]);
    if (s.sql.kind === 'pglite') {
      // PGlite is one session: a statement deallocated there is parsed again on its next call,
      await s.sql.exec(`DEALLOCATE ${name}`);
      assert.deepEqual(await s.sql.query(sql, params(1), { prepared: name }), unprepared);
      // and a name prepared there by other means is taken over.
      await s.sql.exec('PREPARE sieve_test_taken AS SELECT 1 AS v');
      assert.deepEqual(await s.sql.query('SELECT $1::int AS v', [5], { prepared: 'sieve_test_taken' }), [
        { v: 5 },
      ]);
      // A transaction that has ended takes no more statements, prepared or not.
      let ended: SqlClient | undefined;
      await s.sql.transaction(async (tx) => {
        ended = tx;
      });
      await assert.rejects(
        ended!.query('SELECT 1 AS v', [], { prepared: 'sieve_test_ended' }),
        /closed|not open/,
      );
    }
  });

  it('lists declarations in lodgement order across pages', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'test', format: 'json', actor: 'test' });
    const decls = [5, 3, 9, 1, 7].map((day) =>
      newDeclaration({ id: `O${day}`, lodgedAt: `2025-01-0${day}T00:00:00.000Z` }),
    );
    await s.intake.writeBatch(
      runId,
      decls.map((value) => ({ kind: 'declaration' as const, value })),
      [],
    );
    const ids: string[] = [];
    for await (const d of s.declarations.inLodgementOrder({
      from: '2025-01-01',
      to: '2025-02-01',
      pageSize: 2,
    }))
      ids.push(d.id);
    assert.deepEqual(ids, ['O1', 'O3', 'O5', 'O7', 'O9']);
  });
});
