import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFinding, emptyFinding, toFinding } from './findings.ts';

describe('findings typed in the inspection form', () => {
  it('turns a revenue adjustment into what the server expects', () => {
    const r = toFinding({
      ...emptyFinding('revenue_adjustment'),
      amount: '1,250',
      currency: 'usd',
      reason: ' under-valued ',
    });
    assert.deepEqual(r, {
      finding: { type: 'revenue_adjustment', amount: 1250, currency: 'USD', reason: 'under-valued' },
    });
  });

  it('names each field that is wrong before anything is sent', () => {
    const r = toFinding({ ...emptyFinding('seizure'), quantity: 'lots', unit: '', hsCode: '12' });
    assert.ok('problems' in r);
    assert.deepEqual(Object.keys(r.problems).sort(), ['commodity', 'hsCode', 'quantity', 'unit']);
  });

  it('refuses a negative amount and a currency that is not three letters', () => {
    const r = toFinding({ ...emptyFinding('penalty'), amount: '-5', currency: 'DOLLARS' });
    assert.ok('problems' in r);
    assert.deepEqual(Object.keys(r.problems).sort(), ['amount', 'currency']);
  });

  it('describes a finding in one line', () => {
    assert.equal(
      describeFinding({
        type: 'seizure',
        commodity: 'cocaine',
        quantity: 12.5,
        unit: 'kg',
        hsCode: '293979',
      }),
      'Seizure of 12.5 kg cocaine (HS 293979)',
    );
    assert.equal(
      describeFinding({ type: 'revenue_adjustment', amount: 1250, currency: 'USD' }),
      'Revenue adjustment 1,250 USD',
    );
  });
});
