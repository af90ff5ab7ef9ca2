import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Declaration } from '../domain/declaration.ts';
import { newDeclaration, newItem, newParty } from '../testing/factories.ts';
import { compileRulesetOrThrow, newList, newRule, type Rule } from './index.ts';

// A small world, so that random rules and random declarations meet often.
const OFFICES = ['KRPUS01', 'KRINC01', 'KRSEL01'];
const MODES = ['1', '4', '5'];
const COUNTRIES = ['CO', 'PE', 'CN', 'KR', 'VN'];
const HS = ['0901210000', '0901900000', '0803900000', '2812100000', '8471300000', '6109100000'];
const PREFIXES = ['09', '0901', '090121', '08', '0803', '2812', '84', '8471', '6109', '61091'];
const PARTIES = ['P1', 'P2', 'P3'];

const lists = [
  newList({ name: 'src', entries: ['CO', 'PE'] }),
  newList({ name: 'chem', type: 'hs_prefix', entries: ['2812', '28', '0901'] }),
  newList({ name: 'watch', type: 'party', entries: ['P2'] }),
];

const q = (s: string) => JSON.stringify(s);
const oneOf = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const declarationAtom = fc.oneof(
  oneOf(OFFICES).map((o) => `declaration.office == ${q(o)}`),
  fc.subarray(MODES, { minLength: 1 }).map((ms) => `declaration.transportMode in [${ms.map(q).join(', ')}]`),
  fc.constant('declaration.dispatchCountry in list("src")'),
  oneOf(COUNTRIES).map((c) => `declaration.dispatchCountry == ${q(c)}`),
  oneOf(PARTIES).map((p) => `declaration.importer.id == ${q(p)}`),
  fc.constant('declaration.importer in list("watch")'),
  fc.integer({ min: 0, max: 20_000 }).map((n) => `declaration.customsValue > ${n}`),
);

const itemAtom = fc.oneof(
  oneOf(PREFIXES).map((p) => `item.hsCode startsWith ${q(p)}`),
  oneOf(COUNTRIES).map((c) => `item.origin == ${q(c)}`),
  fc.constant('item.origin in list("src")'),
  fc.constant('item.hsCode in list("chem")'),
  fc.integer({ min: 0, max: 20 }).map((n) => `item.unitValue < ${n}`),
);

/** Random conditions: and/or/not over atoms, with any/all over items. */
const condition = fc.letrec<{ decl: string; item: string }>((tie) => ({
  decl: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    declarationAtom,
    fc.tuple(tie('decl'), tie('decl')).map(([a, b]) => `(${a} and ${b})`),
    fc.tuple(tie('decl'), tie('decl')).map(([a, b]) => `(${a} or ${b})`),
    tie('decl').map((a) => `not (${a})`),
    fc.tuple(oneOf(['any', 'all']), tie('item')).map(([k, b]) => `(${k} item in declaration.items: ${b})`),
  ),
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    itemAtom,
    declarationAtom,
    fc.tuple(tie('item'), tie('item')).map(([a, b]) => `(${a} and ${b})`),
    fc.tuple(tie('item'), tie('item')).map(([a, b]) => `(${a} or ${b})`),
    tie('item').map((a) => `not (${a})`),
  ),
})).decl;

const scope = fc.option(
  fc.record({ offices: fc.subarray(OFFICES, { minLength: 1 }) }, { requiredKeys: [] }),
  { nil: undefined },
);

const rules = fc
  .array(fc.tuple(condition, scope), { minLength: 1, maxLength: 12 })
  .map((rs) =>
    rs.map(([c, s], i): Rule => newRule({ id: `R${i}`, condition: c, ...(s ? { scope: s } : {}) })),
  );

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const item = fc.record({
  hsCode: oneOf(HS),
  origin: maybe(oneOf(COUNTRIES)),
  quantity: maybe(fc.integer({ min: 0, max: 100 })),
  value: fc.integer({ min: 0, max: 1000 }),
});

const declaration = fc
  .record({
    office: oneOf(OFFICES),
    transportMode: maybe(oneOf(MODES)),
    dispatchCountry: maybe(oneOf(COUNTRIES)),
    importer: maybe(oneOf(PARTIES)),
    customsValue: maybe(fc.integer({ min: 0, max: 20_000 })),
    items: fc.array(item, { minLength: 1, maxLength: 3 }),
  })
  .map(
    (d): Declaration =>
      newDeclaration({
        office: d.office,
        transportMode: d.transportMode,
        dispatchCountry: d.dispatchCountry,
        importer: d.importer ? newParty({ id: d.importer }) : undefined,
        customsValue: d.customsValue,
        items: d.items.map((i, n) => newItem({ sequence: n + 1, ...i })),
      }),
  );

