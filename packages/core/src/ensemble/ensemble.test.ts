import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { combineRisk, DEFAULT_ENSEMBLE_CONFIG, LANES, parseEnsembleConfig } from './ensemble.ts';

describe('combineRisk', () => {
  it('sends a strong model score to red and a quiet declaration to green', () => {
    assert.equal(combineRisk({ rulePoints: 0, watchlistHits: [], modelProbability: 0.9 }).lane, 'red');
    assert.equal(combineRisk({ rulePoints: 0, watchlistHits: [], modelProbability: 0.05 }).lane, 'green');
  });

  it('adds agreeing sources: rules and model together score above either alone', () => {
    const both = combineRisk({ rulePoints: 10, watchlistHits: [], modelProbability: 0.4 });
    const rules = combineRisk({ rulePoints: 10, watchlistHits: [] });
    const model = combineRisk({ rulePoints: 0, watchlistHits: [], modelProbability: 0.4 });
    assert.ok(both.score > rules.score && both.score > model.score);
    assert.equal(both.lane, 'yellow');
  });

  it('lets a strong watchlist hit and a rule-demanded lane raise the lane, never lower it', () => {
    const config = parseEnsembleConfig({
      ...DEFAULT_ENSEMBLE_CONFIG,
      weights: { rules: 0.8, watchlist: 0.4, model: 1 },
    });
    const hit = combineRisk(
      { rulePoints: 0, watchlistHits: [{ score: 0.95 }], modelProbability: 0.01 },
      config,
    );
    assert.ok(hit.score < 0.5);
    assert.equal(hit.lane, 'red');
    assert.match(hit.laneReason, /watchlist/);
    const ruled = combineRisk({
      rulePoints: 0,
      ruleLane: 'yellow',
      watchlistHits: [],
      modelProbability: 0.95,
    });
    assert.equal(ruled.lane, 'red');
    const weak = combineRisk({ rulePoints: 0, watchlistHits: [{ score: 0.3 }] });
    assert.equal(weak.score, 0);
  });

  it('ranks by expected revenue when configured', () => {
    const config = parseEnsembleConfig({ ...DEFAULT_ENSEMBLE_CONFIG, rankBy: 'expected-revenue' });
    const r = combineRisk(
      { rulePoints: 0, watchlistHits: [], modelProbability: 0.5, revenueAtStake: 1000 },
      config,
    );
    assert.equal(r.rankingScore, 500);
  });

  it('rejects a configuration with every problem listed', () => {
    assert.throws(
      () =>
        parseEnsembleConfig({ ...DEFAULT_ENSEMBLE_CONFIG, weights: { rules: 2, watchlist: 1, model: -1 } }),
      /SIEVE_ERR_ENSEMBLE_CONFIG.*weights\.rules.*weights\.model/,
    );
  });

  it('keeps the score in [0, 1], shares summing to 1, and is monotone in the model probability', () => {
    fc.assert(
      fc.property(
        fc.nat(200),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (points, hit, p, q) => {
          const a = combineRisk({
            rulePoints: points,
            watchlistHits: [{ score: hit }],
            modelProbability: Math.min(p, q),
          });
          const b = combineRisk({
            rulePoints: points,
            watchlistHits: [{ score: hit }],
            modelProbability: Math.max(p, q),
          });
          assert.ok(a.score >= 0 && a.score <= 1);
          assert.ok(b.score >= a.score);
          assert.ok(LANES.indexOf(b.lane) >= LANES.indexOf(a.lane));
          const shares = a.parts.reduce((s, x) => s + x.share, 0);
          assert.ok(a.score === 0 ? shares === 0 : Math.abs(shares - 1) < 1e-9);
        },
      ),
    );
  });
});
