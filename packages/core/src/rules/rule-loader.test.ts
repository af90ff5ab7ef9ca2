import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  listMatcher,
  listsToYaml,
  loadListsFromYaml,
  loadRulesFromJson,
  loadRulesFromYaml,
  newRule,
  parseRule,
  rulesToJson,
  rulesToYaml,
} from './index.ts';

const examples = new URL('../../../../rules/examples/', import.meta.url);

describe('rules as documents', () => {
  const rules = [
    newRule({
      id: 'A',
      condition: 'declaration.office == "KRPUS01"\nand declaration.transportMode == "1"',
      points: -5,
    }),
    newRule({
      id: 'B',
      category: 'cites',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      scope: { modes: ['4'] },
    }),
  ];

  test('export to YAML and import again gives the same rules', () => {
    const text = rulesToYaml(rules);
    assert.match(text, /condition: \|/);
    const loaded = loadRulesFromYaml(text);
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.rules, rules);
  });

  test('export to JSON and import again gives the same rules', () => {
    const loaded = loadRulesFromJson(rulesToJson(rules));
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.rules, rules);
    assert.equal(loadRulesFromJson('{"rules": [').ok, false);
  });

  test('the shipped examples load', () => {
    const loaded = loadRulesFromYaml(readFileSync(new URL('worked-example.rules.yaml', examples), 'utf8'));
    assert.ok(loaded.ok);
    assert.equal(loaded.rules.length, 8);
  });

  test('parseRule validates one rule and names the bad fields', () => {
    assert.ok(parseRule(newRule()).ok);
    const bad = parseRule({ ...newRule(), points: 'ten', validFrom: '2026-02-30', extra: 1 });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => p.field).sort(), ['(rule)', 'points', 'validFrom']);
    const backwards = parseRule(newRule({ validFrom: '2026-02-01', validTo: '2026-01-01' }));
    assert.ok(!backwards.ok && backwards.problems[0]?.field === 'validTo');
  });
});

describe('reference lists', () => {
  test('values are checked and normalised for their type', () => {
    const loaded = loadListsFromYaml(
      [
        '- { name: ports, type: port, entries: ["pa mit", KRPUS] }',
        '- { name: hs, type: hs_prefix, version: 2, entries: ["2812.10", { value: "09", reason: coffee and tea }] }',
        '- { name: routes, type: route, entries: ["co>kr", "PAMIT>*"] }',
      ].join('\n'),
    );
    assert.ok(loaded.ok);
    assert.deepEqual(
      loaded.lists.map((l) => [l.name, l.version, l.entries.map((e) => e.value)]),
      [
        ['ports', 1, ['PAMIT', 'KRPUS']],
        ['hs', 2, ['281210', '09']],
        ['routes', 1, ['CO>KR', 'PAMIT>*']],
      ],
    );
    const again = loadListsFromYaml(listsToYaml(loaded.lists));
    assert.ok(again.ok);
    assert.deepEqual(again.lists, loaded.lists);
  });

  test('a bad value is rejected with its list, entry and file line', () => {
    const loaded = loadListsFromYaml('lists:\n  - name: src\n    type: country\n    entries: [CO, XX, PE]\n');
    assert.ok(!loaded.ok);
    assert.deepEqual(
      loaded.problems.map((p) => [p.code, p.field, p.sourceLine]),
      [['SIEVE_ERR_LIST_INVALID', 'entries[1]', 4]],
    );
    assert.match(loaded.problems[0]?.message ?? '', /"XX" is not an ISO 3166 country code/);
  });

  test('HS prefix lists quote the longest matching entry', () => {
    const loaded = loadListsFromYaml('- { name: hs, type: hs_prefix, entries: ["28", "2812", "281210"] }');
    assert.ok(loaded.ok);
    const m = listMatcher(loaded.lists[0] as (typeof loaded.lists)[0]);
    assert.equal(m.match('2812100000')?.value, '281210');
    assert.equal(m.match('2812900000')?.value, '2812');
    assert.equal(m.match('2901000000'), undefined);
  });
});
