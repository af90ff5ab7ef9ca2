import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compileRuleset,
  formatRuleProblem,
  loadRulesFromYaml,
  newList,
  newRule,
  type RuleErrorCode,
  type RuleProblem,
} from './index.ts';

const lists = [
  newList({ name: 'narcotics_source_countries', entries: ['CO', 'PE'] }),
  newList({ name: 'precursors', type: 'hs_prefix', entries: ['2812'] }),
];

function problemsOf(condition: string): RuleProblem[] {
  const result = compileRuleset([newRule({ id: 'R-1', condition })], { lists });
  assert.equal(result.ok, false, `expected "${condition}" to be rejected`);
  return result.ok ? [] : result.problems;
}

function rejects(condition: string, code: RuleErrorCode, line: number, column: number, words: RegExp) {
  const [first, ...rest] = problemsOf(condition);
  assert.ok(first);
  assert.deepEqual(rest, [], 'one problem expected');
  assert.equal(first.code, code);
  assert.equal(first.ruleId, 'R-1');
  assert.deepEqual(
    [first.line, first.column],
    [line, column],
    `${first.message} at ${first.line}:${first.column}`,
  );
  assert.match(first.message, words);
}

describe('a rule that does not parse or type-check is rejected with the position and the problem', () => {
  test('syntax error: a test left unfinished', () => {
    rejects(
      'declaration.office == "KRPUS01" and',
      'SIEVE_ERR_RULE_SYNTAX',
      1,
      36,
      /expected a test after `and`/,
    );
  });

  test('syntax error: an unclosed parenthesis, on the second line', () => {
    rejects(
      'declaration.office == "KRPUS01"\nand (declaration.dispatchCountry == "CO"',
      'SIEVE_ERR_RULE_SYNTAX',
      2,
      41,
      /expected "\)"/,
    );
  });

  test('syntax error: an unclosed quote', () => {
    rejects('declaration.office == "KRPUS01', 'SIEVE_ERR_RULE_SYNTAX', 1, 23, /no closing "/);
  });

  test('syntax error: programming symbols get a hint', () => {
    rejects(
      'declaration.office == "A" && declaration.transportMode == "1"',
      'SIEVE_ERR_RULE_SYNTAX',
      1,
      27,
      /write `and` instead of `&&`/,
    );
  });

  test('type error: text compared with a number', () => {
    rejects(
      'declaration.office == 5',
      'SIEVE_ERR_RULE_TYPE',
      1,
      20,
      /`declaration.office` is text but `5` is a number.*"5" in quotes/,
    );
  });

  test('type error: a number compared with text', () => {
    rejects(
      'any item in declaration.items: item.value > "1000"',
      'SIEVE_ERR_RULE_TYPE',
      1,
      43,
      /`item.value` is a number but `"1000"` is text/,
    );
  });

  test('type error: a country list tested against an HS code', () => {
    rejects(
      'any item in declaration.items: item.hsCode in list("narcotics_source_countries")',
      'SIEVE_ERR_RULE_TYPE',
      1,
      32,
      /list "narcotics_source_countries" holds countries, but `item.hsCode` is text \(an HS code\)/,
    );
  });

  test('type error: a condition that is not a test', () => {
    rejects(
      'declaration.customsValue * 2',
      'SIEVE_ERR_RULE_TYPE',
      1,
      1,
      /must be a yes\/no test, but it is a number/,
    );
  });

  test('unknown field, with a suggestion', () => {
    rejects(
      'declaration.dispatchCountri == "CO"',
      'SIEVE_ERR_RULE_UNKNOWN_FIELD',
      1,
      13,
      /unknown field `dispatchCountri` of declaration; did you mean `dispatchCountry`\?/,
    );
  });

  test('unknown field on an item, on the third line', () => {
    rejects(
      'declaration.office == "KRPUS01"\nand any item in declaration.items:\n  item.orign == "CO"',
      'SIEVE_ERR_RULE_UNKNOWN_FIELD',
      3,
      8,
      /unknown field `orign` of item; did you mean `origin`\?/,
    );
  });

  test('unknown name: an item used outside `any`', () => {
    rejects(
      'item.origin == "CO"',
      'SIEVE_ERR_RULE_UNKNOWN_FIELD',
      1,
      1,
      /unknown name `item`.*any item in declaration.items/,
    );
  });

  test('unknown list, with a suggestion', () => {
    rejects(
      'declaration.dispatchCountry in list("narcotic_source_countries")',
      'SIEVE_ERR_RULE_UNKNOWN_LIST',
      1,
      37,
      /unknown list "narcotic_source_countries"; did you mean "narcotics_source_countries"\?/,
    );
  });

  test('unknown function', () => {
    rejects(
      'contry(declaration.transport.portOfLoading) == "CO"',
      'SIEVE_ERR_RULE_UNKNOWN_FUNCTION',
      1,
      1,
      /did you mean `country`\?/,
    );
  });

  test('every problem of a condition is reported, not only the first', () => {
    const problems = problemsOf(
      'declaration.offce == "A" and declaration.customsValue == "x" and declaration.x in list("nope")',
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.column]),
      [
        ['SIEVE_ERR_RULE_UNKNOWN_FIELD', 13],
        ['SIEVE_ERR_RULE_TYPE', 55],
        ['SIEVE_ERR_RULE_UNKNOWN_FIELD', 78],
        ['SIEVE_ERR_RULE_UNKNOWN_LIST', 88],
      ],
    );
  });

  test('every rule of a ruleset is checked, and duplicate ids are named', () => {
    const result = compileRuleset(
      [
        newRule({ id: 'A', condition: 'declaration.office == 1' }),
        newRule({ id: 'B' }),
        newRule({ id: 'A', condition: 'declaration.office == "X"' }),
      ],
      { lists },
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((p) => [p.ruleId, p.code]),
      [
        ['A', 'SIEVE_ERR_RULE_TYPE'],
        ['A', 'SIEVE_ERR_RULE_DUPLICATE_ID'],
      ],
    );
  });

  test('a problem reads as one line naming the rule, the position and the reason', () => {
    const [p] = problemsOf('declaration.office == 5');
    assert.ok(p);
    assert.equal(
      formatRuleProblem(p),
      'rule R-1, condition line 1, column 20: type error: cannot compare with "==": `declaration.office` is text but `5` is a number (write "5" in quotes to compare text) (SIEVE_ERR_RULE_TYPE)',
    );
  });
});

