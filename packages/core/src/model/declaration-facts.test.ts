import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { newDeclaration, newItem, newParty } from '../testing/factories.ts';
import {
  dayNumber,
  declarationFacts,
  ENTITY_FIELDS,
  factsInto,
  type MutableDeclarationFacts,
  writeDeclarationFacts,
} from './declaration-facts.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

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

  it('writes into a reused object exactly the facts it reads afresh', () => {
    const item = fc.record({
      hsCode: fc.constantFrom('85171200', '090111', '3004'),
      value: fc.integer({ min: 1, max: 1e6 }),
      netMassKg: fc.option(fc.double({ min: 0, max: 1e4, noNaN: true }), { nil: undefined }),
      origin: fc.constantFrom('CN', 'VN', 'KR'),
    });
    const declaration = fc.record({
      items: fc.array(item, { minLength: 1, maxLength: 3 }),
      seller: fc.option(fc.constantFrom('S1', 'S2'), { nil: undefined }),
      customsValue: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
      attributes: fc.option(fc.constant({ processType: 'B', importUse: '11' }), { nil: undefined }),
      lodgedAt: fc.constantFrom('2021-01-01T00:00:00.000Z', '2026-03-01T09:00:00+09:00', '2020-02-29'),
    });
    const scratch = declarationFacts(newDeclaration()) as MutableDeclarationFacts;
    fc.assert(
      fc.property(fc.array(declaration, { minLength: 1, maxLength: 4 }), (list) => {
        for (const o of list) {
          const d = newDeclaration({
            items: o.items.map((i) => newItem(i)),
            seller: o.seller === undefined ? undefined : newParty({ id: o.seller }),
            customsValue: o.customsValue,
            attributes: o.attributes,
            lodgedAt: o.lodgedAt,
          });
          assert.deepEqual({ ...writeDeclarationFacts(d, scratch) }, declarationFacts(d));
        }
      }),
    );
  });
});

describe('factsInto', () => {
  it("makes the scratch once, then overwrites it with each declaration's facts", () => {
    const a = newDeclaration({ items: [newItem({ hsCode: '09011100', origin: 'BR', value: 5 })] });
    const b = newDeclaration({
      seller: newParty({ id: 'S2' }),
      items: [newItem({ hsCode: '85171200', origin: 'CN', value: 10 })],
    });
    const first = factsInto(a, undefined);
    assert.deepEqual({ ...first }, declarationFacts(a));
    const second = factsInto(b, first);
    assert.equal(second, first, 'the same object, overwritten');
    assert.deepEqual({ ...second }, declarationFacts(b));
  });
});

describe('dayNumber', () => {
  it('agrees with Date.parse on valid, invalid and offset date-times', () => {
    const iso = fc
      .record({
        y: fc.integer({ min: 1600, max: 2400 }),
        m: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }),
        min: fc.integer({ min: 0, max: 61 }),
        s: fc.integer({ min: 0, max: 61 }),
        ms: fc.integer({ min: 0, max: 999 }),
        form: fc.constantFrom('date', 'Z', 'msZ', 'offset', 'local', 'x'),
      })
      .map(({ y, m, d, h, min, s, ms, form }) => {
        const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        const time = `T${pad(h, 2)}:${pad(min, 2)}:${pad(s, 2)}`;
        if (form === 'date') return date;
        if (form === 'Z') return `${date}${time}Z`;
        if (form === 'msZ') return `${date}${time}.${pad(ms, 3)}Z`;
        if (form === 'offset') return `${date}${time}+09:00`;
        if (form === 'local') return `${date}${time}`;
        return `${date}${time}.${pad(ms, 3)}X`;
      });
    fc.assert(
      fc.property(iso, (s) => {
        assert.equal(dayNumber(s), Math.floor(Date.parse(s) / 86_400_000));
      }),
      { numRuns: 2000 },
    );
    for (const s of ['2024-02-29', '2023-02-29', '2021-12-31T24:00:00Z', '1969-12-31T23:59:59.999Z', '']) {
      assert.equal(dayNumber(s), Math.floor(Date.parse(s) / 86_400_000), s);
    }
  });
});
