import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Watchlist, watchlistEntrySchema } from './model.ts';
import { scoreNamePair } from './name-pair.ts';
import { WatchlistIndex } from './watchlist-index.ts';

const list: Watchlist = {
  id: 't',
  name: 't',
  version: '1',
  entries: [
    'constructor',
    'Osama bin Laden',
    'Владимир Путин',
    '习近平',
    'محمد بن سلمان',
    'Sea Star 1',
    'A',
    '😀',
  ].map((name, i) =>
    watchlistEntrySchema.parse({
      id: `t:${i}`,
      list: 't',
      kind: 'person',
      names: [{ name }],
      birthDates: ['1960'],
    }),
  ),
};
const index = WatchlistIndex.build([list]);

// Text of every kind: any Unicode, emoji, right-to-left marks and scripts, control characters.
const rtl = fc.constantFrom('\u202e', '\u200f', 'مرحبا', 'שלום', '\u0645\u0651', 'ال');
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('😀', '👨‍👩‍👧', '\u0000', '\uffff', '\ud800', ' ', '.', "'", '-'),
    maxLength: 30,
  }),
  fc.array(rtl, { maxLength: 8 }).map((a) => a.join(' ')),
  fc.constant(''),
  // Names that are also properties of every JavaScript object.
  fc.constantFrom(
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'Constructor Group',
    'valueOf Ltd',
  ),
);

test('screening never throws and always returns scores between 0 and 1, on any text', () => {
  fc.assert(
    fc.property(nasty, fc.option(fc.string({ maxLength: 12 })), (name, dob) => {
      const hits = index.search({ name, ...(dob ? { birthDate: dob } : {}) }, { limit: 3 });
      for (const h of hits) assert.ok(h.score >= 0 && h.score <= 1);
      index.screen({ name });
      const pair = scoreNamePair(name, 'Osama bin Laden', 'Person');
      assert.ok(pair.score >= 0 && pair.score <= 1);
      for (const schema of ['Company', 'Vessel', name]) {
        const s = scoreNamePair(name, name, schema).score;
        assert.ok(s >= 0 && s <= 1);
      }
    }),
    { numRuns: 500 },
  );
});

test('a 10,000-character name is screened quickly and safely', () => {
  for (const name of ['a'.repeat(10_000), 'محمد '.repeat(2_000), '习'.repeat(10_000), '😀'.repeat(10_000)]) {
    const t = performance.now();
    index.screen({ name });
    scoreNamePair(name, name);
    assert.ok(performance.now() - t < 500, `took ${performance.now() - t} ms`);
  }
});

test('screening is deterministic', () => {
  const q = { name: 'Usama bin Ladin', birthDate: '1960' };
  assert.deepEqual(index.search(q), index.search(q));
});