describe('the rule index', () => {
  test('finds exactly the hits of evaluating every rule, with the same explanations', () => {
    fc.assert(
      fc.property(rules, fc.array(declaration, { minLength: 1, maxLength: 8 }), (rs, ds) => {
        const indexed = compileRulesetOrThrow(rs, { lists });
        const everyRule = compileRulesetOrThrow(rs, { lists, index: false });
        for (const d of ds) {
          const [a, b] = [indexed.evaluate(d), everyRule.evaluate(d)];
          assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
        }
      }),
      { numRuns: 300, seed: 20260301 },
    );
  });

  test('a guard that fails for one item does not hide another item that passes it', () => {
    const rs = compileRulesetOrThrow([
      newRule({
        condition:
          'any item in declaration.items: item.hsCode startsWith "0901" and item.origin == "CO" and item.unitValue < 5',
      }),
    ]);
    const items = [
      newItem({ sequence: 1, origin: 'KR', quantity: 10, value: 10 }),
      newItem({ sequence: 2, origin: 'CO', quantity: 10, value: 100 }),
      newItem({ sequence: 3, origin: 'CO', quantity: 10, value: 10 }),
    ];
    assert.equal(rs.evaluate(newDeclaration({ items })).length, 1);
    assert.equal(rs.evaluate(newDeclaration({ items: items.slice(0, 2) })).length, 0);
  });

  test('a rule found by the index is evaluated unless the index has checked every test of it on one item', () => {
    const rs = (condition: string) =>
      compileRulesetOrThrow([newRule({ condition })], { lists }).evaluate(
        newDeclaration({
          importer: newParty({ id: 'P1' }),
          items: [
            newItem({ sequence: 1, hsCode: '0803900000', origin: 'CO', quantity: 1 }),
            newItem({ sequence: 2, hsCode: '0901210000', origin: 'KR', quantity: 10 }),
          ],
        }),
      ).length;
    // The importer is the rarest key; the two item tests hold, but on different items.
    assert.equal(
      rs(
        'declaration.importer.id == "P1" and any item in declaration.items: item.origin == "CO" and item.hsCode startsWith "0901"',
      ),
      0,
    );
    // One item test alone is proved by any item.
    assert.equal(
      rs('declaration.importer.id == "P1" and any item in declaration.items: item.hsCode startsWith "0901"'),
      1,
    );
    // Quantities 1 and 10 span 5, but none is 5.
    assert.equal(
      rs('declaration.importer.id == "P1" and any item in declaration.items: item.quantity == 5'),
      0,
    );
    assert.equal(
      rs('declaration.importer.id == "P1" and any item in declaration.items: item.quantity > 5'),
      1,
    );
    // Looked up by the item's HS code, guarded on the same item.
    assert.equal(
      rs('any item in declaration.items: item.hsCode startsWith "0901" and item.origin == "CO"'),
      0,
    );
    assert.equal(
      rs(
        'any item in declaration.items: item.hsCode startsWith "0901" and item.origin == "KR" and item.quantity >= 10',
      ),
      1,
    );
  });

  test('keys typical rules and leaves only unkeyable ones to run on every declaration', () => {
    const rs = compileRulesetOrThrow(
      [
        newRule({
          id: 'HS',
          condition: 'any item in declaration.items: item.hsCode startsWith "0901" and item.unitValue < 2',
        }),
        newRule({
          id: 'ORIGIN',
          condition: 'declaration.office == "A" and any item in declaration.items: item.origin == "CO"',
        }),
        newRule({
          id: 'PARTY',
          condition: 'declaration.importer in list("watch") or declaration.importer.id == "P9"',
        }),
        newRule({
          id: 'SCOPE',
          condition: 'declaration.customsValue > 100000',
          scope: { offices: ['KRPUS01'] },
        }),
        newRule({ id: 'VALUE', condition: 'declaration.customsValue > 100000' }),
        newRule({ id: 'NOT', condition: 'not (declaration.dispatchCountry == "KR")' }),
      ],
      { lists },
    );
    const stats = rs.indexStats();
    assert.equal(stats.rules, 6);
    assert.equal(stats.unindexed, 2, 'VALUE and NOT cannot be keyed');
    // HS by its unit value, ORIGIN by its office, SCOPE and VALUE by the customs value.
    assert.equal(stats.guarded, 4);
    assert.deepEqual(stats.dimensions.map((d) => d.id).sort(), [
      'declaration.importer.id',
      'declaration.items[].hsCode',
      'declaration.items[].origin',
      'declaration.office',
    ]);
  });
});
