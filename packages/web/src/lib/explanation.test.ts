import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FiredRule } from '../api/types.ts';
import {
  capNote,
  firingValues,
  queueReason,
  reasonBars,
  rulesByWeight,
  sourceShares,
} from './explanation.ts';

const rule = (over: Partial<FiredRule> = {}): FiredRule => ({
  ruleId: 'R1',
  title: 'Rule',
  description: '',
  category: 'revenue',
  points: 10,
  evidence: [],
  ...over,
});

describe('the explanation as the declaration page shows it', () => {
  it('lists the values that made a rule fire once each', () => {
    const r = rule({
      evidence: [
        {
          test: 'a',
          holds: true,
          text: '',
          values: [
            { expr: 'item.unitValue', value: 1.82 },
            { expr: 'band(item).low', value: 4.1 },
          ],
        },
        { test: 'b', holds: true, text: '', values: [{ expr: 'item.unitValue', value: 1.82 }] },
      ],
    });
    assert.deepEqual(firingValues(r), [
      { expr: 'item.unitValue', value: '1.82' },
      { expr: 'band(item).low', value: '4.1' },
    ]);
  });

  it('orders rules by points, then id', () => {
    const order = rulesByWeight({
      rules: [
        rule({ ruleId: 'B', points: 5 }),
        rule({ ruleId: 'C', points: 20 }),
        rule({ ruleId: 'A', points: 5 }),
      ],
    });
    assert.deepEqual(
      order.map((r) => r.ruleId),
      ['C', 'A', 'B'],
    );
  });

  it('drops sources that gave nothing and names the rest, largest first', () => {
    const shares = sourceShares([
      { source: 'rules', risk: 0.6, weighted: 0.48, share: 0.3 },
      { source: 'watchlist', risk: 0, weighted: 0, share: 0 },
      { source: 'model', risk: 0.8, weighted: 0.8, share: 0.7 },
    ]);
    assert.deepEqual(
      shares.map((s) => s.label),
      ['Predictive model', 'Risk rules'],
    );
  });

  it('scales model reasons to the largest, whichever way it points', () => {
    const bars = reasonBars([
      { subject: 'importer', contribution: -2, direction: 'lowers', text: '' },
      { subject: 'hs6', contribution: 1, direction: 'raises', text: '' },
    ]);
    assert.deepEqual(
      bars.map((b) => b.width),
      [1, 0.5],
    );
  });

  it('notes a cap only when it bit', () => {
    assert.equal(
      capNote({ category: 'revenue', raw: 90, cap: 70 }),
      'revenue points capped at 70 (the rules gave 90)',
    );
    assert.equal(capNote({ category: 'revenue', raw: 50, cap: 70 }), null);
    assert.equal(capNote({ category: 'revenue', raw: 50 }), null);
  });

  it('shows in the queue the first reason that is not the lane summary', () => {
    assert.equal(
      queueReason(['Lane RED (physical examination): 65 points reach red (45).', 'E2E-SOURCE (+30) ...']),
      'E2E-SOURCE (+30) ...',
    );
    assert.equal(queueReason(['Lane GREEN (released): 0 points.']), 'Lane GREEN (released): 0 points.');
    assert.equal(queueReason([]), '');
  });
});
