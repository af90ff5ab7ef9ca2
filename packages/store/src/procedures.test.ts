import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newDeclaration, newItem, newParty } from '@sieve/core';
import { newPolicy, newSnapshot, score } from '@sieve/core/scoring';
import { storeBatchMigration } from './assessed-declarations.ts';
import { migrate } from './migrate.ts';
import { type AssessedDeclaration, storeAssessedDeclarations } from './procedures.ts';
import type { SqlClient } from './sql-client.ts';
import { openStore, type Store } from './store.ts';
import { eachStore } from './testing/each-store.ts';

const snapshot = newSnapshot({ policy: newPolicy({ minRandomRate: 0.5 }) });
const assessed = (id: string): AssessedDeclaration => {
  const declaration = newDeclaration({ id });
  const assessment = score(declaration, snapshot);
  return {
    declaration,
    assessment,
    audit: { actor: 'api', action: 'assessment.create', entity: 'declaration', entityId: id, details: {} },
  };
};

/** The behaviour every client must show, whether the procedure runs here or in the database thread. */
function storesAssessedDeclarations(store: () => Store): void {
  it('stores the declarations, the new assessments and one audit entry each, and answers duplicates with the stored assessment', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'api assessments', format: 'json', actor: 'api' });
    const first = await storeAssessedDeclarations(s.sql, {
      runId,
      items: [assessed('P-1'), assessed('P-2')],
    });
    assert.deepEqual(first, [null, null], 'both assessments are new');
    // P-1 again, with an assessment made later: the one stored first is the answer, and nothing new is audited.
    const again = assessed('P-1');
    const later = { ...again, assessment: { ...again.assessment, points: again.assessment.points + 99 } };
    const second = await storeAssessedDeclarations(s.sql, {
      runId,
      items: [later, assessed('P-3')],
    });
    assert.equal(second[0]?.points, again.assessment.points, 'the assessment stored first');
    assert.equal(second[1], null);
    const [counts] = await s.sql.query<{ d: number; a: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM declarations WHERE id LIKE 'P-%') AS d,
              (SELECT count(*)::int FROM assessments WHERE declaration_id LIKE 'P-%') AS a,
              (SELECT count(*)::int FROM audit_log WHERE action = 'assessment.create') AS audit`,
    );
    assert.deepEqual(counts, { d: 3, a: 3, audit: 3 });
    const run = await s.intake.finishRun(runId, 'completed');
    assert.deepEqual([run.read, run.inserted, run.duplicates], [4, 3, 1]);
  });

  it('stores and audits a declaration sent twice in one batch once, and answers the second with the first', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'api assessments', format: 'json', actor: 'api' });
    const first = assessed('P-TWICE');
    const second = { ...first, assessment: { ...first.assessment, points: first.assessment.points + 50 } };
    const answers = await storeAssessedDeclarations(s.sql, {
      runId,
      items: [first, second],
    });
    assert.equal(answers[0], null, 'the first is stored as sent');
    assert.equal(answers[1]?.points, first.assessment.points, 'the second is told what was stored');
    const [counts] = await s.sql.query<{ a: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM assessments WHERE declaration_id = 'P-TWICE') AS a,
              (SELECT count(*)::int FROM audit_log WHERE action = 'assessment.create' AND entity_id = 'P-TWICE') AS audit`,
    );
    assert.deepEqual(counts, { a: 1, audit: 1 });
  });

  it('stores a declaration, its items and its parties as file intake does, and the rules that fired', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'api assessments', format: 'json', actor: 'api' });
    const rich = (id: string) =>
      newDeclaration({
        id,
        importer: newParty({ id: 'KR-IMP-RICH', name: 'Rich Imports', country: 'KR' }),
        exporter: newParty({ id: 'CN-EXP-RICH', name: 'Rich Exports', country: 'CN' }),
        items: [
          newItem({ sequence: 1 }),
          newItem({ sequence: 2, hsCode: '850440', value: 1234.5, origin: 'CN' }),
        ],
      });
    const item = assessed('API-1');
    const realTime = { ...item, declaration: rich('API-1'), assessment: score(rich('API-1'), snapshot) };
    await storeAssessedDeclarations(s.sql, { runId, items: [realTime] });
    await s.intake.writeBatch(runId, [{ kind: 'declaration', value: rich('FILE-1') }], []);
    const rows = await s.sql.query<Record<string, unknown>>(
      `SELECT d.*, d.doc::text AS doc FROM declarations d WHERE id IN ('API-1', 'FILE-1') ORDER BY id`,
    );
    const [viaApi, viaFile] = rows.map(({ id, received_at, doc, ...rest }) => ({
      ...rest,
      doc: { ...JSON.parse(String(doc)), id: 'same' },
    }));
    assert.deepEqual(viaApi, viaFile);
    const items = await s.sql.query<Record<string, unknown>>(
      `SELECT declaration_id, sequence, hs_code, origin, quantity, net_mass_kg, value FROM declaration_items
        WHERE declaration_id IN ('API-1', 'FILE-1') ORDER BY declaration_id, sequence`,
    );
    const strip = (r: Record<string, unknown>) => ({ ...r, declaration_id: undefined });
    assert.equal(items.length, 4);
    assert.deepEqual(items.slice(0, 2).map(strip), items.slice(2).map(strip));
    const parties = await s.sql.query<{ id: string; name: string }>(
      `SELECT id, name FROM parties WHERE id IN ('KR-IMP-RICH', 'CN-EXP-RICH') ORDER BY id`,
    );
    assert.deepEqual(parties, [
      { id: 'CN-EXP-RICH', name: 'Rich Exports' },
      { id: 'KR-IMP-RICH', name: 'Rich Imports' },
    ]);
    const fired = await s.sql.query<{ rule_id: string }>(
      `SELECT rule_id FROM assessment_rules WHERE declaration_id = 'API-1' ORDER BY rule_id`,
    );
    assert.deepEqual(
      fired.map((r) => r.rule_id),
      [...new Set(realTime.assessment.rules.map((r) => r.ruleId))].sort(),
    );
  });

  it('keeps the name of a party that the same declaration, or a later one in the batch, names by id alone', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'api assessments', format: 'json', actor: 'api' });
    const named = newParty({ id: 'KR-SAME-1', name: 'Named Co', country: 'KR' });
    const bare = { id: 'KR-SAME-1' } as typeof named;
    const both = newDeclaration({ id: 'API-SAME-1', declarant: named, importer: bare });
    const later = newDeclaration({ id: 'API-SAME-2', declarant: bare, importer: bare });
    await storeAssessedDeclarations(s.sql, {
      runId,
      items: [both, later].map((d) => ({
        ...assessed(d.id),
        declaration: d,
        assessment: score(d, snapshot),
      })),
    });
    const [row] = await s.sql.query<{ name: string | null; country: string | null }>(
      `SELECT name, country FROM parties WHERE id = 'KR-SAME-1'`,
    );
    assert.deepEqual(row, { name: 'Named Co', country: 'KR' });
  });

  it('reads no table in full, whatever the tables held when its plan was made', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'api assessments', format: 'json', actor: 'api' });
    const counts = (tx: SqlClient) =>
      tx.query<{ relname: string; seq_scan: number; idx_scan: number }>(
        `SELECT relname, seq_scan::int, coalesce(idx_scan, 0)::int AS idx_scan FROM pg_stat_xact_user_tables
          WHERE relname IN ('declarations', 'declaration_items', 'assessments', 'assessment_rules', 'audit_log', 'parties', 'intake_runs')
          ORDER BY relname`,
      );
    // Counts of this transaction (and, on PGlite, of earlier ones not yet reported): compared before and after.
    const [before, after] = await s.sql.transaction(async (tx) => {
      const before = await counts(tx);
      // The plan is made for the session on its first call and kept while the tables grow.
      for (let b = 0; b < 30; b++) {
        const ids = Array.from({ length: 10 }, (_, i) => `P-SCAN-${b}-${i}`);
        await storeAssessedDeclarations(tx, { runId, items: ids.map(assessed) });
      }
      // Stored before: the answer is read back.
      const again = await storeAssessedDeclarations(tx, { runId, items: [assessed('P-SCAN-3-3')] });
      assert.equal(again[0]?.declarationId, 'P-SCAN-3-3');
      return [before, await counts(tx)];
    });
    const delta = after.map((t) => {
      const b = before.find((x) => x.relname === t.relname);
      return { table: t.relname, seq: t.seq_scan - (b?.seq_scan ?? 0), idx: t.idx_scan - (b?.idx_scan ?? 0) };
    });
    assert.ok(
      delta.some((t) => t.table === 'assessments' && t.idx > 0),
      'the statistics are there',
    );
    assert.deepEqual(
      delta.filter((t) => t.seq > 0),
      [],
      'tables read in full by the batch statement',
    );
  });

  it('keeps its call of the batch function prepared, on the connection of a PostgreSQL server and in PGlite', async () => {
    const s = store();
    const runId = await s.intake.startRun({ source: 'api assessments', format: 'json', actor: 'api' });
    const prepared = await s.sql.transaction(async (tx) => {
      for (const id of ['API-PREPARED-1', 'API-PREPARED-2'])
        await storeAssessedDeclarations(tx, { runId, items: [assessed(id)] });
      return tx.query<{ name: string }>(
        `SELECT name FROM pg_prepared_statements WHERE name LIKE 'sieve_store_assessed_batch_%'`,
      );
    });
    assert.deepEqual(
      prepared.map((r) => r.name.replace(/[0-9a-f]{12}$/, '<hash>')),
      ['sieve_store_assessed_batch_<hash>'],
    );
  });

  it('calls the batch function of its own version while that of another version is there too', async () => {
    const s = store();
    // What a server of another version would have created on the same database (a rolling upgrade).
    await migrate(s.sql, [
      {
        id: '900_sieve_store_assessed_batch_0123456789ab',
        sql: 'CREATE OR REPLACE FUNCTION sieve_store_assessed_batch_0123456789ab() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;',
      },
    ]);
    assert.match(
      storeBatchMigration().sql,
      /^CREATE OR REPLACE FUNCTION sieve_store_assessed_batch_[0-9a-f]{12}\(/,
    );
    assert.doesNotMatch(storeBatchMigration().sql, /DROP/);
    const runId = await s.intake.startRun({ source: 'api assessments', format: 'json', actor: 'api' });
    assert.deepEqual(await storeAssessedDeclarations(s.sql, { runId, items: [assessed('API-VERSIONS')] }), [
      null,
    ]);
  });
}

