import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Watchlist, watchlistEntrySchema } from './model.ts';
import { ScreeningMemo } from './screening-memo.ts';
import { WatchlistIndex } from './watchlist-index.ts';

const list: Watchlist = {
  id: 'kr',
  name: 'lookouts',
  version: 'v1',
  entries: [
    { id: 'kr:L-1', kind: 'company', names: [{ name: 'Hanbit Trading Co., Ltd.' }], countries: ['KR'] },
    { id: 'kr:L-2', kind: 'person', names: [{ name: 'Ivan Petrov' }], birthDates: ['1970'] },
    {
      id: 'kr:L-3',
      kind: 'person',
      names: [{ name: 'Kim Jong Sik' }],
      birthDates: ['1961-02-03'],
      validUntil: '2026-03-01',
    },
  ].map((e) => watchlistEntrySchema.parse({ ...e, list: 'kr' })),
};
const index = WatchlistIndex.build([list]);

test('a memo answers exactly what the index answers, for any query and day', () => {
  const memo = new ScreeningMemo(index, 8);
  const names = ['Hanbit Trading', 'Ivan Petrof', 'Kim Jong Sik', 'Nobody', 'Petrov Ivan'];
  fc.assert(
    fc.property(
      fc.constantFrom(...names),
      fc.option(fc.constantFrom('1970', '1961-02-03', '1980'), { nil: undefined }),
      fc.option(fc.constantFrom('2026-01-15', '2026-04-01'), { nil: undefined }),
      (name, birthDate, on) => {
        const query = { name, ...(birthDate ? { birthDate } : {}) };
        const options = { threshold: 0.8, limit: 5, ...(on ? { on } : {}) };
        assert.deepEqual(memo.screen(query, options), index.screen(query, options));
      },
    ),
    { numRuns: 300 },
  );
});

test('a repeated screening is not scored again, and a different day or birth date is a different screening', () => {
  const memo = new ScreeningMemo(index);
  const first = memo.screen({ name: 'Kim Jong Sik' }, { on: '2026-01-15' });
  assert.equal(first.length, 1);
  assert.equal(memo.screen({ name: 'Kim Jong Sik' }, { on: '2026-01-15' }), first, 'the same array');
  assert.deepEqual(memo.screen({ name: 'Kim Jong Sik' }, { on: '2026-04-01' }), [], 'the lookout expired');
  assert.notEqual(memo.screen({ name: 'Kim Jong Sik', birthDate: '1961' }, { on: '2026-01-15' }), first);
  assert.throws(() => (first as unknown[]).push(1), TypeError, 'shared hits are frozen');
});

test('the memo forgets the least recently used screening beyond its size', () => {
  const memo = new ScreeningMemo(index, 2);
  const a = memo.screen({ name: 'Ivan Petrov' });
  memo.screen({ name: 'Hanbit Trading' });
  assert.equal(memo.screen({ name: 'Ivan Petrov' }), a, 'used again: now the most recent');
  memo.screen({ name: 'Nobody' }); // evicts Hanbit Trading, not Ivan Petrov
  assert.equal(memo.screen({ name: 'Ivan Petrov' }), a);
  memo.screen({ name: 'Hanbit Trading' }); // evicts Nobody
  memo.screen({ name: 'Someone Else' }); // evicts Ivan Petrov
  assert.notEqual(memo.screen({ name: 'Ivan Petrov' }), a, 'scored again after being forgotten');
});
