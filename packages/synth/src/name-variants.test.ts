import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameVariant } from './name-variants.ts';
import { Random } from './random.ts';

describe('nameVariant', () => {
  const rng = new Random(5);

  it('keeps the name for exact, and uses the native script when there is one', () => {
    assert.equal(nameVariant(rng, 'Kim Min-jun', 'exact'), 'Kim Min-jun');
    assert.equal(nameVariant(rng, 'Kim Min-jun', 'native-script', '김민준'), '김민준');
  });

  it('moves the first word to the end, keeping the legal form last', () => {
    assert.equal(nameVariant(rng, 'Kim Min-jun', 'reordered'), 'Min-jun Kim');
    assert.equal(nameVariant(rng, 'Hanbit Trading Co., Ltd.', 'reordered'), 'Trading Hanbit Co., Ltd.');
  });

  it('drops or abbreviates the legal form', () => {
    assert.match(nameVariant(rng, 'Hanbit Trading Co., Ltd.', 'legal-form'), /^HANBIT TRADING( CO LTD)?$/);
  });

  it('misspells by one edit or an alternative romanisation', () => {
    for (let i = 0; i < 50; i++) {
      const v = nameVariant(rng, 'Northbridge Supply Inc.', 'misspelt');
      assert.notEqual(v, 'Northbridge Supply Inc.');
      assert.ok(Math.abs(v.length - 'Northbridge Supply Inc.'.length) <= 1);
    }
  });
});
