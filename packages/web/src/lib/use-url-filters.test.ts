import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayPeriod } from './use-url-filters.ts';

describe('the period of a date filter', () => {
  it('runs from the start of the first day to the start of the day after the last', () => {
    assert.deepEqual(dayPeriod('2026-02-03', '2026-02-28'), {
      from: '2026-02-03T00:00:00Z',
      to: '2026-03-01T00:00:00.000Z',
    });
  });

  it('leaves a blank or impossible day out, so the server applies no bound', () => {
    assert.deepEqual(dayPeriod('', 'not a day'), { from: undefined, to: undefined });
  });
});
