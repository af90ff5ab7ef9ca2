/**
 * The shipped examples (rules/examples) load and check: rulesets against
 * their lists (lists derived from history stand in empty), lookouts and
 * policies. A broken example would otherwise surface only in the demo.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { compileRuleset, loadListsFromYaml, loadRulesFromYaml } from '@sieve/core/rules';
import {
  deriveHistoryLists,
  loadHistorySpecs,
  loadLookoutsFromYaml,
  parseScoringPolicy,
} from '@sieve/core/scoring';
import { parse } from 'yaml';

const read = (f: string) => readFileSync(new URL(`../../rules/examples/${f}`, import.meta.url), 'utf8');

describe('shipped examples', () => {
  for (const name of ['kcs', 'demo']) {
    test(`${name}.rules.yaml checks against its lists`, () => {
      const rules = loadRulesFromYaml(read(`${name}.rules.yaml`));
      const lists = loadListsFromYaml(read(`${name}.lists.yaml`));
      assert.ok(rules.ok, JSON.stringify(!rules.ok && rules.problems));
      assert.ok(lists.ok, JSON.stringify(!lists.ok && lists.problems));
      const derived = deriveHistoryLists([], loadHistorySpecs(read(`${name}.history.yaml`)));
      const compiled = compileRuleset(rules.rules, {
        lists: [...lists.lists, ...derived],
        locators: rules.locators,
      });
      assert.ok(compiled.ok, JSON.stringify(!compiled.ok && compiled.problems));
      const policy = parseScoringPolicy({ ...parse(read(`${name}.policy.yaml`)), seed: 'test' });
      assert.ok(policy.thresholds.red > policy.thresholds.yellow);
    });
  }

  test('commodity lookouts load, arsenic trichloride among the CWC precursors', () => {
    const cwc = loadLookoutsFromYaml(read('lookouts/cwc-precursors.yaml'));
    const cites = loadLookoutsFromYaml(read('lookouts/cites.yaml'));
    assert.ok(cwc.ok && cites.ok);
    const entry = cwc.lookouts[0]?.list.entries.find((e) => e.value === '281219');
    assert.match(entry?.reason ?? '', /arsenic trichloride/);
    assert.equal(cites.lookouts[0]?.category, 'cites');
  });
});
