import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateRiskModel } from './evaluate-risk-model.ts';
import { explainScore } from './explain.ts';
import { ModelError } from './model-error.ts';
import { loadRiskModel } from './risk-model.ts';
import { syntheticHistory } from './test-data.ts';
import { isoDay, trainRiskModel } from './train-risk-model.ts';

const rows = syntheticHistory({ days: 80, perDay: 40, seed: 7 });
const start = rows[0]!.facts.day;
const train = rows.filter((r) => r.facts.day < start + 60);
const valid = rows.filter((r) => r.facts.day >= start + 60);
const params = { rounds: 80, earlyStoppingRounds: 15 };

describe('trainRiskModel', () => {
  const json = trainRiskModel({ train, valid, seed: 5, params });

  it('gives the same model and the same scores for the same seed', () => {
    const again = trainRiskModel({ train, valid, seed: 5, params });
    assert.deepEqual(again, json);
    const a = evaluateRiskModel(loadRiskModel(json), valid).scores;
    const b = evaluateRiskModel(loadRiskModel(again), valid).scores;
    assert.deepEqual(b, a);
  });

  it('learns risky importers from history and beats the base rate at the top', () => {
    const v = json.metrics.validation!;
    const baseRate = v.findings / v.rows;
    assert.ok(v.p_at_10 > baseRate + 0.2, `P@10 ${v.p_at_10} against base rate ${baseRate}`);
    assert.ok(v.auc > 0.7);
  });

  it('scores the same after a JSON round trip', () => {
    const loaded = loadRiskModel(JSON.parse(JSON.stringify(json)));
    const e = evaluateRiskModel(loaded, valid);
    assert.equal(e.historyUntil, isoDay(start + 59));
    assert.ok(Math.abs(e.auc - json.metrics.validation!.auc) < 1e-6);
  });

  it('explains a score with reasons that add up to it', () => {
    const model = loadRiskModel(json);
    const history = model.historyBefore(isoDay(valid[0]!.facts.day));
    const ex = explainScore(model, valid[0]!.facts, history, 100);
    assert.ok(Math.abs(ex.probability - model.scoreFacts(valid[0]!.facts, history).probability) < 1e-9);
    assert.ok(ex.reasons.some((r) => r.text.startsWith('importer IMP')));
  });

  it('rejects a file that is not a model, with a stable code', () => {
    assert.throws(
      () => loadRiskModel({ format: 'something-else' }),
      (e: unknown) => e instanceof ModelError && e.code === 'SIEVE_ERR_MODEL_FORMAT',
    );
    assert.throws(
      () => loadRiskModel({ ...json, features: json.features.slice(1) }),
      (e: unknown) => e instanceof ModelError && e.code === 'SIEVE_ERR_MODEL_FEATURES',
    );
  });
});
