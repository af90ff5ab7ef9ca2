import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entriesToText, textToEntries } from './lists-page.tsx';
import { metricPairs } from './models-page.tsx';

describe('reference list entries as analysts type them', () => {
  it('reads one entry a line, with an optional reason after a dash', () => {
    assert.deepEqual(textToEntries('CO — cocaine source\n\n  PE - coca leaf \nBO'), [
      { value: 'CO', reason: 'cocaine source' },
      { value: 'PE', reason: 'coca leaf' },
      { value: 'BO' },
    ]);
  });

  it('writes back what it reads', () => {
    const entries = [{ value: '0901', reason: 'cover load' }, { value: '0803' }];
    assert.deepEqual(textToEntries(entriesToText(entries)), entries);
  });

  it('keeps a hyphen inside a value', () => {
    assert.deepEqual(textToEntries('BR-SSZ'), [{ value: 'BR-SSZ' }]);
  });
});

describe('model metrics on the models page', () => {
  it('flattens one level and keeps numbers only', () => {
    assert.deepEqual(metricPairs({ auc: 0.91234, valid: { pAt5: 0.953, note: 'x' }, rows: 37385 }), [
      { name: 'auc', value: '0.912' },
      { name: 'valid.pAt5', value: '0.953' },
      { name: 'rows', value: '37,385' },
    ]);
  });
});
