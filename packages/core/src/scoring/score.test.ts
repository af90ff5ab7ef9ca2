import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newList, newRule } from '../rules/new-rule.ts';
import { newDeclaration, newItem, newParty } from '../testing/factories.ts';
import { parseLookout } from './commodity-lookouts.ts';
import { explainAssessment } from './explain-assessment.ts';
import { newPolicy, newSnapshot } from './new-snapshot.ts';
import { score } from './score.ts';

const lists = [
  newList({
    name: 'narcotics_source_countries',
    entries: [{ value: 'CO', reason: 'coca cultivation' }, 'PE'],
  }),
];
const rules = [
  newRule({
    id: 'NARC-ORIGIN',
    title: 'Dispatched from a source country',
    category: 'narcotics',
    points: 25,
    condition: 'declaration.dispatchCountry in list("narcotics_source_countries")',
  }),
  newRule({
    id: 'REV-LOW-VALUE',
    title: 'Coffee cheaper than 5 a kg',
    category: 'revenue',
    points: 40,
    condition: 'any item in declaration.items: item.hsCode startsWith "0901" and item.valuePerKg < 5',
  }),
  newRule({
    id: 'REV-COFFEE',
    title: 'Coffee',
    category: 'revenue',
    points: 30,
    condition: 'any item in declaration.items: item.hsChapter == "09"',
  }),
];
const cheapCoffee = newDeclaration({ items: [newItem({ value: 3000, netMassKg: 1000 })] });

describe('score: points, caps and lanes', () => {
  test('sums the points of the rules that fire and maps them to a lane', () => {
    const a = score(cheapCoffee, newSnapshot({ rules, lists }));
    assert.deepEqual(
      a.rules.map((r) => r.ruleId),
      ['NARC-ORIGIN', 'REV-LOW-VALUE', 'REV-COFFEE'],
    );
    assert.equal(a.points, 95);
    assert.equal(a.riskLane, 'red');
    assert.equal(a.lane, 'red');
    assert.equal(a.selectedBy, 'risk');
  });

  test('caps points per category, and says so', () => {
    const a = score(
      cheapCoffee,
      newSnapshot({ rules, lists, policy: newPolicy({ categoryCaps: { revenue: 30 } }) }),
    );
    assert.equal(a.points, 55);
    assert.equal(a.lane, 'yellow');
    assert.deepEqual(a.categories, [
      { category: 'narcotics', raw: 25, points: 25 },
      { category: 'revenue', raw: 70, points: 30, cap: 30 },
    ]);
    assert.ok(explainAssessment(a).includes('revenue points capped at 30 (the rules gave 70).'));
  });

  test('thresholds map points to red, yellow, blue and green', () => {
    const lane = (points: number) =>
      score(newDeclaration(), newSnapshot({ rules: [newRule({ points })] })).lane;
    assert.deepEqual(
      [lane(60), lane(59), lane(30), lane(15), lane(14)],
      ['red', 'yellow', 'yellow', 'blue', 'green'],
    );
  });

  test('an office and procedure can have thresholds of their own', () => {
    const policy = newPolicy({ selection: [{ offices: ['KRPUS01'], thresholds: { red: 20, yellow: 10 } }] });
    const snapshot = newSnapshot({ rules: [newRule({ points: 25 })], policy });
    assert.equal(score(newDeclaration(), snapshot).lane, 'red');
    assert.equal(score(newDeclaration(), snapshot).selectionPolicy, 'selection #1');
    assert.equal(score(newDeclaration({ office: 'KRINC01' }), snapshot).lane, 'green');
  });

  test('records the versions used and the lists matched', () => {
    const a = score(cheapCoffee, newSnapshot({ rules, lists }));
    assert.equal(a.versions.ruleset, 'test@1');
    assert.deepEqual(a.versions.lists, { narcotics_source_countries: 1 });
    assert.equal(a.versions.policy, '1');
    assert.match(a.versions.seed, /^[0-9a-f]{16}$/);
    assert.notEqual(a.versions.seed, 'test-seed', 'the seed itself stays secret');
    assert.deepEqual(a.lists, [
      {
        list: 'narcotics_source_countries',
        version: 1,
        value: 'CO',
        reason: 'coca cultivation',
        rules: ['NARC-ORIGIN'],
      },
    ]);
  });

  test('is deterministic: the same declaration and snapshot give the same assessment', () => {
    const snapshot = newSnapshot({ rules, lists, policy: newPolicy({ minRandomRate: 0.5 }) });
    assert.deepEqual(
      JSON.parse(JSON.stringify(score(cheapCoffee, snapshot))),
      JSON.parse(JSON.stringify(score(cheapCoffee, snapshot))),
    );
  });
});

describe('score: explanations', () => {
  test('each rule with its points and the values that made it fire', () => {
    const lines = explainAssessment(score(cheapCoffee, newSnapshot({ rules, lists })));
    assert.equal(lines[0], 'Lane RED (physical examination): 95 points reach red (60).');
    assert.equal(
      lines[1],
      'NARC-ORIGIN (+25, narcotics) Dispatched from a source country: declaration.dispatchCountry "CO" in narcotics_source_countries: coca cultivation',
    );
    assert.match(lines[2]!, /^REV-LOW-VALUE \(\+40, revenue\) .*item\.valuePerKg 3 < 5/);
    assert.ok(
      lines.includes('List narcotics_source_countries v1 matched "CO": coca cultivation (NARC-ORIGIN).'),
    );
  });

  test('the structured record survives JSON, evidence text included', () => {
    const a = JSON.parse(JSON.stringify(score(cheapCoffee, newSnapshot({ rules, lists }))));
    assert.equal(
      a.rules[0].evidence[0].text,
      'declaration.dispatchCountry "CO" in narcotics_source_countries: coca cultivation',
    );
    assert.deepEqual(a.rules[0].evidence[0].values, [{ expr: 'declaration.dispatchCountry', value: 'CO' }]);
  });
});

