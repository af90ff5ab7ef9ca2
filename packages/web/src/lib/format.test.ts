import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  categoryName,
  formatEvidenceValue,
  formatHours,
  formatMoney,
  formatPercent,
  hitRate,
  signedPoints,
} from './format.ts';

describe('formatting for officers', () => {
  it('writes money with its currency and shortens millions', () => {
    assert.equal(formatMoney(12500, 'USD'), '12,500 USD');
    assert.equal(formatMoney(1_250_000, 'KRW'), '1.25M KRW');
    assert.equal(formatMoney(12.5), '12.5');
    assert.equal(formatMoney(null, 'USD'), '—');
  });

  it('gives no hit rate when nothing was inspected, rather than 0%', () => {
    assert.equal(hitRate({ inspected: 0, findings: 0 }), null);
    assert.equal(formatPercent(hitRate({ inspected: 0, findings: 0 })), '—');
    assert.equal(formatPercent(hitRate({ inspected: 8, findings: 3 })), '37.5%');
    assert.equal(formatPercent(0.5), '50%');
  });

  it('signs points as the explanation does', () => {
    assert.equal(signedPoints(15), '+15');
    assert.equal(signedPoints(-5), '-5');
    assert.equal(signedPoints(2.345), '+2.35');
  });

  it('quotes evidence values so strings and numbers read apart', () => {
    assert.equal(formatEvidenceValue('0901'), '"0901"');
    assert.equal(formatEvidenceValue(1.8200000001), '1.82');
    assert.equal(formatEvidenceValue(['CO', 'PE']), '["CO", "PE"]');
    assert.equal(formatEvidenceValue(undefined), '(none)');
  });

  it('says hours, and days past two days', () => {
    assert.equal(formatHours(5.5), '5.5 h');
    assert.equal(formatHours(72), '3.0 days');
  });

  it('writes rule categories as words', () => {
    assert.equal(categoryName('health_safety'), 'health safety');
    assert.equal(categoryName('revenue'), 'revenue');
  });
});
