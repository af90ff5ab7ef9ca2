/**
 * Must show (issue 3): a backtest on the KCS data (train.csv as history for
 * the value bands and lists, valid.csv as the period tested) with the
 * example ruleset rules/examples/kcs.rules.yaml reports precision, recall
 * and lift. The same run as `sieve rules backtest` (docs/risk-engine.md).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { loadListsFromYaml, loadRulesFromYaml } from '@sieve/core/rules';
import { loadHistorySpecs, parseScoringPolicy } from '@sieve/core/scoring';
import { type BacktestResult, readLabelled, runBacktest } from '@sieve/pipeline';
import { parse } from 'yaml';
import { sharedFile } from '../support/shared-data.ts';

const train = sharedFile('kcs/train.csv');
const valid = sharedFile('kcs/valid.csv');
const missing = train.missing || valid.missing;
const example = (f: string) => readFileSync(new URL(`../../rules/examples/${f}`, import.meta.url), 'utf8');

let result: BacktestResult;
let trainImporters: Set<string>;

before(async () => {
  if (missing) return;
  const rules = loadRulesFromYaml(example('kcs.rules.yaml'));
  const lists = loadListsFromYaml(example('kcs.lists.yaml'));
  assert.ok(rules.ok && lists.ok);
  const history = await readLabelled(train.path, { map: 'kcs' });
  const period = await readLabelled(valid.path, { map: 'kcs' });
  trainImporters = new Set(
    history.rows.flatMap((r) => (r.declaration.importer ? [r.declaration.importer.id] : [])),
  );
  result = runBacktest(history.rows, period.rows, {
    rules: rules.rules,
    lists: lists.lists,
    locators: rules.locators,
    historyLists: loadHistorySpecs(example('kcs.history.yaml')),
    bands: { basis: 'kg', low: 5, high: 95 },
    policy: parseScoringPolicy({ ...parse(example('kcs.policy.yaml')), seed: 'backtest' }),
  });
});

describe('KCS backtest of the example ruleset: 2020 as history, 2021 Q1 tested', { skip: missing }, () => {
  test('reports precision, recall and lift over random selection, better than random', () => {
    const { report } = result;
    const o = report.overall;
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(
      `KCS valid.csv: ${report.declarations} declarations, ${report.findings} findings (base rate ${pct(report.baseRate)}); ` +
        `selected ${o.selected} (${pct(o.inspectionRate)}): precision ${pct(o.precision)}, recall ${pct(o.recall)}, ` +
        `lift ${o.lift.toFixed(2)}, revenue found ${pct(o.revenueShare)}`,
    );
    for (const r of report.atRates) {
      console.log(
        `  top ${pct(r.rate)}: precision ${pct(r.precision)}, recall ${pct(r.recall)}, lift ${r.lift.toFixed(2)}`,
      );
    }
    assert.equal(report.declarations, 8134);
    assert.equal(report.findings, 1704);
    assert.ok(o.inspectionRate > 0.03 && o.inspectionRate < 0.15, `inspection rate ${o.inspectionRate}`);
    assert.ok(o.lift >= 2, `lift ${o.lift}`);
    assert.ok(o.precision >= 2 * report.baseRate);
    assert.ok(o.recall > o.inspectionRate * 2, 'finds more than twice its share of the findings');
    assert.ok(report.atRates.every((r) => r.lift > 1.5));
  });

  test('every rule is reported with its own hits, precision, recall and lift', () => {
    const ids = result.report.rules.map((r) => r.ruleId);
    assert.ok(
      ids.includes('KCS-HS6-PROFILE') &&
        ids.includes('KCS-VALUE-BELOW-BAND') &&
        ids.includes('KCS-NEW-IMPORTER'),
    );
    for (const r of result.report.rules) {
      assert.ok(r.selected > 0, `${r.ruleId} never fired`);
      assert.ok(r.hits <= r.selected && Number.isFinite(r.lift));
    }
    const profile = result.report.rules.find((r) => r.ruleId === 'KCS-HS6-PROFILE')!;
    assert.ok(profile.lift > 2, 'the commodity profile from 2020 still finds fraud in 2021');
  });

  test('bands and lists come from the history only', () => {
    const known = result.derivedLists.find((l) => l.name === 'kcs_known_importers')!;
    assert.equal(known.entries.length, trainImporters.size);
    assert.ok(known.entries.every((e) => trainImporters.has(e.value)));
    assert.equal(result.bands?.basis, 'kg');
    assert.ok((result.bands?.bands.length ?? 0) > 100);
  });
});
