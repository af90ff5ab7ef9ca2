import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newDeclaration, newParty } from '../testing/factories.ts';
import { type Watchlist, type WatchlistEntryInput, watchlistEntrySchema } from './model.ts';
import { screenParties, subjectsOfDeclaration } from './screen-parties.ts';
import { WatchlistIndex } from './watchlist-index.ts';

function list(id: string, entries: Omit<WatchlistEntryInput, 'list'>[]): Watchlist {
  return {
    id,
    name: id,
    version: 'v1',
    entries: entries.map((e) => watchlistEntrySchema.parse({ ...e, list: id })),
  };
}

const un = list('un', [
  {
    id: 'un:QDi.006',
    kind: 'person',
    names: [
      { name: 'AYMAN MUHAMMED RABI AL-ZAWAHIRI' },
      { name: 'Abdul Muaz', strength: 'weak', type: 'aka' },
    ],
    birthDates: ['1951-06-19'],
    nationalities: ['EG'],
  },
  { id: 'un:QDi.999', kind: 'person', names: [{ name: 'Ivan Petrov' }], birthDates: ['1970'] },
  {
    id: 'un:QDe.004',
    kind: 'organisation',
    names: [{ name: 'Al-Qaida' }, { name: 'The Base', type: 'aka' }],
  },
]);
const lookouts = list('kr', [
  { id: 'kr:L-1', kind: 'company', names: [{ name: 'Hanbit Trading Co., Ltd.' }], countries: ['KR'] },
  {
    id: 'kr:L-2',
    kind: 'vessel',
    names: [{ name: 'Sea Star' }],
    identifiers: [{ scheme: 'imo', value: '9321483' }],
  },
  { id: 'kr:L-3', kind: 'person', names: [{ name: 'Old Lookout' }], validUntil: '2025-01-01' },
]);
const index = WatchlistIndex.build([un, lookouts]);

test('a reordered, misspelt name finds its entry and names the alias that matched', () => {
  const [hit] = index.screen({ name: 'al-Zawahiry, Aiman Mohammed' });
  assert.equal(hit?.entryId, 'un:QDi.006');
  assert.equal(hit?.matchedName.name, 'AYMAN MUHAMMED RABI AL-ZAWAHIRI');
  assert.ok(hit && hit.tokens.length > 0);
});

test('date of birth raises an exact match and sinks someone born decades apart', () => {
  const same = index.screen({ name: 'Ivan Petrov', birthDate: '1970-03-02' })[0];
  assert.equal(same?.factors[0]?.factor, 'birth-date');
  assert.ok((same?.score ?? 0) >= 0.8);
  assert.deepEqual(index.screen({ name: 'Ivan Petrov', birthDate: '1999-03-02' }), []);
  const swapped = index.search({ name: 'Ayman al-Zawahiri', birthDate: '1951-19-06' })[0];
  assert.match(swapped?.factors.find((f) => f.factor === 'birth-date')?.detail ?? '', /other day|swapped/);
});

test('an exact identifier settles a match whatever the name', () => {
  const [hit] = index.screen({
    name: 'Completely Different',
    kinds: ['vessel'],
    identifiers: [{ value: 'IMO 9321483' }],
  });
  assert.equal(hit?.entryId, 'kr:L-2');
  assert.equal(hit?.score, 1);
  assert.equal(hit?.factors[0]?.factor, 'identifier');
});

test('kinds, lists and validity restrict what is screened', () => {
  assert.deepEqual(index.screen({ name: 'Sea Star', kinds: ['person'] }), []);
  assert.equal(index.screen({ name: 'Sea Star' }, { lists: ['un'] }).length, 0);
  assert.equal(index.screen({ name: 'Old Lookout' }).length, 1);
  assert.equal(index.screen({ name: 'Old Lookout' }, { on: '2026-03-01' }).length, 0);
});

test('thresholds are per list', () => {
  assert.equal(index.screen({ name: 'Hanbit Tradng' }, { threshold: { kr: 0.99 } }).length, 0);
  assert.equal(index.screen({ name: 'Hanbit Tradng' }, { threshold: { kr: 0.6 } })[0]?.entryId, 'kr:L-1');
});

test('screenParties screens every party and the vessel and applies each list policy', () => {
  const declaration = newDeclaration({
    importer: newParty({ id: 'X1', name: 'HANBIT TRADING COMPANY LIMITED' }),
    transport: { meansId: 'IMO9321483', meansName: 'SEA STAR' },
  });
  const result = screenParties(subjectsOfDeclaration(declaration), index, [
    { list: 'kr', points: 40 },
    { list: 'un', lane: 'red' },
  ]);
  assert.deepEqual(
    result.subjects.map((s) => s.subject.role),
    ['importer', 'vessel'],
  );
  assert.equal(result.points, 80);
  assert.equal(result.lane, undefined);
  assert.match(result.subjects[0]!.explanation, /importer "HANBIT TRADING COMPANY LIMITED" matches kr/);
  assert.deepEqual(result.lists, [
    { id: 'un', version: 'v1' },
    { id: 'kr', version: 'v1' },
  ]);
});

test('a hit on a list that forces a lane forces it', () => {
  const declaration = newDeclaration({ exporter: newParty({ id: 'X2', name: 'Al Qaeda' }) });
  const result = screenParties(subjectsOfDeclaration(declaration), index, [{ list: 'un', lane: 'red' }]);
  assert.equal(result.lane, 'red');
  assert.ok(result.bestScore >= 0.8);
});
