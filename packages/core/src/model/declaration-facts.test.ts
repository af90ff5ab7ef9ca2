import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newDeclaration, newItem, newParty } from '../testing/factories.ts';
import { declarationFacts, ENTITY_FIELDS } from './declaration-facts.ts';

describe('declarationFacts', () => {
  it('lists the ids in ENTITY_FIELDS order, as the profile lookups index them', () => {
    const d = newDeclaration({
      seller: newParty({ id: 'S1' }),
      carrier: newParty({ id: 'C1' }),
      items: [newItem({ hsCode: '85171200', origin: 'CN', value: 10 })],
      attributes: { processType: 'P', importUse: 'U', paymentType: 'T' },
    });
    const f = declarationFacts(d);
    assert.deepEqual(
      f.idList,
      ENTITY_FIELDS.map((k) => f.ids[k]),
    );
    assert.equal(f.ids.hs4, '8517');
    assert.equal(f.ids.carrier, 'C1');
  });
});
