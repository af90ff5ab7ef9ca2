import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WatchlistError } from '../watchlist-error.ts';
import { parseIdentifier } from './identifier-schemes.ts';
import { parseLookoutCsv } from './lookout-csv.ts';

const meta = { listId: 'kr', version: '1' };

/** A lookout file as @sieve/synth writes it: `;` between values, `dob`, a `list` column, national identifiers. */
const GENERATED = [
  'id,list,kind,name,aliases,country,dob,identifiers,reason',
  'LK-0003,SIEVE-SYNTH-LOOKOUT,individual,PARK JI-WOO,박지우;PARK JI-WOOO,KR,1987-02-23,,strategic goods diversion',
  'LK-0019,SIEVE-SYNTH-LOOKOUT,entity,"SAMIL FOODS CO., LTD.",(주)삼일식품,KR,,KR-BRN:150-38-48767,front company',
].join('\n');

test('lookout CSV: reads the layout the synthetic generator writes', () => {
  const list = parseLookoutCsv(GENERATED, meta);
  assert.equal(list.name, 'SIEVE-SYNTH-LOOKOUT', 'the list column names the list when every row agrees');
  const [person, company] = list.entries;
  assert.deepEqual(
    person?.names.map((n) => n.name),
    ['PARK JI-WOO', '박지우', 'PARK JI-WOOO'],
  );
  assert.deepEqual(person?.birthDates, ['1987-02-23']);
  assert.equal(company?.kind, 'company');
  assert.deepEqual(company?.identifiers, [
    { scheme: 'registration', value: '150-38-48767', country: 'KR', label: 'KR-BRN' },
  ]);
});

test('identifiers: national schemes map to the model with their issuing country', () => {
  assert.deepEqual(parseIdentifier('EORI:DE123456789012'), {
    scheme: 'registration',
    value: 'DE123456789012',
    country: 'DE',
    label: 'EORI',
  });
  assert.deepEqual(parseIdentifier('vat:EL094259216'), {
    scheme: 'tax',
    value: 'EL094259216',
    country: 'GR',
    label: 'VAT',
  });
  assert.deepEqual(parseIdentifier('TIN:123-45'), { scheme: 'tax', value: '123-45', label: 'TIN' });
  assert.deepEqual(parseIdentifier('US-EIN:12-3456789'), {
    scheme: 'tax',
    value: '12-3456789',
    country: 'US',
    label: 'US-EIN',
  });
  assert.deepEqual(parseIdentifier('RU-passport:712345678'), {
    scheme: 'passport',
    value: '712345678',
    country: 'RU',
    label: 'RU-passport',
  });
  assert.deepEqual(parseIdentifier('IMO:9321483'), { scheme: 'imo', value: '9321483' });
  assert.deepEqual(parseIdentifier('call sign:3FZU7'), { scheme: 'call-sign', value: '3FZU7' });
  assert.deepEqual(parseIdentifier('national-id:A1'), { scheme: 'national-id', value: 'A1' });
});

test('identifiers: what cannot be read says which forms are accepted', () => {
  for (const bad of ['XX-BRN:1', 'PASSPORT 712345678', 'KR-BRN:', 'QQ-passport:1']) {
    const r = parseIdentifier(bad);
    assert.ok('expected' in r, bad);
    assert.match(r.expected, /scheme:value.*passport.*RU-passport.*EORI.*KR-BRN/, bad);
  }
  const eori = parseIdentifier('EORI:123456');
  assert.ok('expected' in eori);
  assert.match(eori.expected, /starting with the issuing country's code/);
});

test('lookout CSV: every bad row is reported with its line, column, value and the accepted forms', () => {
  const text = [
    'id,kind,name,identifiers,reason',
    'A,person,Ivan Petrov,KR-XYZ:1,"two',
    'lines"',
    '',
    'B,robot,,passport:1,',
    'C,person,Y,EORI:123,',
  ].join('\n');
  assert.throws(
    () => parseLookoutCsv(text, meta),
    (e: unknown) => {
      assert.ok(e instanceof WatchlistError);
      assert.equal(e.code, 'SIEVE_ERR_WATCHLIST_ENTRY');
      assert.deepEqual(
        e.problems.map((p) => [p.line, p.column, p.value]),
        [
          [2, 'identifiers', 'KR-XYZ:1'],
          [5, 'kind', 'robot'],
          [5, 'name', undefined],
          [6, 'identifiers', 'EORI:123'],
        ],
      );
      assert.match(
        e.message,
        /line 2, column identifiers: found "KR-XYZ:1"; expected scheme:value, where scheme is one of passport/,
      );
      assert.match(e.message, /line 5, column kind: found "robot"; expected one of person, company/);
      return true;
    },
  );
});

test('lookout CSV: an unknown or missing column is refused before any row is read', () => {
  assert.throws(
    () => parseLookoutCsv('id,kind,nmae,alias\nA,person,X,Y\n', meta),
    (e: unknown) =>
      e instanceof WatchlistError &&
      e.problems.length === 2 &&
      /line 1, column nmae: expected a column among id, kind, name/.test(e.message) &&
      /line 1, column name: expected a column "name" in the header/.test(e.message),
  );
});

test('lookout CSV: a bad date names its column', () => {
  assert.throws(
    () => parseLookoutCsv('id,kind,name,birth_date\nA,person,X,12/05/1970\n', meta),
    (e: unknown) =>
      e instanceof WatchlistError &&
      e.problems[0]?.line === 2 &&
      e.problems[0]?.column === 'birth_date' &&
      e.problems[0]?.value === '12/05/1970',
  );
});

test('lookout CSV: an id used twice is reported on the second row, naming the first', () => {
  const text = [
    'id,kind,name',
    'L-1,person,Ivan Petrov',
    'L-2,person,Kim Jong Sik',
    'L-1,company,Hanbit Trading',
  ].join('\n');
  assert.throws(
    () => parseLookoutCsv(text, meta),
    (e: WatchlistError) => {
      assert.deepEqual(e.problems, [
        { line: 4, column: 'id', value: 'L-1', expected: 'an id not already used (line 2)' },
      ]);
      return true;
    },
  );
});