describe('rules loaded from YAML report positions in the file', () => {
  const yaml = [
    'rules:',
    '  - id: NARC-001',
    '    title: Source country',
    '    description: Dispatched from a source country',
    '    category: narcotics',
    '    points: 20',
    '    condition: |',
    '      declaration.office == "KRPUS01"',
    '      and declaration.dispatchCountry in list("narcotic_sources")',
    '  - id: NARC-002',
    '    title: Inline',
    '    description: Inline condition',
    '    category: narcotics',
    '    points: 5',
    '    condition: declaration.office == 7',
  ].join('\n');

  test('a problem in a literal block condition names the file line and column', () => {
    const loaded = loadRulesFromYaml(yaml);
    assert.ok(loaded.ok);
    const result = compileRuleset(loaded.rules, { lists, locators: loaded.locators });
    assert.ok(!result.ok);
    const [list, type] = result.problems;
    assert.deepEqual(
      [list?.code, list?.line, list?.column, list?.sourceLine, list?.sourceColumn],
      ['SIEVE_ERR_RULE_UNKNOWN_LIST', 2, 41, 9, 47],
    );
    assert.deepEqual(
      [type?.code, type?.line, type?.column, type?.sourceLine, type?.sourceColumn],
      ['SIEVE_ERR_RULE_TYPE', 1, 20, 15, 35],
    );
    assert.match(
      formatRuleProblem(list as RuleProblem),
      /^rule NARC-001, file line 9, column 47 \(condition line 2, column 41\)/,
    );
  });

  test('an invalid rule field is rejected with its file line', () => {
    const loaded = loadRulesFromYaml(
      yaml.replace('points: 5', 'points: five').replace('category: narcotics', 'category: drugs'),
    );
    assert.ok(!loaded.ok);
    assert.deepEqual(
      loaded.problems.map((p) => [p.ruleId, p.field, p.sourceLine, p.code]),
      [
        ['NARC-001', 'category', 5, 'SIEVE_ERR_RULE_INVALID'],
        ['NARC-002', 'points', 14, 'SIEVE_ERR_RULE_INVALID'],
      ],
    );
  });

  test('a misspelt key is rejected rather than ignored', () => {
    const loaded = loadRulesFromYaml(
      yaml.replace('    condition: declaration.office == 7', '    condtion: declaration.office == 7'),
    );
    assert.ok(!loaded.ok);
    assert.ok(loaded.problems.some((p) => p.ruleId === 'NARC-002' && /condtion/.test(p.message)));
  });

  test('broken YAML is a document problem with its line', () => {
    const loaded = loadRulesFromYaml('rules:\n  - id: [unclosed\n');
    assert.ok(!loaded.ok);
    assert.equal(loaded.problems[0]?.code, 'SIEVE_ERR_RULE_DOCUMENT');
    assert.equal(typeof loaded.problems[0]?.sourceLine, 'number');
  });
});
