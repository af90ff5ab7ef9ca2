import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caretLines, problemPlace } from './rule-editor.tsx';

describe('rule problems shown under the condition', () => {
  it('points a caret at the column of the problem', () => {
    assert.equal(
      caretLines('any item in declaration.items:\n  item.hsCod startsWith "09"', { line: 2, column: 8 }),
      '  item.hsCod startsWith "09"\n       ^',
    );
  });

  it('shows no caret for problems outside the condition', () => {
    assert.equal(caretLines('x > 1', {}), null);
    assert.equal(caretLines('x > 1', { line: 3, column: 1 }), null);
  });

  it('says where: line and column, or the field', () => {
    assert.equal(
      problemPlace({ code: 'SIEVE_ERR_RULE_SYNTAX', message: '', line: 1, column: 5 }),
      'line 1, column 5',
    );
    assert.equal(problemPlace({ code: 'SIEVE_ERR_RULE_INVALID', message: '', field: 'points' }), 'points');
  });
});
