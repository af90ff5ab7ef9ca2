import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newDeclaration } from '@sieve/core';
import { newPolicy, newSnapshot, score } from '@sieve/core/scoring';
import { type AssessedDeclaration, callProcedure } from './procedures.ts';
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
    const first = await callProcedure(s.sql, 'storeAssessedDeclarations', {
      runId,
      firstRecordNo: 1,
      items: [assessed('P-1'), assessed('P-2')],
    });
    assert.deepEqual(first, [null, null], 'both assessments are new');
    // P-1 again, with an assessment made later: the one stored first is the answer, and nothing new is audited.
    const again = assessed('P-1');
    const later = { ...again, assessment: { ...again.assessment, points: again.assessment.points + 99 } };
    const second = await callProcedure(s.sql, 'storeAssessedDeclarations', {
      runId,
      firstRecordNo: 3,
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
    const answers = await callProcedure(s.sql, 'storeAssessedDeclarations', {
      runId,
      firstRecordNo: 1,
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
}

await eachStore('store procedures', storesAssessedDeclarations);

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
