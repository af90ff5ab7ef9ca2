import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newRule } from '../rules/new-rule.ts';
import { compileRulesetOrThrow } from '../rules/ruleset.ts';
import { newDeclaration, newParty } from '../testing/factories.ts';
import { watchlistEntrySchema } from '../watchlist/model.ts';
import { screenParties, subjectsOfDeclaration } from '../watchlist/screen-parties.ts';
import { WatchlistIndex } from '../watchlist/watchlist-index.ts';
import { MODEL_REASONS } from './assessment.ts';
import { explainAssessment } from './explain-assessment.ts';
import { newPolicy, newSnapshot } from './new-snapshot.ts';
import { score } from './score.ts';
import { createSnapshot } from './snapshot.ts';

const lookouts = {
  id: 'lookouts',
  name: 'Customs lookouts',
  version: '2026-03-01',
  entries: [
    watchlistEntrySchema.parse({
      id: 'lookouts:7',
      list: 'lookouts',
      kind: 'company',
      names: [
        { name: 'Golden Crescent General Trading LLC' },
        { name: 'Hanbit Trading Company', type: 'aka' },
      ],
      reason: 'undervaluation of coffee, 2025',
    }),
  ],
};
const index = WatchlistIndex.build([lookouts]);
const policies = [{ list: 'lookouts', points: 40, lane: 'red' as const }];

/** A snapshot that records the list versions, as the pipeline's does. */
const snapshot = createSnapshot({
  ruleset: compileRulesetOrThrow([newRule({ points: 5 })], { lists: [] }),
  rulesetVersion: 'test@1',
  policy: newPolicy(),
  policyVersion: '1',
  watchlists: { lookouts: '2026-03-01' },
  model: '3:abc',
});

const reasons = Array.from({ length: 8 }, (_, i) => ({
  subject: `s${i}`,
  contribution: 1 / (i + 1),
  direction: 'raises' as const,
  text: `reason ${i}`,
}));