describe('score: commodity lookouts', () => {
  const parsed = parseLookout({
    name: 'cwc_precursors',
    title: 'Chemical weapons precursors',
    category: 'strategic',
    points: 20,
    lane: 'yellow',
    entries: [{ value: '281219', reason: 'arsenic trichloride: CWC schedule 2' }],
  });
  assert.ok(parsed.ok);
  const lookouts = [parsed.lookout];

  test('a match is flagged with the list and the reason, and raises the lane', () => {
    const d = newDeclaration({
      items: [newItem({ hsCode: '2812190000' }), newItem({ sequence: 2, hsCode: '2812190000' })],
    });
    const a = score(d, newSnapshot({ rules: [], lookouts }));
    assert.equal(a.points, 20, 'a lookout counts once however many items match');
    assert.equal(a.lane, 'yellow');
    assert.equal(a.lookouts.length, 2);
    assert.deepEqual(
      {
        lookout: a.lookouts[0]?.lookout,
        entry: a.lookouts[0]?.entry,
        reason: a.lookouts[0]?.reason,
        where: a.lookouts[0]?.where,
      },
      {
        lookout: 'cwc_precursors',
        entry: '281219',
        reason: 'arsenic trichloride: CWC schedule 2',
        where: 'item 1',
      },
    );
    assert.ok(a.laneReasons.includes('commodity lookout cwc_precursors demands at least yellow'));
    assert.ok(explainAssessment(a).some((l) => l.startsWith('Commodity lookout cwc_precursors v1')));
    assert.deepEqual(a.versions.lookouts, { cwc_precursors: 1 });
  });

  test('goods not on the list are not flagged', () => {
    assert.deepEqual(score(newDeclaration(), newSnapshot({ rules: [], lookouts })).lookouts, []);
  });
});

describe('score: random selection', () => {
  test('a drawn declaration is recorded as random and goes to the random lane whatever its score', () => {
    const snapshot = newSnapshot({
      rules: [],
      policy: newPolicy({ minRandomRate: 1, randomLane: 'yellow' }),
    });
    const a = score(newDeclaration(), snapshot);
    assert.equal(a.riskLane, 'green');
    assert.equal(a.lane, 'yellow');
    assert.equal(a.selectedBy, 'random');
    assert.equal(a.random.drawn, true);
    assert.ok(explainAssessment(a).some((l) => l.startsWith('Selected at random: draw')));
  });

  test('a random draw never lowers a risk lane', () => {
    const snapshot = newSnapshot({
      rules: [newRule({ points: 90 })],
      policy: newPolicy({ minRandomRate: 1, randomLane: 'yellow' }),
    });
    assert.equal(score(newDeclaration(), snapshot).lane, 'red');
  });

  test('the draw depends on the seed and the declaration, not on the rules', () => {
    const policy = newPolicy({ minRandomRate: 0.02 });
    const d = newDeclaration({ id: 'DEC-42' });
    const a = score(d, newSnapshot({ rules: [], policy }));
    const b = score(d, newSnapshot({ rules, lists, policy }));
    const c = score(d, newSnapshot({ rules: [], policy, seed: 'another seed' }));
    assert.equal(a.random.draw, b.random.draw);
    assert.notEqual(a.random.draw, c.random.draw);
    assert.notEqual(a.snapshotKey, c.snapshotKey);
  });
});

describe('score: watchlist and model plug in through the ensemble', () => {
  test('a model probability can raise the lane, never lower it', () => {
    const snapshot = newSnapshot({ rules: [newRule({ points: 5 })] });
    const low = score(newDeclaration(), snapshot, { modelProbability: 0.05 });
    assert.equal(low.lane, 'green');
    assert.ok(low.ensemble);
    const high = score(newDeclaration(), snapshot, { modelProbability: 0.95 });
    assert.equal(high.lane, 'red');
    assert.ok(high.laneReasons.some((r) => r.startsWith('rules, watchlist and model combined')));
  });

  test('watchlist points and lanes join the assessment with their sentences', () => {
    const watchlist = {
      subjects: [
        {
          subject: { role: 'importer' as const, path: 'importer', query: { name: 'X' } },
          hits: [],
          points: 40,
          lane: 'red' as const,
          explanation: 'importer "Hanbit" matches UN entry QDi.1 (0.95)',
        },
      ],
      points: 40,
      lane: 'red' as const,
      screened: 3,
      bestScore: 0.95,
      lists: [{ id: 'un', version: '2026-03-01' }],
    };
    const a = score(newDeclaration({ importer: newParty() }), newSnapshot({ rules: [] }), { watchlist });
    assert.equal(a.points, 40);
    assert.equal(a.lane, 'red');
    assert.deepEqual(a.watchlist?.findings, ['importer "Hanbit" matches UN entry QDi.1 (0.95)']);
  });
});
