import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simulateFeedbackLoop } from './feedback-simulation.ts';
import { syntheticHistory } from './test-data.ts';

describe('simulateFeedbackLoop', () => {
  const rows = syntheticHistory({ days: 56, perDay: 30, seed: 4 });
  const base = { rows, rate: 0.1, warmupWeeks: 3, seed: 1, params: { rounds: 20 } } as const;

  it('inspects the chosen share every week and beats the base rate by exploiting the model', () => {
    const r = simulateFeedbackLoop({ ...base, explorationShare: 0, exploration: 'random' });
    assert.equal(r.weeks.length, 5);
    for (const w of r.weeks) assert.equal(w.inspected, Math.floor(w.declarations * 0.1));
    const baseRate = rows.filter((x) => x.outcome.finding).length / rows.length;
    assert.ok(r.precision > baseRate + 0.15, `precision ${r.precision} against base rate ${baseRate}`);
  });

  it('splits findings between exploitation and exploration, and is repeatable', () => {
    const a = simulateFeedbackLoop({ ...base, explorationShare: 0.5, exploration: 'random' });
    const b = simulateFeedbackLoop({ ...base, explorationShare: 0.5, exploration: 'random' });
    assert.deepEqual(b, a);
    assert.ok(a.weeks.some((w) => w.exploreFindings > 0));
    for (const w of a.weeks) assert.equal(w.exploitFindings + w.exploreFindings, w.findings);
  });

  it('retrains less often when asked, still inspecting every week', () => {
    const every = simulateFeedbackLoop({ ...base, explorationShare: 0, exploration: 'random' });
    const sparse = simulateFeedbackLoop({
      ...base,
      explorationShare: 0,
      exploration: 'random',
      retrainEveryWeeks: 2,
    });
    assert.equal(sparse.weeks.length, every.weeks.length);
    assert.equal(sparse.inspected, every.inspected);
    assert.throws(
      () =>
        simulateFeedbackLoop({ ...base, explorationShare: 0, exploration: 'random', retrainEveryWeeks: 0 }),
      /SIEVE_ERR_MODEL_PARAMS/,
    );
  });
});
