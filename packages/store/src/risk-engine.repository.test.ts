import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newDeclaration, newInspection } from '@sieve/core';
import { newList, newRule } from '@sieve/core/rules';
import { newPolicy, newSnapshot, score } from '@sieve/core/scoring';
import { eachStore } from './testing/each-store.ts';

const lists = [newList({ name: 'narcotics_source_countries', entries: ['CO', 'PE'] })];
const rules = [
  newRule({
    id: 'NARC-1',
    points: 40,
    condition: 'declaration.dispatchCountry in list("narcotics_source_countries")',
  }),
  newRule({ id: 'REV-1', points: 30, category: 'revenue', condition: 'declaration.customsValue > 5000' }),
];

await eachStore('risk engine repositories', (store) => {
  it('keeps rulesets as versions: drafts, one active, rollback, immutable once active, all audited', async () => {
    const s = store();
    const v1 = await s.rulesets.createDraft({
      name: 'demo',
      rules,
      lists,
      actor: 'analyst.lee',
      reason: 'first',
    });
    assert.equal(v1.created, true);
    assert.equal(v1.version.version, 1);
    assert.equal(v1.version.status, 'draft');
    const again = await s.rulesets.createDraft({ name: 'demo', rules, lists, actor: 'analyst.lee' });
    assert.equal(again.created, false, 'the same rules and lists are not a new version');
    const changed = [...rules.slice(0, 1), { ...rules[1]!, points: 35 }];
    const v2 = await s.rulesets.createDraft({
      name: 'demo',
      rules: changed,
      lists,
      actor: 'analyst.lee',
      reason: 'weights',
    });
    assert.equal(v2.version.version, 2);

    assert.equal(await s.rulesets.get('demo'), undefined, 'nothing is active yet');
    await s.rulesets.activate('demo', 1, 'chief.park', 'approved');
    await s.rulesets.activate('demo', 2, 'chief.park', 'new weights approved');
    const active = await s.rulesets.get('demo');
    assert.equal(active?.version.version, 2);
    assert.equal(active?.rules[1]?.points, 35);
    assert.deepEqual(
      active?.lists.map((l) => [l.name, l.version]),
      [['narcotics_source_countries', 1]],
    );
    await s.rulesets.activate('demo', 1, 'chief.park', 'v2 selects too much: roll back');
    assert.deepEqual(
      (await s.rulesets.list('demo')).map((v) => [v.version, v.status]),
      [
        [2, 'retired'],
        [1, 'active'],
      ],
    );
    await assert.rejects(
      s.sql.query(`UPDATE rulesets SET rules = '[]' WHERE name = 'demo' AND version = 2`),
      /SIEVE_ERR_RULESET_IMMUTABLE/,
    );
    await assert.rejects(
      s.sql.query(`DELETE FROM rulesets WHERE name = 'demo'`),
      /SIEVE_ERR_VERSION_IMMUTABLE/,
    );
    await assert.rejects(s.rulesets.activate('demo', 1, 'x', ' '), /SIEVE_ERR_REASON_REQUIRED/);
    await assert.rejects(s.rulesets.activate('demo', 9, 'x', 'y'), /SIEVE_ERR_RULESET_NOT_FOUND/);
    const audit = await s.audit.list({ entity: 'ruleset' });
    assert.deepEqual(
      audit.map((e) => [e.action, e.entityId, e.actor, e.reason]),
      [
        ['ruleset.draft', 'demo@1', 'analyst.lee', 'first'],
        ['ruleset.draft', 'demo@2', 'analyst.lee', 'weights'],
        ['ruleset.activate', 'demo@1', 'chief.park', 'approved'],
        ['ruleset.activate', 'demo@2', 'chief.park', 'new weights approved'],
        ['ruleset.rollback', 'demo@1', 'chief.park', 'v2 selects too much: roll back'],
      ],
    );
  });

  it('versions reference lists by content and never changes a version', async () => {
    const s = store();
    const [a] = await s.referenceLists.store(
      [newList({ name: 'ports', type: 'port', entries: ['PAMIT'] })],
      'x',
    );
    const [b] = await s.referenceLists.store(
      [newList({ name: 'ports', type: 'port', entries: ['PAMIT'] })],
      'x',
    );
    const [c] = await s.referenceLists.store(
      [newList({ name: 'ports', type: 'port', entries: ['PAMIT', 'GTSTC'] })],
      'x',
    );
    assert.deepEqual([a?.version, b?.version, c?.version], [1, 1, 2]);
    assert.deepEqual((await s.referenceLists.get('ports', 1))?.entries, [{ value: 'PAMIT' }]);
    await assert.rejects(
      s.sql.query(`UPDATE reference_lists SET entry_count = 0`),
      /SIEVE_ERR_VERSION_IMMUTABLE/,
    );
  });

  it('keeps bands, lookouts and policies as versioned documents with one active each', async () => {
    const s = store();
    const p1 = await s.riskArtifacts.put('policy', newPolicy(), {
      actor: 'x',
      activate: true,
      reason: 'first policy',
    });
    const p2 = await s.riskArtifacts.put('policy', newPolicy({ minRandomRate: 0.02 }), {
      actor: 'x',
      reason: 'draft',
    });
    assert.equal((await s.riskArtifacts.active('policy'))?.version.version, p1.version.version);
    await s.riskArtifacts.activate('policy', p2.version.version, 'chief.park', '2% random');
    const active = await s.riskArtifacts.active('policy');
    assert.equal((active?.doc as { minRandomRate?: number } | undefined)?.minRandomRate, 0.02);
    await assert.rejects(s.sql.query(`UPDATE risk_artifacts SET doc = '{}'`), /SIEVE_ERR_VERSION_IMMUTABLE/);
  });

  it('stores one decision per declaration version and snapshot, with the rules that fired', async () => {
    const s = store();
    const snapshot = newSnapshot({ rules, lists, policy: newPolicy({ minRandomRate: 0.5 }) });
    const ds = Array.from({ length: 20 }, (_, i) =>
      newDeclaration({ id: `D-${i}`, dispatchCountry: i % 2 ? 'CO' : 'CN', customsValue: 1000 * i }),
    );
    const run = await s.assessments.startRun({ source: 'test', snapshot, actor: 'test' });
    const first = await s.assessments.write(
      run,
      ds.map((d) => score(d, snapshot)),
    );
    const second = await s.assessments.write(
      run,
      ds.map((d) => score(d, snapshot)),
    );
    assert.deepEqual(first, { inserted: 20, duplicates: 0 });
    assert.deepEqual(second, { inserted: 0, duplicates: 20 });
    const finished = await s.assessments.finishRun(run, 'completed');
    assert.deepEqual([finished.scored, finished.inserted, finished.duplicates], [40, 20, 20]);
    const counts = await s.assessments.laneCounts({ runId: run });
    assert.equal(counts.total, 20);
    assert.equal(counts.lanes.red + counts.lanes.yellow + counts.lanes.blue + counts.lanes.green, 20);
    const stored = await s.assessments.get('D-1');
    assert.equal(stored?.rules[0]?.ruleId, 'NARC-1');
    assert.equal(
      stored?.rules[0]?.evidence[0]?.text,
      'declaration.dispatchCountry "CO" in narcotics_source_countries',
    );
    const top = await s.assessments.topRules({ runId: run });
    assert.deepEqual(top[0], { ruleId: 'REV-1', fired: 14 });
  });

  it('records an assessment as made now, or when a replay says it was made', async () => {
    const s = store();
    const snapshot = newSnapshot({ rules, lists });
    const before = Date.now();
    await s.assessments.write(null, [score(newDeclaration({ id: 'AT-NOW' }), snapshot)]);
    const replayed = newDeclaration({ id: 'AT-REPLAY', lodgedAt: '2026-01-05T08:00:00.000Z' });
    await s.assessments.write(null, [score(replayed, snapshot)], (a) =>
      new Date(Date.parse(a.lodgedAt) + 90_000).toISOString(),
    );
    const rows = await s.sql.query<{ declaration_id: string; assessed_at: Date | string }>(
      `SELECT declaration_id, assessed_at FROM assessments WHERE declaration_id LIKE 'AT-%' ORDER BY 1`,
    );
    const at = new Map(rows.map((r) => [r.declaration_id, new Date(r.assessed_at).getTime()]));
    assert.ok(Math.abs(at.get('AT-NOW')! - before) < 60_000, 'now');
    assert.equal(new Date(at.get('AT-REPLAY')!).toISOString(), '2026-01-05T08:01:30.000Z');
  });

  it('feeds each inspection result back once into the statistics of the rules that fired', async () => {
    const s = store();
    const snapshot = newSnapshot({ rules, lists });
    const d = newDeclaration({ id: 'FB-1', dispatchCountry: 'CO', customsValue: 9000 });
    await s.assessments.write(null, [score(d, snapshot)]);
    const inspection = newInspection({
      id: 'INS-FB-1',
      declarationId: 'FB-1',
      outcome: 'finding',
      findings: [{ type: 'other', description: 'cocaine in the cover load' }],
    });
    await s.sql.query(
      `INSERT INTO inspection_results (id, declaration_id, declaration_version, inspector, kind, outcome, started_at, doc)
       VALUES ($1, $2, 1, 'officer.kim', 'physical', 'finding', $3, $4)`,
      [inspection.id, inspection.declarationId, inspection.startedAt, JSON.stringify(inspection)],
    );
    const pending = await s.ruleStats.pending();
    assert.deepEqual(
      pending.map((p) => [p.inspectionId, p.ruleset, p.rules, p.resultant]),
      [['INS-FB-1', 'test', ['NARC-1', 'REV-1'], true]],
    );
    const config = newPolicy().feedback;
    assert.equal(await s.ruleStats.apply(pending, config), 1);
    assert.equal(await s.ruleStats.apply(pending, config), 0, 'applied once');
    assert.deepEqual(await s.ruleStats.pending(), []);
    const stats = await s.ruleStats.get('test');
    assert.equal(stats.get('NARC-1')?.resultant, 1);
    assert.equal(stats.get('*all*')?.inspected, 1);
    assert.equal(stats.get('*random*'), undefined, 'not drawn at random');
  });
});