await eachStore('store procedures', storesAssessedDeclarations);

await eachStore(
  'store procedures, with another connection',
  (store) => {
    it('answers with the assessment another connection stored while the batch waited for it', async () => {
      const s = store();
      const runId = await s.intake.startRun({ source: 'api assessments', format: 'json', actor: 'api' });
      const mine = assessed('P-RACE');
      const theirs = { ...mine, assessment: { ...mine.assessment, points: mine.assessment.points + 7 } };
      // The other connection has stored the same assessment but not committed when the batch starts.
      let release!: () => void;
      let stored!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const storedByThem = new Promise<void>((r) => {
        stored = r;
      });
      const them = s.sql.transaction(async (tx) => {
        await storeAssessedDeclarations(tx, { runId, items: [theirs] });
        stored();
        await held;
      });
      await storedByThem;
      const answer = storeAssessedDeclarations(s.sql, { runId, items: [mine] });
      await new Promise((r) => setTimeout(r, 200)); // the batch is now waiting on their row
      release();
      await them;
      const [answered] = await answer;
      assert.equal(answered?.points, theirs.assessment.points, 'told what the other connection stored');
    });
  },
  'postgres',
);

describe('store procedures on PGlite in a worker thread', () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sieve-procedures-'));
    store = await openStore({ dataDir: join(dir, 'db'), pgliteThread: 'worker' });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  it('runs them in the database thread', () => {
    assert.equal(typeof (store.sql as { callInDatabase?: unknown }).callInDatabase, 'function');
  });
  storesAssessedDeclarations(() => store);
});
