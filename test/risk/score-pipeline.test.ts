/**
 * The scoring path through the store: a ruleset imported and activated,
 * declarations scored from a file into stored decisions (idempotent), the
 * daily capacity, inspection feedback, and new weights proposed, applied
 * after approval or automatically, audited.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { newDeclaration, newInspection } from '@sieve/core';
import { newList, newRule } from '@sieve/core/rules';
import { newPolicy } from '@sieve/core/scoring';
import { applyFeedback, loadSnapshot, proposeRulesetWeights, scoreFile } from '@sieve/pipeline';
import { eachStore } from '@sieve/store/testing';

const dir = mkdtempSync(join(tmpdir(), 'sieve-score-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const lists = [newList({ name: 'source_countries', entries: [{ value: 'CO', reason: 'coca' }] })];
const rules = [
  newRule({
    id: 'SRC',
    title: 'From a source country',
    points: 40,
    condition: 'declaration.dispatchCountry in list("source_countries")',
  }),
  newRule({
    id: 'BIG',
    title: 'Large value',
    category: 'revenue',
    points: 20,
    condition: 'declaration.customsValue > 5000',
  }),
];
// 60 declarations over two days: every third from CO, every other above 5,000.
const declarations = Array.from({ length: 60 }, (_, i) =>
  newDeclaration({
    id: `SP-${String(i).padStart(3, '0')}`,
    lodgedAt: `2026-03-0${1 + Math.floor(i / 30)}T${String(8 + (i % 10)).padStart(2, '0')}:00:00Z`,
    dispatchCountry: i % 3 === 0 ? 'CO' : 'CN',
    customsValue: i % 2 === 0 ? 9000 : 1000,
  }),
);
const file = join(dir, 'declarations.ndjson');
writeFileSync(file, declarations.map((d) => JSON.stringify(d)).join('\n'));

await eachStore('scoring pipeline', (store) => {
  it('scores a file into stored decisions once, within the daily capacity', async () => {
    const s = store();
    await s.riskArtifacts.put(
      'policy',
      newPolicy({ seed: 'pipeline', dailyCapacity: { red: 3 }, minRandomRate: 0.05 }),
      {
        actor: 'test',
        activate: true,
        reason: 'test policy',
      },
    );
    const draft = await s.rulesets.createDraft({
      name: 'demo',
      rules,
      lists,
      actor: 'analyst',
      reason: 'test',
    });
    await s.rulesets.activate('demo', draft.version.version, 'chief', 'test');
    const loaded = await loadSnapshot(s, { ruleset: 'demo' });
    assert.equal(loaded.snapshot.versions.ruleset, 'demo@1');
    const first = await scoreFile(s, file, loaded, { actor: 'test' });
    assert.equal(first.run.inserted, 60);
    // CO declarations above 5,000 reach red (60 points): five a day, for a capacity of three a day.
    const stored = await s.assessments.laneCounts({ runId: first.run.id });
    assert.equal(stored.total, 60);
    const days = await s.sql.query<{ day: string; kept: number; moved: number; random: number }>(
      `SELECT to_char(lodged_at, 'YYYY-MM-DD') AS day,
              count(*) FILTER (WHERE lane = 'red' AND risk_lane = 'red' AND NOT random_drawn)::int AS kept,
              count(*) FILTER (WHERE risk_lane = 'red' AND lane = 'yellow')::int AS moved,
              count(*) FILTER (WHERE lane = 'red' AND random_drawn)::int AS random
         FROM assessments WHERE run_id = $1 GROUP BY 1 ORDER BY 1`,
      [first.run.id],
    );
    assert.equal(days.length, 2);
    for (const d of days) {
      assert.equal(d.kept, Math.max(0, 3 - d.random), `${d.day}: the capacity holds, random draws first`);
      assert.ok(d.moved >= 2, `${d.day}: the least risky red candidates moved to yellow`);
    }
    const again = await scoreFile(s, file, loaded, { actor: 'test' });
    assert.deepEqual(
      [again.run.inserted, again.run.duplicates],
      [0, 60],
      'one decision per declaration and snapshot',
    );
    const audit = await s.audit.list({ entity: 'scoring_run' });
    assert.equal(audit.length, 2);
  });

  it('feeds inspections back and proposes weights: a draft to approve, or active at once when the policy says auto', async () => {
    const s = store();
    // Inspect every declaration: CO ones are always found at fault, the others never.
    for (const d of declarations) {
      const finding = d.dispatchCountry === 'CO';
      const i = newInspection({
        id: `INS-${d.id}`,
        declarationId: d.id,
        startedAt: d.lodgedAt,
        outcome: finding ? 'finding' : 'no_finding',
        findings: finding ? [{ type: 'other', description: 'found' }] : [],
      });
      await s.sql.query(
        `INSERT INTO inspection_results (id, declaration_id, declaration_version, inspector, kind, outcome, started_at, doc)
         VALUES ($1, $2, 1, 'officer', 'physical', $3, $4, $5)`,
        [i.id, i.declarationId, i.outcome, i.startedAt, JSON.stringify(i)],
      );
    }
    assert.deepEqual(await applyFeedback(s), { applied: 60 });
    assert.deepEqual(await applyFeedback(s), { applied: 0 }, 'each result once');
    const stats = await s.ruleStats.get('demo');
    assert.deepEqual([stats.get('SRC')?.inspected, stats.get('SRC')?.resultant], [20, 20]);
    assert.equal(stats.get('*all*')?.inspected, 60);

    const approval = await proposeRulesetWeights(s, {
      ruleset: 'demo',
      actor: 'analyst',
      at: '2026-03-03T00:00:00Z',
    });
    const src = approval.proposals.find((p) => p.ruleId === 'SRC')!;
    const big = approval.proposals.find((p) => p.ruleId === 'BIG')!;
    assert.ok(src.proposed > 40, 'a rule that always finds something gains points');
    assert.ok(big.proposed < 20, 'a rule no better than the yardstick loses points');
    assert.equal(approval.activated, false);
    assert.equal(approval.draft?.status, 'draft');
    assert.equal((await s.rulesets.get('demo'))?.version.version, 1, 'still the approved version');

    await s.riskArtifacts.put('policy', newPolicy({ seed: 'pipeline', feedback: { apply: 'auto' } }), {
      actor: 'chief',
      activate: true,
      reason: 'apply weights automatically',
    });
    const auto = await proposeRulesetWeights(s, {
      ruleset: 'demo',
      actor: 'feedback',
      at: '2026-03-03T00:00:00Z',
    });
    assert.equal(auto.activated, true);
    const active = await s.rulesets.get('demo');
    assert.equal(active?.version.origin, 'feedback');
    assert.equal(active?.rules.find((r) => r.id === 'SRC')?.points, src.proposed);
    const actions = (await s.audit.list({ entity: 'ruleset' })).map((e) => e.action);
    assert.ok(actions.includes('ruleset.propose-weights'));
    assert.equal(actions.at(-1), 'ruleset.activate');
  });
});