describe('score: the three layers in one assessment', () => {
  const d = newDeclaration({ importer: newParty({ name: 'Hanbit Trading Co., Ltd.' }) });
  const watchlist = screenParties(subjectsOfDeclaration(d), index, policies, { on: '2026-03-01' });
  const a = score(d, snapshot, {
    watchlist,
    model: { version: '3:abc', probability: 0.42, baseProbability: 0.1, reasons },
  });

  test('keeps each hit with the role screened, the alias that matched and the words compared', () => {
    const hit = a.watchlist?.hits.find((h) => h.role === 'importer');
    assert.ok(hit, `expected an importer hit in ${JSON.stringify(a.watchlist)}`);
    assert.equal(hit.path, 'importer');
    assert.equal(hit.queryName, 'Hanbit Trading Co., Ltd.');
    assert.equal(hit.entryId, 'lookouts:7');
    assert.equal(hit.listVersion, '2026-03-01');
    assert.equal(hit.name, 'Golden Crescent General Trading LLC');
    assert.equal(hit.matchedName.name, 'Hanbit Trading Company');
    assert.ok(hit.score >= hit.threshold, `score ${hit.score} below threshold ${hit.threshold}`);
    assert.ok(hit.tokens.some((t) => t.query !== null && t.listed !== null));
  });

  test('applies the list policy: points added and the lane forced', () => {
    const rulesAndList = score(d, snapshot, { watchlist });
    assert.equal(rulesAndList.watchlist?.points, 40);
    assert.equal(rulesAndList.points, 45);
    assert.ok(
      rulesAndList.riskLane === 'red' &&
        rulesAndList.laneReasons.some((r) => r.includes('watchlist match demands red (importer')),
      rulesAndList.laneReasons.join('; '),
    );
  });

  test('keeps the model probability and its strongest reasons only', () => {
    assert.equal(a.model?.probability, 0.42);
    assert.equal(a.model?.reasons.length, MODEL_REASONS);
    // The model's risk is its excess over the average declaration's probability.
    assert.equal(a.ensemble?.parts.find((p) => p.source === 'model')?.risk, (0.42 - 0.1) / (1 - 0.1));
  });

  test('explains both layers in sentences', () => {
    const lines = explainAssessment(a);
    assert.ok(
      lines.some((l) =>
        l.startsWith('Watchlist: importer "Hanbit Trading Co., Ltd." matches lookouts entry'),
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes(
        'Model 3:abc: probability of a finding 42% against 10% for an average declaration; raised by reason 0; raised by reason 1; raised by reason 2; raised by reason 3; raised by reason 4.',
      ),
      lines.join('\n'),
    );
  });

  test('says when names were screened and nothing matched', () => {
    const clean = newDeclaration({ importer: newParty({ name: 'Daehan Coffee' }) });
    const r = score(clean, snapshot, {
      watchlist: screenParties(subjectsOfDeclaration(clean), index, policies),
    });
    assert.deepEqual(r.watchlist?.hits, []);
    assert.ok(
      explainAssessment(r).includes('Watchlist: 4 name(s) screened against lookouts@2026-03-01; no match.'),
    );
  });

  test('says when no watchlist and no model were active', () => {
    const lines = explainAssessment(score(d, newSnapshot()));
    assert.ok(lines.includes('Watchlist: no watchlist was active; the parties were not screened.'));
    assert.ok(lines.includes('Model: no model was active; the model took no part.'));
  });

  test('counts a listed entry once when one party is named in two roles, and says so', () => {
    const both = newDeclaration({
      importer: newParty({ name: 'Daehan Coffee' }),
      exporter: newParty({ id: 'X-1', name: 'Hanbit Trading Co., Ltd.', country: 'KR' }),
      seller: newParty({ id: 'X-1', name: 'Hanbit Trading Co., Ltd.', country: 'KR' }),
    });
    const r = screenParties(subjectsOfDeclaration(both), index, [{ list: 'lookouts', points: 40 }]);
    assert.deepEqual(
      r.subjects.map((s) => [s.subject.role, s.points]),
      [
        ['exporter', 40],
        ['seller', 0],
      ],
    );
    assert.equal(r.points, 40);
    assert.match(r.subjects[1]!.explanation, /: points already counted for the exporter$/);
  });
});

describe('score: combining the layers on the policy scale', () => {
  // Points from one rule; the policy's yellow is at 30 points.
  const snapshotWith = (points: number) =>
    createSnapshot({
      ruleset: compileRulesetOrThrow([newRule({ points })], { lists: [] }),
      rulesetVersion: 'test@1',
      policy: newPolicy({ minRandomRate: 0 }),
      policyVersion: '1',
      model: '3:abc',
    });
  const model = (probability: number) => ({
    version: '3:abc',
    probability,
    baseProbability: 0.07,
    reasons: [],
  });

  test('a declaration the model finds as risky as the average one stays in the lane its points give', () => {
    for (const points of [0, 15, 25, 29]) {
      const a = score(newDeclaration(), snapshotWith(points), { model: model(0.07) });
      assert.equal(a.ensemble?.parts.find((p) => p.source === 'model')?.risk, 0, `${points} points`);
      assert.equal(a.riskLane, points >= 15 ? 'blue' : 'green', `${points} points`);
    }
    assert.equal(score(newDeclaration(), snapshotWith(30), { model: model(0.07) }).riskLane, 'yellow');
  });

  test('the model raises a declaration it finds clearly riskier than most, with the points behind it', () => {
    const a = score(newDeclaration(), snapshotWith(25), { model: model(0.5) });
    assert.equal(a.riskLane, 'yellow');
    assert.ok(a.laneReasons.some((r) => r.startsWith('rules, watchlist and model combined')));
    assert.equal(score(newDeclaration(), snapshotWith(0), { model: model(0.2) }).riskLane, 'green');
  });
});

describe('score: a watchlist hit weighs what its list policy says', () => {
  const d = newDeclaration({ importer: newParty({ name: 'Hanbit Trading Co., Ltd.' }) });
  const plain = createSnapshot({
    ruleset: compileRulesetOrThrow([newRule({ points: 5 })], { lists: [] }),
    rulesetVersion: 'test@1',
    policy: newPolicy({ minRandomRate: 0 }),
    policyVersion: '1',
    watchlists: { lookouts: '2026-03-01' },
  });
  const screened = (policy: { points?: number; lane?: 'red' | 'yellow' }) =>
    screenParties(subjectsOfDeclaration(d), index, [{ list: 'lookouts', ...policy }], { on: '2026-03-01' });

  test('a report-only list shows the hit and leaves the lane to the other layers', () => {
    const a = score(d, plain, { watchlist: screened({}) });
    assert.equal(a.watchlist?.hits.length, 1);
    assert.equal(a.riskLane, 'green');
  });

  test('a list that forces yellow sends the declaration to yellow, not red', () => {
    const a = score(d, plain, { watchlist: screened({ lane: 'yellow', points: 5 }) });
    assert.equal(a.riskLane, 'yellow', a.laneReasons.join('; '));
  });

  test('a list worth many points raises the lane through them', () => {
    const a = score(d, plain, { watchlist: screened({ points: 60 }) });
    assert.equal(a.riskLane, 'red', a.laneReasons.join('; '));
  });
});
