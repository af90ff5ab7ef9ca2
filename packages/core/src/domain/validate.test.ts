import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newDeclaration, newInspection, newItem } from '../testing/factories.ts';
import { describeErrors, validateRecord } from './validate.ts';

describe('validateRecord', () => {
  it('accepts a complete declaration and normalises codes', () => {
    const r = validateRecord('declaration', newDeclaration({ items: [newItem({ hsCode: '0901.21' })] }));
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.items[0]?.hsCode, '090121');
  });

  it('names the field, the value and what was expected', () => {
    const bad = { ...newDeclaration(), items: [{ ...newItem(), hsCode: '12AB', netMassKg: -5 }] };
    const r = validateRecord('declaration', bad);
    assert.equal(r.ok, false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.errors.map((e) => [e.field, e]));
    assert.equal(byField['items[0].hsCode']?.value, '12AB');
    assert.match(byField['items[0].hsCode']?.expected ?? '', /HS code of 6 to 10 digits/);
    assert.match(byField['items[0].netMassKg']?.expected ?? '', /zero or more/);
    assert.match(describeErrors(r.errors), /field items\[0\]\.hsCode = "12AB": expected an HS code/);
  });

  it('reports a missing required field as missing', () => {
    const { id: _omit, ...rest } = newDeclaration();
    const r = validateRecord('declaration', rest);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.errors.map((e) => e.field),
      ['id'],
    );
    assert.match(describeErrors(r.errors), /field id is missing/);
  });

  it('rejects unknown countries, impossible dates and bad currencies', () => {
    const r = validateRecord('declaration', {
      ...newDeclaration(),
      dispatchCountry: 'XX',
      lodgedAt: '2026-02-30',
      currency: 'ABC',
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.errors.map((e) => e.field).sort(), ['currency', 'dispatchCountry', 'lodgedAt']);
  });

  it('requires findings exactly when the outcome is a finding', () => {
    const r = validateRecord('inspection', newInspection({ outcome: 'finding', findings: [] }));
    assert.equal(r.ok, false);
    const ok = validateRecord(
      'inspection',
      newInspection({ outcome: 'finding', findings: [{ type: 'revenue_adjustment', amount: 1200 }] }),
    );
    assert.ok(ok.ok);
  });
});
