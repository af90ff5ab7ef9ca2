import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareNames } from './name-match.ts';
import { scoreNamePair } from './name-pair.ts';
import { normaliseName } from './text/normalise-name.ts';

const texts = (name: string, kind?: Parameters<typeof normaliseName>[1]) =>
  normaliseName(name, kind).tokens.map((t) => t.text);

test('normalisation folds case, diacritics and punctuation and drops titles', () => {
  assert.deepEqual(texts('Dr. Ayman AL-ZAWAHIRI'), ['ayman', 'al', 'zawahiri']);
  assert.deepEqual(texts('Jürgen Müller'), ['jurgen', 'muller']);
  assert.deepEqual(texts("O'Brien, Seán"), ['obrien', 'sean']);
});

test('legal forms are dropped from organisation names, dotted or not, before or after', () => {
  assert.deepEqual(texts('Grupo Mundo Marino, S.A. de C.V.', 'organisation'), ['group', 'mundo', 'marino']);
  assert.deepEqual(texts('ООО Ромашка', 'organisation'), ['romashka']);
  assert.deepEqual(texts('Alpha Trading G.m.b.H.', 'organisation'), ['alpha', 'trading']);
  assert.deepEqual(texts('Hanbit Trading Co., Ltd.', 'organisation'), ['hanbit', 'trading']);
});

test('non-Latin scripts are transliterated; Chinese and Korean syllables become tokens', () => {
  assert.deepEqual(texts('Владимир Путин'), ['vladimir', 'putin']);
  assert.deepEqual(texts('Αλέξης Τσίπρας'), ['alexis', 'tsipras']);
  assert.deepEqual(texts('习近平'), ['xi', 'jin', 'ping']);
  assert.deepEqual(texts('أبو بكر البغدادي'), ['bw', 'bkr', 'al', 'bghddy']);
});

test('token order does not matter ("LAST, First")', () => {
  assert.equal(scoreNamePair('SMITH, John', 'John Smith').score, 1);
});

test('tokens written together or apart still match', () => {
  const r = compareNames(normaliseName('Abdulhai Salek'), normaliseName('Abdul Hai Salek'));
  assert.equal(r.score, 1);
  assert.equal(r.tokens[0]?.how, 'joined');
  assert.equal(scoreNamePair('Xi Jinping', '习近平', 'Person').score, 1);
});

test('a typo, a spelling variant and an initial are tolerated, and explained', () => {
  const typo = compareNames(normaliseName('Jalaludin Haqani'), normaliseName('Jalaluddin Haqqani'));
  assert.ok(typo.score >= 0.8, `score ${typo.score}`);
  const spelling = compareNames(normaliseName('Sergey Lavrov'), normaliseName('Sergei Lavrov'));
  assert.equal(spelling.tokens.find((t) => t.query === 'sergey')?.how, 'spelling');
  assert.ok(scoreNamePair('J. Smith', 'John Smith', 'Person').match);
});

test('Arabic script matches its Latin romanisation by consonants', () => {
  const r = scoreNamePair('Mohammed bin Salman', 'محمد بن سلمان', 'Person');
  assert.ok(r.match, `score ${r.score}`);
  assert.ok(r.tokens.some((t) => t.how === 'consonants'));
});

test('different people who share a name part do not match', () => {
  assert.ok(!scoreNamePair('Mohammed Ali', 'Mohammed Hassan', 'Person').match);
  assert.ok(!scoreNamePair('Bank Melli Iran', 'Bank Sepah', 'Company').match);
  assert.ok(!scoreNamePair('Gazprom', 'Gazprom Neft', 'Company').match);
  assert.ok(!scoreNamePair('Grace 1', 'Grace 2', 'Vessel').match);
});

test('unmatched tokens are reported on both sides', () => {
  const r = compareNames(normaliseName('John Smith'), normaliseName('John Peter Smith'));
  assert.deepEqual(
    r.tokens.map((t) => t.how),
    ['exact', 'exact', 'missing'],
  );
});
